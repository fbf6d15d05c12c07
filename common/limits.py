"""Bounds on what people type. Models, forms and API serializers take their limits from
here so that the three always agree, and no single request can store megabytes of text.

The numbers are generous for the real documents: a section of the TT 18 application runs to a
few pages (20,000 characters is about eight), a comment or a reason to a page."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from common import clock

LONG_TEXT = 20_000  # one section of the application (problem, description, benefits, …)
COMMENT = 5_000  # a comment, a reason, a list of corrections, a score-sheet remark
# The largest id a database row may have (bigint): a larger one in a URL names no row, and
# SQLite cannot even be asked about it.
MAX_ID = 2**63 - 1
MAX_AUTHORS = 50
MAX_PARTICIPANTS = 50
MAX_CRITERIA = 20  # criteria of a scoring rubric

EARLIEST_BIRTH_DATE = date(1920, 1, 1)
# No event of this system (an application, a decision, an adoption) predates the scheme.
EARLIEST_DATE = date(2000, 1, 1)
YOUNGEST_AGE_YEARS = 15


def latest_birth_date() -> date:
    return clock.today() - relativedelta(years=YOUNGEST_AGE_YEARS)


def plausible_birth_date(value: date) -> None:
    """A date of birth a civil servant or a participant can have (no 1800, no 2030)."""
    if value is None:
        return
    latest = latest_birth_date()
    if not EARLIEST_BIRTH_DATE <= value <= latest:
        raise ValidationError(
            _("The date of birth must be between %(first)s and %(last)s.")
            % {
                "first": EARLIEST_BIRTH_DATE.strftime("%d/%m/%Y"),
                "last": latest.strftime("%d/%m/%Y"),
            },
            code="birth_date_range",
        )


def check_length(value: str, limit: int, field: str) -> dict[str, list[str]]:
    """{field: [message]} when value is longer than limit, else {} (for services)."""
    if value and len(value) > limit:
        return {
            field: [
                _("At most %(limit)s characters (this text has %(count)s).")
                % {
                    "limit": number_format(limit, force_grouping=True),
                    "count": number_format(len(value), force_grouping=True),
                }
            ]
        }
    return {}
