"""The list behind every figure of the dashboard: adoption records by the figure's filters,
and the summed report results of a page of them."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, OuterRef, Sum

from common import clock
from initiatives.models import Level, Status

from ..models import Adoption, AdoptionReport
from ..selectors import PUBLIC_STATES, overdue_flag, overdue_q
from .figures import DAYS_SAVED, HAS_BOTH_DAYS, A, tenths


def adoption_list(filters: dict, today: date | None = None):
    """Adoption records matching the dashboard's filters (all optional): initiative, agency,
    status, kind, source, parent (an id or "none"), overdue, reported, month (applied in it).

    Without an initiative the records are those of initiatives in rollout, as on the
    dashboard; with one, that initiative's records in any public state. Each record carries
    is_overdue (adoption.selectors.overdue_q).
    """
    today = today or clock.today()
    initiative = filters.get("initiative")
    if initiative:
        queryset = Adoption.objects.filter(
            initiative_id=initiative, initiative__status__in=PUBLIC_STATES
        )
    else:
        queryset = Adoption.objects.filter(initiative__status=Status.ROLLOUT)
    # The province's rollout: an agency's own (cơ sở) rollout is not the province's to follow.
    queryset = queryset.filter(initiative__level=Level.PROVINCIAL)
    simple = {"agency": "agency_id", "status": "status", "kind": "agency__kind", "source": "source"}
    for key, lookup in simple.items():
        if filters.get(key):
            queryset = queryset.filter(**{lookup: filters[key]})
    parent = filters.get("parent")
    if parent == "none":
        queryset = queryset.filter(agency__parent__isnull=True)
    elif parent:
        queryset = queryset.filter(agency__parent_id=parent)
    if filters.get("overdue"):
        queryset = queryset.filter(overdue_q(today))
    if filters.get("reported"):
        queryset = queryset.filter(Exists(AdoptionReport.objects.filter(adoption=OuterRef("pk"))))
    month = filters.get("month")
    if month:
        queryset = queryset.filter(
            status=A.APPLIED, applied_on__year=month.year, applied_on__month=month.month
        )
    first = "due_date" if filters.get("overdue") else "initiative__code"
    return (
        queryset.select_related("initiative", "agency", "agency__parent")
        .annotate(is_overdue=overdue_flag(today))
        .order_by(first, "agency__name", "pk")
    )


def report_sums(adoption_ids) -> dict[int, dict]:
    """Report count and summed results per adoption record of a page: one query."""
    rows = (
        AdoptionReport.objects.filter(adoption_id__in=list(adoption_ids))
        .order_by()
        .values("adoption_id")
        .annotate(
            reports=Count("pk"),
            days_saved=Sum(DAYS_SAVED, filter=HAS_BOTH_DAYS),
            dossiers=Sum("dossiers_handled"),
            cost_saved_vnd=Sum("cost_saved_vnd"),
        )
    )
    sums = {}
    for row in rows:
        if row["days_saved"] is not None:
            row["days_saved"] = tenths(row["days_saved"])
        sums[row["adoption_id"]] = row
    return sums
