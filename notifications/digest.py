"""The daily digest: one e-mail a day with what waits for a user and the notifications they
chose to receive in bulk, sent only when there is something to say.

Who gets one: active users with an e-mail who are reviewers or leaders, or who have
notifications waiting for the digest (email_status "digest").

Sent once per user and day, however often the task runs: inserting the SentReminder key
``digest:<user>:<date>`` claims the day, and the collected notifications are claimed with a
conditional UPDATE digest → sending. A failed send gives both back (the day key is removed, the
rows return to "digest"), so a retry or tomorrow's digest carries them. Should a worker die
between claim and send, the sweeper in tasks.py releases the rows still "sending" after its
claim timeout and they go out as ordinary e-mails: late, never lost.

The work list is workflow.worklist.work_sections, the same list as the "My work" page (with
the sections apps above workflow register), so the two lists can never disagree.
"""

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencies.models import Membership, Role
from common import clock
from common.dates import deadline_state
from workflow.worklist import work_sections

from .models import Notification, SentReminder
from .services import absolute_url

log = logging.getLogger(__name__)
Status = Notification.EmailStatus
DIGEST_ROLES = (Role.REVIEWER, Role.LEADER, Role.INITIATIVE_SECRETARY)
RETRY_AFTER = 15 * 60  # seconds; only the users whose digest failed are tried again


@dataclass
class DigestItem:
    """One line of the work list, already in the recipient's words."""

    code: str
    title: str
    action: str
    due: date | None
    state: str  # "overdue" / "soon" / "on_time" / "" (no deadline)
    note: str
    link: str


@dataclass
class Digest:
    day: date
    overdue: list[DigestItem] = field(default_factory=list)
    sections: list[tuple[str, list[DigestItem]]] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return len(self.overdue) + sum(len(items) for _title, items in self.sections)

    def __bool__(self) -> bool:
        return bool(self.item_count or self.notifications)


# --- The task ------------------------------------------------------------------------------


@shared_task(bind=True, max_retries=3)
def send_daily_digests(self, day: str | None = None) -> dict:
    """day: ISO date, today (local time) by default. Returns how each user's digest went."""
    today = date.fromisoformat(day) if day else clock.today()
    outcomes = Counter(digest_send(user=user, day=today) for user in digest_recipients())
    retry = outcomes["failed"] and not self.request.called_directly
    if retry and self.request.retries < self.max_retries:
        raise self.retry(kwargs={"day": today.isoformat()}, countdown=RETRY_AFTER)
    return dict(outcomes)


def digest_recipients():
    reviewers_and_leaders = Membership.objects.filter(role__in=DIGEST_ROLES).values("user_id")
    collecting = Notification.objects.filter(email_status=Status.DIGEST).values("recipient_id")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(Q(pk__in=reviewers_and_leaders) | Q(pk__in=collecting))
        .order_by("pk")
    )


def digest_send(*, user, day: date) -> str:
    """One user's digest: "sent", "empty", "already-sent" or "failed"."""
    key = f"digest:{user.pk}:{day.isoformat()}"
    if SentReminder.objects.filter(key=key).exists():
        return "already-sent"
    with translation.override(user.language or settings.LANGUAGE_CODE):
        digest = digest_build(user=user, day=day)
    if not digest:
        return "empty"
    if not _claim_day(key):
        return "already-sent"
    digest.notifications = _claim_notifications(user)
    if not digest:  # another run took the notifications meanwhile
        SentReminder.objects.filter(key=key).delete()
        return "empty"
    claimed = [n.pk for n in digest.notifications]
    try:
        build_digest_email(user, digest).send()
    except Exception as exc:
        log.warning("Digest for user %s failed: %s", user.pk, exc)
        _release(claimed, key, exc)
        return "failed"
    Notification.objects.filter(pk__in=claimed, email_status=Status.SENDING).update(
        email_status=Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


def _claim_day(key: str) -> bool:
    try:
        with transaction.atomic():
            SentReminder.objects.create(key=key)
    except IntegrityError:
        return False
    return True


def _claim_notifications(user) -> list[Notification]:
    """Conditional UPDATE digest → sending; returns the rows this call won, oldest first."""
    now = timezone.now()
    waiting = Notification.objects.filter(recipient=user, email_status=Status.DIGEST)
    ids = list(waiting.values_list("pk", flat=True))
    Notification.objects.filter(pk__in=ids, email_status=Status.DIGEST).update(
        email_status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    won = Notification.objects.filter(pk__in=ids, email_status=Status.SENDING, claimed_at=now)
    return list(won.select_related("initiative").order_by("created_at", "pk"))


def _release(ids, key: str, exc: Exception) -> None:
    Notification.objects.filter(pk__in=ids, email_status=Status.SENDING).update(
        email_status=Status.DIGEST, claimed_at=None, last_error=str(exc)[:2000]
    )
    SentReminder.objects.filter(key=key).delete()


# --- Content -------------------------------------------------------------------------------


def digest_build(*, user, day: date) -> Digest:
    """What waits for the user (overdue first) and what was collected; call it inside the
    user's language. The collected notifications are read here, not claimed."""
    digest = Digest(day=day)
    for section in work_sections(user):
        items = [_item(work, day) for work in section.items]
        digest.overdue += [item for item in items if item.state == "overdue"]
        rest = [item for item in items if item.state != "overdue"]
        if rest:
            digest.sections.append((str(section.title), rest))
    digest.overdue.sort(key=lambda item: item.due)
    waiting = Notification.objects.filter(recipient=user, email_status=Status.DIGEST)
    digest.notifications = list(waiting.select_related("initiative").order_by("created_at"))
    return digest


def _item(work, day: date) -> DigestItem:
    initiative = work.initiative
    return DigestItem(
        code=initiative.code or _("(draft)"),
        title=initiative.title,
        action=str(work.action),
        due=work.due,
        state=deadline_state(work.due, today=day),
        note=str(work.note),
        link=absolute_url(reverse(work.url_name, args=[initiative.pk])),
    )


def digest_subject(digest: Digest) -> str:
    day = digest.day.strftime("%d/%m/%Y")
    count = digest.item_count
    if count:
        counts = ngettext("%(n)s item", "%(n)s items", count) % {"n": count}
        if digest.overdue:
            counts += ", " + _("%(n)s overdue") % {"n": len(digest.overdue)}
        headline = _("Things to do on %(date)s: %(counts)s") % {"date": day, "counts": counts}
    else:
        count = len(digest.notifications)
        headline = ngettext(
            "Digest of %(date)s: %(n)s new notification",
            "Digest of %(date)s: %(n)s new notifications",
            count,
        ) % {"date": day, "n": count}
    return f"[Sáng kiến] {headline}"  # the system's name, the same in every language


def build_digest_email(user, digest: Digest) -> EmailMultiAlternatives:
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = digest_subject(digest)
        context = {
            "recipient": user,
            "language": language,
            "subject": subject,
            "digest": digest,
            "notifications": [
                (n, absolute_url(n.url or "/notifications/")) for n in digest.notifications
            ],
            "work_link": absolute_url(reverse("home")),
            "inbox_link": absolute_url(reverse("notifications:inbox")),
            "settings_link": absolute_url(reverse("notifications:settings")),
            "province_name": settings.PROVINCE_NAME,
        }
        text = render_to_string("notifications/email/digest.txt", context)
        html = render_to_string("notifications/email/digest.html", context)
    email = EmailMultiAlternatives(subject, text, to=[user.email])
    email.attach_alternative(html, "text/html")
    return email
