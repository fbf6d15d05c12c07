"""The outbox's Celery tasks: each takes ids, and every state change is in outbox.py."""

from contextlib import suppress
from smtplib import SMTPServerDisconnected

from celery import shared_task
from celery.signals import worker_ready
from django.core.mail import get_connection
from django.db import connections

from .emails import build_email
from .models import Notification
from .outbox import (
    MAX_ATTEMPTS,
    SEND_TIME_LIMIT,
    outbox_claim,
    outbox_claim_batch,
    outbox_failed,
    outbox_release_abandoned,
    outbox_release_expired,
    outbox_release_untried,
    outbox_sent,
    outbox_stale_ids,
)
from .services import emails_requeue

# A send that fails this way broke the SMTP connection (refused, dropped, timed out): the rest of
# a batch would fail the same way. (smtplib's errors are OSErrors too: a refused recipient is
# not among these.)
CONNECTION_FAILURES = (SMTPServerDisconnected, ConnectionError, TimeoutError)
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


@shared_task(time_limit=SEND_TIME_LIMIT)
def send_notification_emails(notification_ids: list[int]) -> int:
    """A fan-out's share (services.EMAIL_BATCH e-mails): claimed together, sent over one SMTP
    connection opened once, each marked sent as soon as the server took it. One that fails is
    handed to its own task (send_notification_email: the same backoff and attempts as any
    e-mail). When the connection itself fails (cannot open, dropped, timed out) the batch stops
    there: the e-mails not tried go back to the outbox without an attempt counted, each to its
    own task, so an outage never spends a whole batch's attempts. Returns how many were sent."""
    claimed = outbox_claim_batch(notification_ids=notification_ids)
    rows = list(
        Notification.objects.select_related("recipient").filter(pk__in=claimed).order_by("pk")
    )
    sent = 0
    connection = get_connection()
    try:
        connection.open()
    except Exception:
        _untried_later([row.pk for row in rows])
        return 0
    try:
        for index, notification in enumerate(rows):
            try:
                message = build_email(notification)
                message.connection = connection
                message.send()
            except CONNECTION_FAILURES as exc:
                _send_alone_later(notification, exc)
                _untried_later([row.pk for row in rows[index + 1 :]])
                break
            except Exception as exc:
                _send_alone_later(notification, exc)
                continue
            outbox_sent(notification_id=notification.pk)
            sent += 1
    finally:
        # The server may have gone away: every message is already accounted for.
        with suppress(Exception):
            connection.close()
    return sent


def _untried_later(ids) -> None:
    """Claimed by a batch that stopped before trying them: back to pending, no attempt counted,
    each sent by its own task a little later."""
    for pk in outbox_release_untried(notification_ids=ids):
        send_notification_email.apply_async((pk,), countdown=RETRY_BASE_SECONDS)


def _send_alone_later(notification, exc) -> None:
    attempts = notification.attempts
    if not outbox_failed(notification_id=notification.pk, attempts=attempts, error=str(exc)):
        send_notification_email.apply_async(
            (notification.pk,), countdown=RETRY_BASE_SECONDS * 2**attempts
        )


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
