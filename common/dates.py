"""Where a due date stands today, in the three words every page and e-mail uses."""

from datetime import date

from common import clock

# "Soon" is five calendar days or fewer: the badge and the digest warn before a deadline passes.
SOON_DAYS = 5


def deadline_state(due: date | None, today: date | None = None) -> str:
    """ "overdue", "soon", "on_time", or "" when there is no due date."""
    if due is None:
        return ""
    today = today or clock.today()
    if due < today:
        return "overdue"
    return "soon" if (due - today).days <= SOON_DAYS else "on_time"
