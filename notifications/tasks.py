import logging
from datetime import timedelta

from celery import shared_task
from django.db.models import F, Q
from django.utils import timezone

from .emails import build_email
from .models import Notification
from .services import enqueue_emails

log = logging.getLogger(__name__)
Status = Notification.EmailStatus
MAX_ATTEMPTS = 5
# Exponential backoff between SMTP attempts: 2, 4, 8, 16 minutes.
RETRY_BASE_SECONDS = 60
# A row still pending this long after creation was never picked up (broker down, lost task).
PENDING_GRACE = timedelta(minutes=3)
# A row claimed this long ago whose worker never reported back (crash) is released again.
CLAIM_TIMEOUT = timedelta(minutes=15)


def _claim(pk: int) -> bool:
    """Conditional UPDATE: exactly one task wins the row, however many were enqueued."""
    return bool(
        Notification.objects.filter(pk=pk, email_status=Status.PENDING).update(
            email_status=Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    )


@shared_task(bind=True, max_retries=MAX_ATTEMPTS)
def send_notification_email(self, notification_id: int) -> str:
    if not _claim(notification_id):
        return "already-claimed"
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        build_email(notification).send()
    except Exception as exc:
        final = notification.attempts >= MAX_ATTEMPTS
        Notification.objects.filter(pk=notification_id).update(
            email_status=Status.FAILED if final else Status.PENDING, last_error=str(exc)[:2000]
        )
        if final:
            return "failed"
        raise self.retry(exc=exc, countdown=RETRY_BASE_SECONDS * 2**notification.attempts) from exc
    Notification.objects.filter(pk=notification_id).update(
        email_status=Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


@shared_task
def resend_pending_emails() -> int:
    """Sweeper: re-enqueue what a broker outage or a crashed worker left behind."""
    now = timezone.now()
    Notification.objects.filter(
        email_status=Status.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    ).update(email_status=Status.PENDING)
    stale = Notification.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT),
        email_status=Status.PENDING,
        created_at__lt=now - PENDING_GRACE,
    ).values_list("pk", flat=True)
    ids = list(stale[:500])
    enqueue_emails(ids)
    return len(ids)


# Periodic jobs defined beside their logic; imported here so Celery registers them.
from . import digest, reminders  # noqa: E402, F401
