"""Writing notifications: one row per recipient, the in-app entry and the e-mail outbox in one.

Rows are written inside the caller's transaction; e-mails are enqueued only once it commits.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from workflow.appeal_rules import CONTESTED
from workflow.deadlines import due_date
from workflow.models import DeadlineRule
from workflow.refusal import ground_labels
from workflow.reminders import basis_line

from .events import Category, Channel, event
from .messages import render
from .models import Notification, NotificationPreference
from .recipients import recipients_for

logger = logging.getLogger(__name__)
# A fan-out of this many e-mails or more is sent in tasks of EMAIL_BATCH (enqueue_emails).
EMAIL_BATCH_FROM = 20
EMAIL_BATCH = 50
Status = Notification.EmailStatus

# Where the deadline of what a transition asks for is kept, and the rule that sets it.
_DUE_AFTER = {
    "submit": ("review_due", DeadlineRule.Stage.DEPARTMENT_REVIEW),
    "resubmit": ("review_due", DeadlineRule.Stage.DEPARTMENT_REVIEW),
    "request_revision": ("revision_due", DeadlineRule.Stage.REVISION_REPLY),
    "accept": ("decision_due", DeadlineRule.Stage.DECISION),
    "complete_scoring": ("decision_due", DeadlineRule.Stage.DECISION),
    "appeal": ("appeal_due", DeadlineRule.Stage.APPEAL_RESOLUTION),
}
# A granted appeal reopens a stage: its deadline is the one told (the decision's never restarts).
_DUE_AFTER_APPEAL = {
    "department_review": ("review_due", DeadlineRule.Stage.DEPARTMENT_REVIEW),
    "council_review": ("decision_due", DeadlineRule.Stage.DECISION),
}


def notifications_for_transition(*, initiative, log, extra) -> list[Notification]:
    field, stage = _DUE_AFTER.get(log.transition, ("", None))
    if log.transition == "resolve_appeal":
        field, stage = _DUE_AFTER_APPEAL.get(log.target, ("", None))
    due = extra.get("report_due") or getattr(initiative, field, None)
    # A deadline the law sets is named with its legal basis.
    details = (basis_line(stage),) if stage and due else ()
    return notify(
        recipients=recipients_for(log.transition, initiative, extra),
        kind=log.transition,
        initiative=initiative,
        actor=log.actor,
        comment=log.comment,
        due=due,
        details=(*details, *_refusal_lines(log), *_appeal_right_lines(log)),
    )


def _refusal_lines(log) -> tuple:
    """A refused application names its formal grounds; lazy, so each reader gets their language."""
    grounds = ground_labels((log.data or {}).get("grounds"))
    if not grounds:
        return ()
    return (_("Grounds for refusal:"), *(format_lazy("- {}", label) for label in grounds))


def _appeal_right_lines(log) -> tuple:
    """A refusal or a non-recognition is a decision the agency may appeal: the notice says
    until when, and on what basis (Luật Khiếu nại 2011 Điều 9)."""
    if log.transition not in CONTESTED:
        return ()
    last_day = due_date(DeadlineRule.Stage.APPEAL, timezone.localdate(log.created_at))
    return (
        format_lazy(
            _("The head of the agency may appeal this decision until {date}."),
            date=last_day.strftime("%d/%m/%Y"),
        ),
        basis_line(DeadlineRule.Stage.APPEAL),
    )


def notify(
    *, recipients, kind, initiative=None, actor=None, comment="", due=None, details=(), url=""
) -> list[Notification]:
    """recipients: [(user, must_act)]. Nobody is told of their own action."""
    recipients = [(u, acts) for u, acts in recipients if actor is None or u.pk != actor.pk]
    channels = _channels([u for u, _acts in recipients], event(kind).category)
    rows = []
    for user, acts in recipients:
        text = render(
            kind,
            initiative,
            language=user.language,
            acts=acts,
            actor_name=actor.get_full_name() if actor else "",
            comment=comment,
            due=due,
            details=details,
        )
        rows.append(
            Notification(
                recipient=user,
                kind=kind,
                initiative=initiative,
                url=url or (f"/initiatives/{initiative.pk}/" if initiative else ""),
                due_date=due if acts else None,
                email_status=_email_status(user, channels.get(user.pk, Channel.IMMEDIATE)),
                **text,
            )
        )
    created = Notification.objects.bulk_create(rows)
    pending = [n.pk for n in created if n.email_status == Status.PENDING]
    if pending:
        transaction.on_commit(lambda: enqueue_emails(pending))
    return created


def _channels(users, category) -> dict[int, str]:
    preferences = NotificationPreference.objects.filter(
        user__in=[u.pk for u in users], category=category
    )
    return dict(preferences.values_list("user_id", "channel"))


def _email_status(user, channel) -> str:
    if not user.email or channel == Channel.IN_APP:
        return Status.SKIPPED
    return Status.DIGEST if channel == Channel.DIGEST else Status.PENDING


def enqueue_emails(ids, *, connection=None) -> None:
    """Best effort: if the broker is down, the periodic sweeper sends these later.

    A transition's few e-mails go a task each; a fan-out (EMAIL_BATCH_FROM or more: a round's
    notices to every agency, the sweeper after an outage) goes in tasks of EMAIL_BATCH, each
    sending over one SMTP connection (issue 14: 1,000 e-mails within 10 s on one worker).
    `connection`: a broker connection to publish on (the bench's), else the app's."""
    from .tasks import send_notification_email, send_notification_emails  # tasks import us

    ids = list(ids)
    if len(ids) < EMAIL_BATCH_FROM:
        tasks = [(send_notification_email, (pk,)) for pk in ids]
    else:
        batches = [ids[start : start + EMAIL_BATCH] for start in range(0, len(ids), EMAIL_BATCH)]
        tasks = [(send_notification_emails, (batch,)) for batch in batches]
    for task, args in tasks:
        try:
            task.apply_async(args, connection=connection)
        except Exception:  # a broker outage must not break the request
            logger.warning("Could not enqueue e-mail %s; the sweeper will retry", args[0])


@transaction.atomic
def emails_requeue(*, ids, failed=False) -> list[int]:
    """Hand e-mails to the send task again: the administrator's "resend" (`failed`: failed rows,
    with fresh attempts) and the outbox sweeper (rows still pending) both come here.

    Only rows in that state are taken, locked, so one another process moved on meanwhile is
    left alone; they are enqueued once this commits. The send task's claim (pending → sending)
    makes sure each goes out at most once, however often it is enqueued."""
    wanted = Status.FAILED if failed else Status.PENDING
    rows = Notification.objects.select_for_update().filter(pk__in=ids, email_status=wanted)
    found = set(rows.values_list("pk", flat=True))
    chosen = [pk for pk in dict.fromkeys(ids) if pk in found]
    if failed and chosen:
        Notification.objects.filter(pk__in=chosen).update(
            email_status=Status.PENDING, attempts=0, claimed_at=None
        )
    if chosen:
        transaction.on_commit(lambda: enqueue_emails(chosen))
    return chosen


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


def preferences_of(user) -> dict[str, str]:
    """The channel per category, defaults filled in."""
    chosen = dict(
        NotificationPreference.objects.filter(user=user).values_list("category", "channel")
    )
    return {category: chosen.get(category, Channel.IMMEDIATE) for category in Category.values}


@transaction.atomic
def preferences_update(*, user, channels: dict[str, str]) -> None:
    for category, channel in channels.items():
        NotificationPreference.objects.update_or_create(
            user=user, category=category, defaults={"channel": channel}
        )
