"""Running the real services on a past day: the demo's history (demo.history) and its council
(demo.council) happen at their own dates, so logs, intake book numbers, deadlines and
notifications carry those dates. time-machine moves the clock every reader sees
(timezone.now(), common.clock, model defaults); nothing in the project stores the database's
own now()."""

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings

from workflow.deadlines import is_working_day


def working_day(year: int, month_day: tuple[int, int]) -> date:
    """That day of that year, or the next working day when it falls on a day off."""
    return next_working_day(date(year, *month_day))


def next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


@contextmanager
def on(day: date, hour: int = 9):
    """The clock reads `day` at `hour` (local time) and runs on from there."""
    moment = datetime.combine(day, time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(moment, tick=True):
        yield
