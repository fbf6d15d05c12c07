"""Deadlines as the regulations count them: calendar or working days, or months."""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta

from .models import DeadlineRule

# Legal defaults (NĐ 13/2012, TT 18/2013), used when no rule has been edited in the admin.
DEFAULTS = {
    DeadlineRule.Stage.DEPARTMENT_REVIEW: (30, "days", "calendar"),
    DeadlineRule.Stage.REVISION_REPLY: (30, "days", "calendar"),
    DeadlineRule.Stage.DECISION: (3, "months", "calendar"),
    DeadlineRule.Stage.ROLLOUT_REPORT: (6, "months", "calendar"),
}


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


def rule_for(stage: str) -> tuple[int, str, str]:
    rule = DeadlineRule.objects.filter(stage=stage).first()
    return (rule.amount, rule.unit, rule.day_type) if rule else DEFAULTS[stage]


def due_date(stage: str, start: date) -> date:
    amount, unit, day_type = rule_for(stage)
    if unit == DeadlineRule.Unit.MONTHS:
        return start + relativedelta(months=amount)
    if day_type == DeadlineRule.DayType.WORKING:
        return add_working_days(start, amount)
    return start + timedelta(days=amount)
