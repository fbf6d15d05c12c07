from django.conf import settings
from django.db import transaction

from .messages import render
from .models import Notification
from .recipients import recipients_for


def notifications_for_transition(*, initiative, log, extra) -> list[Notification]:
    """Write one inbox/outbox row per recipient and enqueue e-mails once the transition commits."""
    recipients = [
        u for u in recipients_for(log.transition, initiative, extra) if u.pk != log.actor_id
    ]
    rows = []
    for user in recipients:
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
    from .tasks import send_notification_email

    for pk in ids:
        try:
            send_notification_email.delay(pk)
        except Exception:
            import logging

            logging.getLogger(__name__).warning(
                "Could not enqueue e-mail %s; sweeper will retry", pk
            )


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"
