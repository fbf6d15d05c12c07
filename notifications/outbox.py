"""The e-mail outbox's state changes, in one place (the tasks in tasks.py only call these):

    pending → sending (a task's claim) → sent | pending (a retry) | failed (attempts spent)
    sending → pending (its claim expired, or its worker is provably gone) → enqueued again

Every change is a conditional UPDATE on the state it expects, so two processes racing for one
row never both win: the loser changes nothing and moves on.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from . import claims
from .models import Notification

log = logging.getLogger(__name__)
Status = Notification.EmailStatus
MAX_ATTEMPTS = 5
# A row still pending this long after creation was never picked up (broker down, lost task).
PENDING_GRACE = timedelta(minutes=3)
# A row claimed this long ago whose worker never reported back (crash) is released again,
# when nothing better is known (claims.py). A send cannot outlive its claim: the SMTP
# connection times out (EMAIL_TIMEOUT) and the worker ends a task after SEND_TIME_LIMIT.
CLAIM_TIMEOUT = timedelta(minutes=15)
SEND_TIME_LIMIT = 5 * 60
SENDER_STOPPED = gettext_noop("The worker sending this e-mail stopped before it finished.")


def outbox_claim(*, notification_id: int) -> bool:
    """Exactly one task wins the row, however many were enqueued."""
    return bool(
        Notification.objects.filter(pk=notification_id, email_status=Status.PENDING).update(
            email_status=Status.SENDING,
            claimed_at=timezone.now(),
            claimed_by=claims.current_holder(),
            attempts=F("attempts") + 1,
        )
    )


def outbox_claim_batch(*, notification_ids) -> list[int]:
    """A batch task's claim: those of these rows still pending, in one transaction (rows
    another task holds or has sent are left alone; on PostgreSQL rows locked by a concurrent
    claim are skipped, not waited for). Returns the ids claimed."""
    with transaction.atomic():
        pending = Notification.objects.select_for_update(skip_locked=True).filter(
            pk__in=list(notification_ids), email_status=Status.PENDING
        )
        claimed = list(pending.order_by("pk").values_list("pk", flat=True))
        Notification.objects.filter(pk__in=claimed, email_status=Status.PENDING).update(
            email_status=Status.SENDING,
            claimed_at=timezone.now(),
            claimed_by=claims.current_holder(),
            attempts=F("attempts") + 1,
        )
    return claimed


def outbox_release_untried(*, notification_ids) -> list[int]:
    """Rows a batch claimed but never tried to send (its connection failed first): back to
    pending with the claim's attempt given back. Returns those released."""
    held = Notification.objects.filter(pk__in=list(notification_ids), email_status=Status.SENDING)
    released = list(held.values_list("pk", flat=True))
    held.filter(pk__in=released).update(
        email_status=Status.PENDING, claimed_at=None, attempts=F("attempts") - 1
    )
    return released


def outbox_sent(*, notification_id: int) -> None:
    Notification.objects.filter(pk=notification_id).update(
        email_status=Status.SENT, sent_at=timezone.now(), last_error=""
    )


def outbox_failed(*, notification_id: int, attempts: int, error: str) -> bool:
    """A send failed: back to pending for a retry, or failed for good once the attempts are
    spent (returns True then)."""
    final = attempts >= MAX_ATTEMPTS
    Notification.objects.filter(pk=notification_id).update(
        email_status=Status.FAILED if final else Status.PENDING, last_error=error[:2000]
    )
    return final


def outbox_release_expired() -> None:
    """Rows whose claim expired (the worker never reported back) may be sent again."""
    Notification.objects.filter(
        email_status=Status.SENDING, claimed_at__lt=timezone.now() - CLAIM_TIMEOUT
    ).update(email_status=Status.PENDING)


def outbox_stale_ids(limit: int = 500) -> list[int]:
    """Pending rows nobody picked up (a broker outage, a lost task), oldest first."""
    now = timezone.now()
    return list(
        Notification.objects.filter(
            Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT),
            email_status=Status.PENDING,
            created_at__lt=now - PENDING_GRACE,
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


def outbox_release_abandoned() -> list[int]:
    """Rows left in `sending` by a process that is provably gone (killed, crashed, out of
    memory) go back to `pending` at once, without waiting for CLAIM_TIMEOUT. A row whose sender
    died MAX_ATTEMPTS times fails instead of killing workers forever. Returns the released."""
    claimed = Notification.objects.filter(email_status=Status.SENDING).exclude(claimed_by="")
    released = []
    for pk, holder, attempts in claimed.values_list("pk", "claimed_by", "attempts"):
        if claims.is_gone(holder) and _release(pk, holder, final=attempts >= MAX_ATTEMPTS):
            released.append(pk)
    if released:
        log.warning("Released %d e-mail(s) whose worker stopped mid-send", len(released))
    return released


def _release(pk: int, holder: str, *, final: bool) -> bool:
    """True when the row goes back to pending (not when it fails for good)."""
    changed = Notification.objects.filter(
        pk=pk, email_status=Status.SENDING, claimed_by=holder
    ).update(
        email_status=Status.FAILED if final else Status.PENDING,
        claimed_at=None,
        last_error=_(SENDER_STOPPED) if final else F("last_error"),
    )
    return bool(changed) and not final
