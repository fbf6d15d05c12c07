"""The e-mail fan-out measure: 1,000 notifications sent by one Celery worker to a local SMTP
sink (aiosmtpd, started here), timed from the enqueueing to the last message received; each
message is known by its Message-ID, so duplicates and lost ones are counted.

The worker runs on the bench's own filesystem broker, single-process, as `make run` runs it;
with BENCH_BROKER_URL (a Redis database of the bench's own, e.g. redis://127.0.0.1:6379/15) it
runs as docker-compose.yml runs production's: Redis, prefork, two processes."""

import logging
import os
import subprocess
import sys
import threading
import time
from email import message_from_bytes

from .database import ROOT
from .runner import free_port

FANOUT_GOAL_S = 10
BROKER = os.environ.get("BENCH_BROKER_URL", "")


class Sink:
    """aiosmtpd handler: the Message-IDs received, in order (duplicates kept)."""

    def __init__(self):
        self.ids, self.lock = [], threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content or envelope.content)
        with self.lock:
            self.ids.append(message.get("Message-ID"))
        return "250 OK"


def fanout(count: int = 1000, timeout: float = 120) -> dict:
    try:
        from aiosmtpd.controller import Controller
    except ImportError:
        return {"fanout_error": "aiosmtpd is not installed (make venv-dev)"}
    from config.celery import app
    from notifications.emails import message_id
    from notifications.models import Notification
    from notifications.services import enqueue_emails

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's line per command
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    worker = _start_worker(port)
    try:
        users = list(_recipients())
        rows = Notification.objects.bulk_create(
            Notification(
                recipient=users[n % len(users)],
                kind="bench",
                subject=f"Bench fan-out {n}",
                message="Thư kiểm tra tốc độ gửi (bench).",
                email_status=Notification.EmailStatus.PENDING,
            )
            for n in range(count)
        )
        ids = [row.pk for row in rows]
        expected = {message_id(row) for row in rows}
        eager = app.conf.task_always_eager
        app.conf.task_always_eager = False  # the worker sends, as in production
        try:
            start = time.perf_counter()
            with app.connection_for_write(BROKER or None) as connection:
                enqueue_emails(ids, connection=connection)
            while (
                len(expected.intersection(sink.ids)) < count
                and time.perf_counter() - start < timeout
            ):
                time.sleep(0.05)
            elapsed = time.perf_counter() - start
        finally:
            app.conf.task_always_eager = eager
        time.sleep(2)  # late duplicates
        received = [mid for mid in sink.ids if mid in expected]
        sent = Notification.objects.filter(pk__in=ids, email_status="sent").count()
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        controller.stop()
    return {
        "fanout_notifications": count,
        "fanout_seconds": round(elapsed, 2),
        "fanout_received": len(received),
        "fanout_duplicates": len(received) - len(set(received)),
        "fanout_lost": count - len(set(received)),
        "fanout_rows_sent": sent,
        "fanout_goal_seconds": FANOUT_GOAL_S,
        "fanout_worker": "redis, prefork x2" if BROKER else "filesystem broker, solo",
    }


def _recipients():
    from agencies.models import User

    return User.objects.exclude(email="").order_by("pk")[:20]


def _start_worker(port: int) -> subprocess.Popen:
    """One Celery worker on the bench database, sending to the sink."""
    env = {**os.environ, "CELERY_TASK_ALWAYS_EAGER": "0", "EMAIL_HOST": "127.0.0.1",
           "EMAIL_PORT": str(port), "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
           "DEBUG": "0"}  # fmt: skip
    pool = ["--pool=solo", "--concurrency=1"]
    if BROKER:
        env["CELERY_BROKER_URL"] = BROKER
        pool = ["--pool=prefork", "--concurrency=2"]
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", *pool,
               "--without-gossip", "--without-mingle", "-l", "info"]  # fmt: skip
    worker = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    for line in worker.stderr:
        if " ready." in line or time.monotonic() > deadline:
            break
    threading.Thread(target=lambda: [None for _ in worker.stderr], daemon=True).start()
    return worker
