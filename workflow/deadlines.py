"""Deadlines as the regulations count them: calendar or working days, or months.

Working days skip Saturdays, Sundays and Vietnamese public holidays as the `holidays` library
lists them (holidays.VN): New Year, the Tết break, Hùng Kings, 30/4, 1/5, National Day and the
substitute days off the government announces. See tests/workflow/test_deadlines.py for what it
holds for Tết 2027.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import DeadlineRule

# Legal defaults (NĐ 13/2012, TT 18/2013), used when no rule has been edited in the admin.
DEFAULTS = {
    DeadlineRule.Stage.DEPARTMENT_REVIEW: (1, "months", "calendar"),
    DeadlineRule.Stage.REVISION_REPLY: (1, "months", "calendar"),
    DeadlineRule.Stage.DECISION: (3, "months", "calendar"),
    DeadlineRule.Stage.ROLLOUT_REPORT: (6, "months", "calendar"),
    DeadlineRule.Stage.APPEAL: (90, "days", "calendar"),
    DeadlineRule.Stage.APPEAL_RESOLUTION: (30, "days", "calendar"),
    DeadlineRule.Stage.APPEAL_RESOLUTION_COMPLEX: (45, "days", "calendar"),
}
DEFAULT_REMIND_DAYS_BEFORE = 5

# What each deadline rests on, shown beside it wherever the UI or a reminder names it.
LEGAL_BASIS = {
    DeadlineRule.Stage.DEPARTMENT_REVIEW: _(
        "Article 6, Decree 13/2012: 1 month from receipt of the application"
    ),
    DeadlineRule.Stage.REVISION_REPLY: _(
        "Article 6, Decree 13/2012: at least 1 month from the revision request"
    ),
    DeadlineRule.Stage.DECISION: _(
        "Article 7, Decree 13/2012: 3 months from acceptance of the application "
        "(or from the end of the first application, if later)"
    ),
    DeadlineRule.Stage.ROLLOUT_REPORT: _("The province's rollout mandate"),
    DeadlineRule.Stage.APPEAL: _(
        "Article 9, Law on Complaints 2011: 90 days from receipt of the decision"
    ),
    DeadlineRule.Stage.APPEAL_RESOLUTION: _(
        "Article 28, Law on Complaints 2011: 30 days from acceptance of the complaint"
    ),
    DeadlineRule.Stage.APPEAL_RESOLUTION_COMPLEX: _(
        "Article 28, Law on Complaints 2011: 45 days from acceptance of a complex complaint"
    ),
}


def legal_basis(stage: str) -> str:
    return str(LEGAL_BASIS.get(stage, ""))


def months_after(start: date, months: int) -> date:
    """Calendar months, clamped to the end of a shorter month: 31/01 + 1 month = 28/02
    (29/02 in a leap year)."""
    return start + relativedelta(months=months)


@lru_cache(maxsize=32)
def _vietnam_holidays(year: int):
    return holidays.VN(years=year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _vietnam_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    current = start
    while days > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            days -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after start up to and including end (0 when end is not after start)."""
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        count += is_working_day(current)
    return count


@dataclass(frozen=True)
class Rule:
    stage: str
    amount: int
    unit: str
    day_type: str
    remind_days_before: int = DEFAULT_REMIND_DAYS_BEFORE

    @property
    def counts_working_days(self) -> bool:
        """Months are counted on the calendar; days may be working days."""
        return self.unit == DeadlineRule.Unit.DAYS and self.day_type == DeadlineRule.DayType.WORKING


def rules() -> dict[str, Rule]:
    """Every stage's rule in one query, legal defaults for stages never edited."""
    found = {
        r.stage: Rule(r.stage, r.amount, r.unit, r.day_type, r.remind_days_before)
        for r in DeadlineRule.objects.all()
    }
    return {stage: found.get(stage) or Rule(stage, *DEFAULTS[stage]) for stage in DEFAULTS}


def rule_for(stage: str) -> tuple[int, str, str]:
    rule = DeadlineRule.objects.filter(stage=stage).first()
    return (rule.amount, rule.unit, rule.day_type) if rule else DEFAULTS[stage]


def due_date(stage: str, start: date) -> date:
    amount, unit, day_type = rule_for(stage)
    if unit == DeadlineRule.Unit.MONTHS:
        # relativedelta clamps to the end of a shorter month: 30/11 + 3 months = 28/02 (29/02).
        return start + relativedelta(months=amount)
    if day_type == DeadlineRule.DayType.WORKING:
        return add_working_days(start, amount)
    return start + timedelta(days=amount)


def reply_window(today: date) -> tuple[date, date]:
    """The earliest and latest reply date a revision request may set (calendar months)."""
    return (
        months_after(today, settings.REVISION_REPLY_MIN_MONTHS),
        months_after(today, settings.REVISION_REPLY_MAX_MONTHS),
    )


def default_reply_due(today: date) -> date:
    """The rule's period, never shorter than the legal minimum nor longer than the maximum."""
    earliest, latest = reply_window(today)
    return min(max(due_date(DeadlineRule.Stage.REVISION_REPLY, today), earliest), latest)


def days_left(rule: Rule, today: date, due: date) -> int:
    """Days from today to the deadline as the stage counts them (working or calendar)."""
    if rule.counts_working_days:
        return working_days_between(today, due)
    return (due - today).days


def soon_window_end(rule: Rule, today: date) -> date:
    """The latest deadline that is at most remind_days_before days away today.

    Counted in working days when the stage is, so a reminder "5 days before" a deadline in
    working days comes 5 working days before it — on a working day, Tết skipped."""
    n = rule.remind_days_before
    if rule.counts_working_days:
        return add_working_days(today, n + 1) - timedelta(days=1)
    return today + timedelta(days=n)
