"""What the dashboard's templates show beside the bare figures: status badges (colour, icon
and words), the link to the list behind each figure, the matrix's cells and the records'
overdue days and report sums."""

from datetime import date

from django.urls import reverse
from django.utils import formats
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ..models import Adoption
from . import figures as f
from .records import report_sums

A = Adoption.Status

# Colour, icon and words: colour is never the only signal.
STATUS_STYLE = {
    A.ASSIGNED: ("secondary", "bi-hourglass"),
    A.IN_PROGRESS: ("primary", "bi-arrow-repeat"),
    A.APPLIED: ("success", "bi-check-circle-fill"),
    A.NOT_APPLICABLE: ("light", "bi-slash-circle"),
}
STATUS_LABELS = dict(A.choices)


def badge(status: str, overdue: bool = False) -> dict:
    colour, icon = STATUS_STYLE.get(status, ("secondary", "bi-question-circle"))
    return {
        "status": status,
        "colour": colour,
        "icon": icon,
        "label": STATUS_LABELS.get(status, status),
        "overdue": overdue,
    }


LEGEND = [badge(status) for status in A.values]


def list_url(scope_params: dict | None = None, **params) -> str:
    """The filtered adoption list behind a figure."""
    query = dict(scope_params or {})
    query.update({key: value for key, value in params.items() if value not in (None, "", False)})
    url = reverse("adoption:dashboard_list")
    return f"{url}?{urlencode(query)}" if query else url


def month_label(month: date) -> str:
    return formats.date_format(month, "m/Y")


def figures_context(scope: f.Scope, today: date, claimed_vnd, active=None) -> dict:
    """The figures both dashboards show, each with the link to the list behind it: six
    queries (five if `active`, the active agencies by kind, is given)."""
    params = scope.params
    rows = f.agency_rows(scope, today)
    counts = f.totals(scope, today, rows)
    statuses = [
        {**badge(status), "count": counts[status], "url": list_url(params, status=status)}
        for status in f.STATUS_ORDER
    ]
    breakdown = f.breakdown(scope, rows)
    kinds = f.by_agency_kind(scope, breakdown, active)
    for row in kinds:
        row["url"] = list_url(params, kind=row["kind"])
        row["applied_url"] = list_url(params, kind=row["kind"], status=A.APPLIED)
    parents = f.by_parent(scope, breakdown)
    for row in parents:
        parent = row["parent_id"] or "none"
        row["url"] = list_url(params, parent=parent)
        row["applied_url"] = list_url(params, parent=parent, status=A.APPLIED)
    progress = f.progress(scope)
    for row in progress:
        row["label"] = month_label(row["month"])
        row["url"] = list_url(params, status=A.APPLIED, month=row["month"].strftime("%Y-%m"))
    chart = {
        "labels": [row["label"] for row in progress],
        "applied": [row["applied"] for row in progress],
        "cumulative": [row["cumulative"] for row in progress],
        "series": {
            "applied": _("Applied in the month"),
            "cumulative": _("Applied, cumulative"),
        },
    }
    late = f.overdue(scope, today, limit=10)
    for record in late:
        record.badge = badge(record.status, overdue=True)
    return {
        "counts": counts,
        "statuses": statuses,
        "kinds": kinds,
        "parents": parents,
        "progress": progress,
        "progress_undated": counts["applied"] - (progress[-1]["cumulative"] if progress else 0),
        "chart": chart,
        "overdue": late,
        "benefits": f.benefits(scope, claimed_vnd),
        "links": {
            "all": list_url(params),
            "applied": list_url(params, status=A.APPLIED),
            "overdue": list_url(params, overdue=1),
            "reported": list_url(params, reported=1),
            "mandated": list_url(params, source=Adoption.Source.MANDATED),
            "voluntary": list_url(params, source=Adoption.Source.VOLUNTARY),
        },
        "today": today,
    }


def matrix_cells(table, columns):
    """[(agency, [(initiative, cell or None, badge or None), ...]), ...] for the template."""
    initiatives = list(columns.object_list)
    return [
        (
            agency,
            [
                (initiative, cell, badge(cell.status, cell.overdue) if cell else None)
                for initiative, cell in zip(initiatives, cells, strict=True)
            ],
        )
        for agency, cells in table
    ]


NO_REPORTS = {"reports": 0, "days_saved": None, "dossiers": None, "cost_saved_vnd": None}


def describe_records(records, today) -> None:
    """Each record of a page (from records.adoption_list, which marks is_overdue) gets its
    badge, its days overdue and its summed report results."""
    sums = report_sums(record.pk for record in records)
    for record in records:
        late = record.is_overdue
        record.badge = badge(record.status, late)
        record.days_overdue = (today - record.due_date).days if late else None
        record.sums = sums.get(record.pk, NO_REPORTS)
