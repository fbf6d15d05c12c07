"""The one clock seam: code that asks "what day is it?" for a business rule (deadlines,
reminders, due reports) calls clock.today(), so a test freezes one function — or the real clock
with time-machine — and every rule sees the same day."""

from datetime import date, datetime

from django.utils import timezone


def today() -> date:
    """Today in the project's time zone (Asia/Ho_Chi_Minh), not the server's."""
    return timezone.localdate()


def now() -> datetime:
    return timezone.now()
