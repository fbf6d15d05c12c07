"""Chaos: a Celery worker killed with `kill -9` in the middle of a batch of e-mails. After a new
worker starts, every e-mail has been delivered exactly once — none lost, none twice.

Real worker processes (prefork, two pool processes, as in production) consume a private
redis-server and share the PostgreSQL test database with the test. The "SMTP server" is
tests/notifications/slow_mail.py: each message takes SEND_SECONDS to go through and is then
accepted as one file, so the test sees which sends are in flight and counts deliveries per
notification (by Message-ID). The whole process group — the worker and its pool processes —
is killed while both pool processes are in the middle of a send.

What the killed worker leaves: its two in-flight rows claimed (`sending`), their task messages
unacknowledged in Redis (redelivered only after the visibility timeout, an hour), the rest of
the batch still queued. The new worker sends the queued ones and, at start-up, releases the
claims of the killed processes (provably gone: notifications/claims.py) and sends them too.
"""

import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.db import connection

from notifications import claims
from notifications.emails import message_id
from notifications.models import Notification
from notifications.tasks import resend_pending_emails, send_notification_email
from tests.conftest import make_draft, require_service
from tests.ops.web_server import BASE_DIR, project_env
from workflow import services

from .celery_support import PrivateRedis, _die_with_parent, broker_at, wait_for
from .slow_mail import deliveries, in_flight, key, prepare

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]
Status = Notification.EmailStatus
SEND_SECONDS = 2.0
DOSSIERS = 5  # each submission e-mails the reviewer and the agency head: 10 e-mails
CONCURRENCY = 2


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        require_service("PostgreSQL", "worker processes share the test database with the test")


@pytest.fixture
def private_redis():
    binary = PrivateRedis.binary_or_none()
    if binary is None:
        require_service("redis-server", "the killed worker's unacknowledged tasks stay private")
    server = PrivateRedis(binary)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    auth = f"{auth}@" if auth else ""
    return f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class WorkerProcess:
    """`celery worker` as production runs it, in its own process group (worker + pool)."""

    def __init__(self, name: str, env: dict[str, str], log_path: Path):
        self.name, self.env, self.log_path = name, env, log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed when the worker ends
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "config", "worker", "-l", "info",
                "-P", "prefork", "-c", str(CONCURRENCY), "-n", f"{self.name}@%h",
                "--without-mingle", "--without-gossip", "--without-heartbeat",
            ],
            cwd=BASE_DIR, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=_die_with_parent,
        )  # fmt: skip

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        """kill -9 of the worker and its pool processes at once."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self._log.close()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)  # warm shutdown
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self._log.close()


@pytest.fixture
def start_worker(tmp_path, private_redis):
    mail_dir = prepare(tmp_path / "mail")
    env = project_env(
        tmp_path / "var",
        DATABASE_URL=database_url(),
        CELERY_BROKER_URL=private_redis.url,
        EMAIL_BACKEND="tests.notifications.slow_mail.SlowFileBackend",
        SLOW_MAIL_DIR=str(mail_dir),
        SLOW_MAIL_SECONDS=str(SEND_SECONDS),
    )
    started = []

    def start(name):
        worker = WorkerProcess(name, env, tmp_path / f"{name}.log")
        started.append(worker)
        worker.start()
        return worker

    start.mail_dir = mail_dir
    yield start
    for worker in started:
        worker.stop()


def statuses(expected) -> dict[str, str]:
    rows = Notification.objects.filter(pk__in=expected.values())
    by_pk = dict(rows.values_list("pk", "email_status"))
    return {k: by_pk[pk] for k, pk in expected.items()}


def test_a_worker_killed_mid_batch_loses_no_email_and_sends_none_twice(
    postgresql, private_redis, start_worker, province
):
    mail_dir = start_worker.mail_dir
    drafts = [make_draft(province, title=f"Một cửa liên thông, giai đoạn {n}") for n in range(5)]
    with broker_at(private_redis.url):
        for draft in drafts:
            services.initiative_submit(initiative=draft, actor=province.staff)
        rows = Notification.objects.filter(email_status=Status.PENDING)
        expected = {key(message_id(row)): row.pk for row in rows}
        assert len(expected) == 2 * DOSSIERS
        assert redis.Redis(port=private_redis.port).llen("celery") == len(expected)

        # --- The first worker is killed while both its pool processes are mid-send. --------
        first = start_worker("first")

        def mid_batch():
            flying = in_flight(mail_dir)
            done = sum(deliveries(mail_dir).values())
            return flying if done >= CONCURRENCY and len(flying) == CONCURRENCY else None

        flying = wait_for(mid_batch, "the first worker to be mid-batch", timeout=90)
        first.kill()

        delivered = deliveries(mail_dir)
        assert not set(flying) & set(delivered), "the kill must land before the server accepted"
        assert CONCURRENCY <= sum(delivered.values()) < len(expected)
        assert all(n == 1 for n in delivered.values())
        holders = _holders(flying, expected)
        wait_for(  # SIGKILL is delivered to the pool processes asynchronously
            lambda: all(claims.is_gone(holder) for holder in holders),
            "the killed pool processes to be gone",
            timeout=15,
        )
        left = statuses(expected)
        assert {k for k, s in left.items() if s == Status.SENDING} == set(flying)  # stuck
        assert {k for k, s in left.items() if s == Status.SENT} == set(delivered)

        # --- A new worker starts: the queued rest and the two interrupted sends go out. ----
        second = start_worker("second")
        wait_for(
            lambda: set(statuses(expected).values()) == {Status.SENT},
            "every e-mail to be sent after the new worker started",
            timeout=90,
        )
        assert deliveries(mail_dir) == Counter(dict.fromkeys(expected, 1)), second.log()[-3000:]
        attempts = dict(Notification.objects.values_list("pk", "attempts"))
        assert {k: attempts[pk] for k, pk in expected.items()} == {
            k: 2 if k in flying else 1 for k in expected
        }

        # --- Later: a sweep, and the killed worker's tasks redelivered (Redis does so after
        # the visibility timeout; here they are published again) send nothing more. -------
        assert resend_pending_emails() == 0
        for pk in expected.values():
            send_notification_email.delay(pk)
        wait_for(
            lambda: second.log().count("'already-claimed'") == len(expected),
            "the redelivered tasks to run",
            timeout=60,
        )
        assert deliveries(mail_dir) == Counter(dict.fromkeys(expected, 1))


def _holders(flying, expected) -> list[str]:
    pks = [expected[k] for k in flying]
    return list(Notification.objects.filter(pk__in=pks).values_list("claimed_by", flat=True))
