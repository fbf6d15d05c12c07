"""What a dossier must hold before it goes to the Department of S&T (TT 18, Điều 3–5)."""

from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext as _

from common import clock

REQUIRED_FIELDS = (
    "title",
    "problem",
    "description",
    "applicability",
    "benefits_author",
    "first_applied_on",
)


def request_date(initiative) -> date:
    """The day the one-year rule counts to (TT 18): the first submission, else today. A
    dossier sent back for revision keeps it, however long the revision took."""
    submitted = initiative.submitted_at
    return timezone.localdate(submitted) if submitted else clock.today()


def submission_problems(initiative, *, today: date) -> dict[str, list[str]]:
    """Every unmet condition for submitting, as {field: [Vietnamese message, ...]}."""
    problems: dict[str, list[str]] = {}

    def add(field, message):
        problems.setdefault(field, []).append(message)

    for name in REQUIRED_FIELDS:
        if not getattr(initiative, name):
            label = initiative._meta.get_field(name).verbose_name
            add(name, _("“%(field)s” is required before submitting.") % {"field": label})

    first = initiative.first_applied_on
    if first and first > today:
        add("first_applied_on", _("The first application date cannot be in the future."))
    elif first and first < today - relativedelta(years=1):
        add(
            "first_applied_on",
            _(
                "The initiative was first applied on %(date)s, more than one year ago; "
                "it can no longer be submitted."
            )
            % {"date": first.strftime("%d/%m/%Y")},
        )

    ends = initiative.first_application_ends_on
    if ends and first and ends < first:
        add(
            "first_application_ends_on",
            _("The trial application cannot end before it started."),
        )

    authors = list(initiative.authors.all())
    contributions = [a.contribution_percent for a in authors]
    if any(not a.full_name.strip() for a in authors):
        add("authors", _("Every author needs a full name."))
    if any(c is None or c <= 0 for c in contributions):
        add("authors", _("Every author's contribution must be more than 0%."))
    contributions = [c for c in contributions if c is not None]
    if not contributions:
        add("authors", _("At least one author is required."))
    elif sum(contributions, Decimal(0)) != Decimal(100):
        add(
            "authors",
            _("The authors' contributions total %(total)s%%; they must total exactly 100%%.")
            % {"total": _number(sum(contributions, Decimal(0)))},
        )

    if not initiative.truthfulness_declared:
        add(
            "truthfulness_declared",
            _("You must declare that the information in the application is truthful."),
        )
    return problems


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")
