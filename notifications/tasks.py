import logging
from datetime import timedelta

from celery import shared_task
from celery.signals import worker_ready
from django.db import connections
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import claims
from .emails import build_email
from .models import Notification
from .services import emails_requeue

log = logging.getLogger(__name__)
Status = Notification.EmailStatus
MAX_ATTEMPTS = 5
# Exponential backoff between SMTP attempts: 2, 4, 8, 16 minutes.
RETRY_BASE_SECONDS = 60
# A row still pending this long after creation was never picked up (broker down, lost task).
PENDING_GRACE = timedelta(minutes=3)
# A row claimed this long ago whose worker never reported back (crash) is released again,
# when nothing better is known (claims.py). A send cannot outlive its claim: the SMTP
# connection times out (EMAIL_TIMEOUT) and the worker ends a task after SEND_TIME_LIMIT.
CLAIM_TIMEOUT = timedelta(minutes=15)
SEND_TIME_LIMIT = 5 * 60


def _claim(pk: int) -> bool:
    """Conditional UPDATE: exactly one task wins the row, however many were enqueued."""
    return bool(
        Notification.objects.filter(pk=pk, email_status=Status.PENDING).update(
            email_status=Status.SENDING,
            claimed_at=timezone.now(),
            claimed_by=claims.current_holder(),
            attempts=F("attempts") + 1,
        )
    )


@shared_task(bind=True, max_retries=MAX_ATTEMPTS, time_limit=SEND_TIME_LIMIT)
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
    released = release_abandoned_claims()
    Notification.objects.filter(
        email_status=Status.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    ).update(email_status=Status.PENDING)
    stale = Notification.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT),
        email_status=Status.PENDING,
        created_at__lt=now - PENDING_GRACE,
    ).values_list("pk", flat=True)
    return len(emails_requeue(ids=[*released, *stale[:500]]))


def release_abandoned_claims() -> list[int]:
    """Rows left in `sending` by a process that is provably gone (killed, crashed, out of
    memory) go back to `pending` at once, without waiting for CLAIM_TIMEOUT. A row whose sender
    died MAX_ATTEMPTS times fails instead of killing workers forever."""
    claimed = Notification.objects.filter(email_status=Status.SENDING).exclude(claimed_by="")
    released = []
    for pk, holder, attempts in claimed.values_list("pk", "claimed_by", "attempts"):
        if not claims.is_gone(holder):
            continue
        final = attempts >= MAX_ATTEMPTS
        changed = Notification.objects.filter(
            pk=pk, email_status=Status.SENDING, claimed_by=holder
        ).update(
            email_status=Status.FAILED if final else Status.PENDING,
            claimed_at=None,
            last_error=_("The worker sending this e-mail stopped before it finished.")
            if final
            else F("last_error"),
        )
        if changed and not final:
            released.append(pk)
    if released:
        log.warning("Released %d e-mail(s) whose worker stopped mid-send", len(released))
    return released


@worker_ready.connect
def _resend_what_a_stopped_worker_left(**kwargs):
    """A worker that starts — typically after the previous one was killed — sends again at once
    what a stopped process of this machine left in `sending`."""
    try:
        emails_requeue(ids=release_abandoned_claims())
    finally:
        connections.close_all()  # the worker's main process keeps no database connection


# Periodic jobs defined beside their logic; imported here so Celery registers them.
from . import digest, reminders  # noqa: E402, F401
