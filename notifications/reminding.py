"""What every reminder shares, for any app that reminds people of a date (dossier stages here,
adoption reports in adoption.reminders): the words, rendered in each recipient's language;
claiming a reminder once; and who in an agency is told.

A reminder is claimed by inserting a SentReminder key in the transaction that writes its
notifications, so it fires once however often the beat runs; the key holds the date, so a new
deadline is reminded again.
"""

import logging
from collections.abc import Callable
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext

from agencies.models import Membership
from workflow import deadlines

from .models import SentReminder
from .recipients import AGENCY_ROLES

logger = logging.getLogger(__name__)
SOON, OVERDUE = "soon", "overdue"


# --- Words, rendered in each recipient's language ---------------------------------------------


class Line:
    """A line of a notification built only when rendered, i.e. in the recipient's language
    (notifications.messages.render turns details into text under translation.override)."""

    def __init__(self, build: Callable[..., str], *args):
        self._build, self._args = build, args

    def __str__(self) -> str:
        return self._build(*self._args)


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _soon_text(deadline, due: date, count: int, working: bool) -> str:
    values = {"deadline": deadline, "date": _fmt(due), "count": count}
    if count <= 0:
        return gettext("Deadline for %(deadline)s: today, %(date)s.") % values
    if working:
        return (
            ngettext(
                "Deadline for %(deadline)s: %(date)s, in %(count)s working day.",
                "Deadline for %(deadline)s: %(date)s, in %(count)s working days.",
                count,
            )
            % values
        )
    return (
        ngettext(
            "Deadline for %(deadline)s: %(date)s, in %(count)s day.",
            "Deadline for %(deadline)s: %(date)s, in %(count)s days.",
            count,
        )
        % values
    )


def _overdue_text(deadline, due: date, count: int) -> str:
    values = {"deadline": deadline, "date": _fmt(due), "count": count}
    return (
        ngettext(
            "Deadline for %(deadline)s: %(date)s, passed %(count)s day ago.",
            "Deadline for %(deadline)s: %(date)s, passed %(count)s days ago.",
            count,
        )
        % values
    )


def deadline_line(deadline: Promise, rule: deadlines.Rule, day: date, due: date, when: str) -> Line:
    """Which deadline, its date, and how far it is (or how long ago it passed)."""
    if when == OVERDUE:
        return Line(_overdue_text, deadline, due, (day - due).days)
    if due == day:
        return Line(_soon_text, deadline, due, 0, False)
    left = deadlines.days_left(rule, day, due)
    if rule.counts_working_days and left > 0:
        return Line(_soon_text, deadline, due, left, True)
    return Line(_soon_text, deadline, due, (due - day).days, False)


def expected_line(action: Promise) -> Line:
    return Line(lambda: gettext("Expected of you: %(action)s") % {"action": action})


# --- Which dates are due for a reminder today ----------------------------------------------------


def due_window(field: str, rule: deadlines.Rule, day: date, *, overdue: bool = True) -> Q:
    """Rows whose `field` falls in the rule's "soon" window from `day`, or (overdue) has passed:
    a missed tick is caught up, since "soon" holds until the date and "overdue" any day after."""
    window = Q(**{f"{field}__range": (day, deadlines.soon_window_end(rule, day))})
    if overdue:
        window |= Q(**{f"{field}__lt": day})
    return window


def when_for(due: date, day: date) -> str:
    return OVERDUE if due < day else SOON


# --- Claiming a reminder once -----------------------------------------------------------------


def send_once(key: str, send: Callable[[], object]) -> bool:
    """Claim key and send in one transaction: exactly one run sends (a concurrent run's insert
    of the same key fails on the unique index, or waits for ours and then fails), and a send
    that fails rolls the claim back, so the next run retries it."""
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: the duplicate key must not doom the rest
                SentReminder.objects.create(key=key)
        except IntegrityError:
            return False
        send()
        return True


def claimed(keys) -> set[str]:
    return set(SentReminder.objects.filter(key__in=list(keys)).values_list("key", flat=True))


def send_logged(key: str, send: Callable[[], object]) -> int:
    """send_once, and one reminder's failure never holds back the others: it is logged and,
    not claimed, retried by the next run. Returns 1 when this run sent it."""
    try:
        return int(send_once(key, send))
    except Exception:
        logger.exception("Reminder %s failed; the next run retries it", key)
        return 0


# --- Who is told -------------------------------------------------------------------------------


def agency_people_by_agency(agency_ids) -> dict[int, list]:
    """Staff and heads of each agency (active users), in one query."""
    people: dict[int, dict] = {}
    memberships = Membership.objects.filter(
        agency_id__in=set(agency_ids), role__in=AGENCY_ROLES, user__is_active=True
    ).select_related("user")
    for membership in memberships.order_by("user_id"):
        people.setdefault(membership.agency_id, {})[membership.user_id] = membership.user
    return {agency: list(users.values()) for agency, users in people.items()}
