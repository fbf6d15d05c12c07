"""Reminders as the workflow sees them: what a reminder says, which dates are due for one
today, and the reminders apps declare. Notifications sends them (claims each once, writes the
inbox rows and e-mails); an app above workflow that has dates to remind of (adoption: reports
due) declares a source with `register_reminders` at start-up, so it never imports notifications.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext

from . import deadlines

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


def _basis_text(stage: str) -> str:
    return gettext("Legal basis: %(basis)s") % {"basis": deadlines.legal_basis(stage)}


def basis_line(stage: str) -> Line:
    """The legal basis of the stage's deadline (deadlines.LEGAL_BASIS)."""
    return Line(_basis_text, stage)


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


# --- Reminders declared by apps -----------------------------------------------------------------


@dataclass
class Reminder:
    """One reminder to send once: `key` names it (with its date, so a new date is reminded
    again); `recipients` are (user, must act) pairs; `details` are lines of the message."""

    key: str
    kind: str
    initiative: object
    due: date
    recipients: list
    details: tuple
    url: str


# name -> source(day) returning the reminders due that day (claimed ones may be included).
_sources: dict[str, Callable[[date], list[Reminder]]] = {}


def register_reminders(name: str, source: Callable[[date], list[Reminder]]) -> None:
    _sources[name] = source


def reminder_source(name: str) -> Callable[[date], list[Reminder]]:
    return _sources[name]
