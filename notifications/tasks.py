"""The outbox's Celery tasks: each takes ids, and every state change is in outbox.py."""

from celery import shared_task
from celery.signals import worker_ready
from django.db import connections

from .emails import build_email
from .models import Notification
from .outbox import (
    MAX_ATTEMPTS,
    SEND_TIME_LIMIT,
    outbox_claim,
    outbox_failed,
    outbox_release_abandoned,
    outbox_release_expired,
    outbox_sent,
    outbox_stale_ids,
)
from .services import emails_requeue

# Exponential backoff between SMTP attempts: 2, 4, 8, 16 minutes.
RETRY_BASE_SECONDS = 60


@shared_task(bind=True, max_retries=MAX_ATTEMPTS, time_limit=SEND_TIME_LIMIT)
def send_notification_email(self, notification_id: int) -> str:
    if not outbox_claim(notification_id=notification_id):
        return "already-claimed"
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        build_email(notification).send()
    except Exception as exc:
        attempts = notification.attempts
        if outbox_failed(notification_id=notification_id, attempts=attempts, error=str(exc)):
            return "failed"
        raise self.retry(exc=exc, countdown=RETRY_BASE_SECONDS * 2**attempts) from exc
    outbox_sent(notification_id=notification_id)
    return "sent"


@shared_task
def resend_pending_emails() -> int:
    """Sweeper: re-enqueue what a broker outage or a crashed worker left behind."""
    released = outbox_release_abandoned()
    outbox_release_expired()
    return len(emails_requeue(ids=[*released, *outbox_stale_ids()]))


@worker_ready.connect
def _resend_what_a_stopped_worker_left(**kwargs):
    """A worker that starts — typically after the previous one was killed — sends again at once
    what a stopped process of this machine left in `sending`."""
    try:
        emails_requeue(ids=outbox_release_abandoned())
    finally:
        connections.close_all()  # the worker's main process keeps no database connection


# Periodic jobs defined beside their logic; imported here so Celery registers them.
from . import digest, reminders  # noqa: E402, F401
