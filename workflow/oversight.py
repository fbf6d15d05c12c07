"""The province's view of the agencies' own (cơ sở) recognition (issue 13): per agency and year,
how many initiatives it took at agency level, recognized, proposed to the province, and how
many the province recognized — which agencies innovate and which never file. Figures and
recognized titles only: the contents of a cơ sở dossier stay with its agency until proposed.
One query for the table whatever the number of agencies, one for a page of titles."""

from django.db.models import Count, Q

from agencies.models import Agency
from initiatives.models import PUBLIC_STATES, Initiative, Level, Status

RECOGNIZED = [s for s in PUBLIC_STATES if s != Status.REVOKED]


def _counts(year: int) -> dict:
    at_agency = Q(initiatives__level=Level.AGENCY, initiatives__round=year)
    return {
        "filed": Count(
            "initiatives", filter=at_agency & Q(initiatives__submitted_at__isnull=False)
        ),
        "recognized": Count(
            "initiatives", filter=at_agency & Q(initiatives__status__in=RECOGNIZED)
        ),
        "promoted": Count(
            "initiatives", filter=at_agency & Q(initiatives__promoted_to__isnull=False)
        ),
        "recognized_by_province": Count(
            "initiatives",
            filter=at_agency & Q(initiatives__promoted_to__status__in=RECOGNIZED),
        ),
    }


def agency_level_table(year: int, *, only_filing: bool = False):
    """Every active agency (the province's committee aside) with its figures for the year,
    the most recognitions first; those that never filed last, by name."""
    rows = (
        Agency.objects.filter(is_active=True)
        .exclude(kind=Agency.Kind.PROVINCIAL)
        .annotate(**_counts(year))
        .order_by("-recognized", "-filed", "name")
    )
    return rows.filter(filed__gt=0) if only_filing else rows


def totals(table) -> dict:
    """The column sums of the table (computed from its rows, no query of their own)."""
    keys = ("filed", "recognized", "promoted", "recognized_by_province")
    rows = list(table)
    return {
        **{key: sum(getattr(row, key) for row in rows) for key in keys},
        "agencies": len(rows),
        "on_track": sum(row.runs_agency_track for row in rows),
        "never_filed": sum(row.filed == 0 for row in rows),
    }


def recognized_titles(year: int):
    """The cơ sở-recognized initiatives of the year: title, agency, decision — nothing else."""
    return (
        Initiative.objects.filter(level=Level.AGENCY, round=year, status__in=RECOGNIZED)
        .select_related("agency", "promoted_to")
        .order_by("agency__name", "decision_date", "id")
    )


def years() -> list[int]:
    found = set(
        Initiative.objects.filter(level=Level.AGENCY).values_list("round", flat=True).distinct()
    )
    return sorted(found, reverse=True)
