"""Shared helpers of the real-worker tests: the project's Celery app pointed at a given Redis,
an embedded worker thread, a record of the tasks it ran, polling, and a private redis-server
that a test may stop and start without touching the Redis everybody else uses.

Plain functions and context managers (not fixtures), so test modules import them without
unused-import tricks and keep their own fixtures short.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import after_task_publish, task_postrun
from django.db import connections
from kombu import Connection
from redis.backoff import NoBackoff
from redis.retry import Retry

from config.celery import app

TIMEOUT = 20.0


def wait_for(predicate, what: str, timeout: float = TIMEOUT):
    """Poll predicate until it returns something truthy; fail the test after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() >= deadline:
            pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(0.05)


def _point_at(env_url: str | None, conf_url: str | None) -> None:
    # Celery reads CELERY_BROKER_URL from the environment before app.conf (Settings.broker_url),
    # so setting app.conf.broker_url alone changes nothing when the variable is set.
    if env_url is None:
        os.environ.pop("CELERY_BROKER_URL", None)
    else:
        os.environ["CELERY_BROKER_URL"] = env_url
    app.conf.broker_url = conf_url
    # Connections and producers are pooled per app, made for the URL they were first used
    # with. (Not app.close(): it unregisters the app, and shared tasks imported later would
    # no longer be bound to it.)
    app._pool = None
    if "amqp" in vars(app):
        app.amqp._producer_pool = None


@contextlib.contextmanager
def broker_at(url: str, *, purge: bool = True):
    """The project's Celery app publishing to url, tasks really queued (not eager)."""
    saved = os.environ.get("CELERY_BROKER_URL"), app.conf.get("broker_url")
    saved_eager = app.conf.task_always_eager
    _point_at(url, url)
    app.conf.task_always_eager = False
    try:
        # Publishing and the worker really use url now.
        assert app.connection_for_write().as_uri(True) == Connection(url).as_uri(True)
        if purge:
            app.control.purge()  # leftovers of earlier runs must not reach this worker
        yield app
    finally:
        app.conf.task_always_eager = saved_eager
        _point_at(*saved)


@contextlib.contextmanager
def running_worker():
    """A real worker consuming from app's broker in a thread of this process.

    Its database connection is its own (it sees only committed rows) and closes after each
    task, so it cannot outlive the test and keep the test database from being dropped.
    """
    db_settings = connections["default"].settings_dict
    saved_max_age = db_settings["CONN_MAX_AGE"]
    saved_hijack = app.conf.worker_hijack_root_logger
    db_settings["CONN_MAX_AGE"] = 0
    app.conf.worker_hijack_root_logger = False  # leave pytest's log capture alone
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield
    finally:
        db_settings["CONN_MAX_AGE"] = saved_max_age
        app.conf.worker_hijack_root_logger = saved_hijack


class TaskLog:
    """What this process published and what the worker finished, from Celery's signals.

    Tests wait on these rather than polling the database while the worker writes to it: on
    SQLite (an in-memory, shared-cache test database) a read in the test thread would lock
    the table under the worker's UPDATE ("database table is locked").
    """

    def __init__(self):
        self.published: list[str] = []
        self.finished: list[tuple[str, object]] = []

    def _on_publish(self, sender=None, **kwargs):
        self.published.append(sender)  # the task name; sent only when publishing succeeded

    def _on_postrun(self, sender=None, retval=None, **kwargs):
        self.finished.append((sender.name, retval))

    def published_count(self, task) -> int:
        return list(self.published).count(task.name)

    def results(self, task) -> list:
        """Return values of the runs of task, in order (a retried run returns a Retry)."""
        return [retval for name, retval in list(self.finished) if name == task.name]

    def idle(self, task) -> bool:
        """Every published run of task has finished (retries publish again, so they count)."""
        return len(self.results(task)) == self.published_count(task)

    @contextlib.contextmanager
    def recording(self):
        after_task_publish.connect(self._on_publish, weak=False)
        task_postrun.connect(self._on_postrun, weak=False)
        try:
            yield self
        finally:
            task_postrun.disconnect(self._on_postrun)
            after_task_publish.disconnect(self._on_publish)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:
    """In the child before exec: on Linux, have the kernel end it if pytest itself is killed
    (the fixture's finally cannot run then)."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


class PrivateRedis:
    """A throw-away redis-server on a free port, without persistence: stopping it is a
    broker outage for whoever points at it, and nobody else does."""

    def __init__(self, binary: str, port: int | None = None):
        self.binary = binary
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    @staticmethod
    def binary_or_none() -> str | None:
        return shutil.which("redis-server")

    def _ping(self) -> bool:
        try:
            # redis-py retries with backoff by default: one quick try is what polling needs.
            client = redis.Redis(
                port=self.port, socket_connect_timeout=0.5, retry=Retry(NoBackoff(), 0)
            )
            return client.ping()
        except redis.exceptions.RedisError:
            return False

    def start(self) -> None:
        assert self.process is None, "already running"
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )
        wait_for(self._ping, f"redis-server on port {self.port} to answer", timeout=10)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        wait_for(lambda: not self._ping(), f"redis-server on port {self.port} to stop", 10)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None
