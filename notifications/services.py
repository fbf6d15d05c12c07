import logging

from django.conf import settings
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .messages import render
from .models import Notification
from .recipients import recipients_for

logger = logging.getLogger(__name__)


def notifications_for_transition(*, initiative, log, extra) -> list[Notification]:
    """One inbox/outbox row per recipient; e-mails are enqueued once the transition commits."""
    recipients = recipients_for(log.transition, initiative, extra)
    rows = []
    for user in recipients:
        if user.pk == log.actor_id:
            continue  # nobody is told of their own action
        subject, message = render(log.transition, initiative, log, user.language)
        rows.append(
            Notification(
                recipient=user,
                kind=log.transition,
                initiative=initiative,
                subject=subject,
                message=message,
                url=f"/initiatives/{initiative.pk}/",
                email_status=(
                    Notification.EmailStatus.PENDING
                    if user.email
                    else Notification.EmailStatus.SKIPPED
                ),
            )
        )
    created = Notification.objects.bulk_create(rows)
    pending = [n.pk for n in created if n.email_status == Notification.EmailStatus.PENDING]
    if pending:
        transaction.on_commit(lambda: enqueue_emails(pending))
    return created


def enqueue_emails(ids) -> None:
    """Best effort: if the broker is down, the periodic sweeper sends these later."""
    from .tasks import send_notification_email  # tasks import this module

    for pk in ids:
        try:
            send_notification_email.delay(pk)
        except Exception:
            logger.warning("Could not enqueue e-mail %s; the sweeper will retry", pk)


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def notification_mark_read(*, recipient, notification_id) -> Notification:
    notification = get_object_or_404(Notification, pk=notification_id, recipient=recipient)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, recipient) -> int:
    unread = Notification.objects.filter(recipient=recipient, read_at__isnull=True)
    return unread.update(read_at=timezone.now())
