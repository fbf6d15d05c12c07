"""Figures of the leadership dashboard and of GET /api/v1/stats/adoption/.

Every figure is one aggregate query — Count/Sum with filter=, values().annotate(), or a
correlated COUNT/SUM subquery per row of a page — so the dashboard runs the same number of
queries with ten adoption records or a hundred thousand. Nothing here loops over records.

A Scope is either the province (every initiative in rollout) or one initiative. The figures
per initiative are in .expectations, the matrix in .matrix, the lists behind the figures in
.records.

Definitions (the dashboard's legend repeats them):
- targeted: adoption records, mandated and voluntary alike; applied: those in status applied;
  coverage = applied / targeted.
- provincial-scope expectation: an initiative recognized at provincial level should be applied
  by at least half of the comparable agencies — the active agencies of the kinds its records
  target, the submitting agency left out.
- overdue: a record still assigned or in progress whose next report is past due, of an
  initiative still in rollout — adoption.selectors.overdue_q, the one definition.
- reported benefits: over the records' reports, processing days saved = Σ(before − after)
  (reports giving both), dossiers handled, cost saved (VND); compared with the sum of what the
  authors claimed (Initiative.benefit_amount_vnd).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Q,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce

from agencies import roles
from agencies.models import Agency
from common import clock
from initiatives.models import Initiative, Status
from initiatives.models import Scope as InitiativeScope

from ..models import Adoption, AdoptionReport
from ..selectors import overdue_q

A = Adoption.Status
KIND_ORDER = {kind: n for n, kind in enumerate(Agency.Kind.values)}
STATUS_ORDER = list(A.values)
TENTH = Decimal("0.1")

DAYS_SAVED = ExpressionWrapper(
    F("processing_days_before") - F("processing_days_after"),
    output_field=DecimalField(max_digits=12, decimal_places=1),
)
HAS_BOTH_DAYS = Q(processing_days_before__isnull=False, processing_days_after__isnull=False)


may_see_dashboard = roles.oversees_province


def percent(part, whole) -> Decimal | None:
    """part / whole in percent with one decimal (half up); None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part or 0) * 100 / Decimal(whole)).quantize(TENTH, ROUND_HALF_UP)


def tenths(value) -> Decimal:
    """A sum of decimals, SQLite's float noise removed."""
    return Decimal(str(value or 0)).quantize(TENTH, ROUND_HALF_UP)


def count_of(queryset):
    """A correlated SELECT COUNT(*) subquery (no GROUP BY on the outer query)."""
    counted = queryset.order_by().values(n=Func(F("pk"), function="COUNT"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def count_where(queryset, condition: Q):
    """COUNT of the rows meeting a condition, as SUM(CASE …) so that the database finds the
    rows by the queryset's own filter (the initiative's index), not by the condition's."""
    flag = Case(When(condition, then=1), default=0, output_field=IntegerField())
    counted = queryset.order_by().values(n=Func(flag, function="SUM"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def sum_of(queryset, field: str):
    summed = queryset.order_by().values(total=Func(F(field), function="SUM"))
    return Subquery(summed, output_field=IntegerField())


@dataclass(frozen=True)
class Scope:
    """The province (initiatives in rollout) or one initiative (any public state)."""

    initiative: Initiative | None = None

    def initiatives(self):
        if self.initiative is not None:
            return Initiative.objects.filter(pk=self.initiative.pk)
        return Initiative.objects.filter(status=Status.ROLLOUT)

    def adoptions(self):
        if self.initiative is not None:
            return Adoption.objects.filter(initiative_id=self.initiative.pk)
        return Adoption.objects.filter(initiative__status=Status.ROLLOUT)

    def reports(self):
        if self.initiative is not None:
            return AdoptionReport.objects.filter(adoption__initiative_id=self.initiative.pk)
        return AdoptionReport.objects.filter(adoption__initiative__status=Status.ROLLOUT)

    @property
    def params(self) -> dict:
        """Query parameters that keep a list link inside this scope."""
        return {"initiative": self.initiative.pk} if self.initiative is not None else {}


# --- Headline figures -----------------------------------------------------------------------


COUNTED = ("targeted", "applied", "in_progress", "assigned", "not_applicable", "mandated",
           "voluntary", "overdue")  # fmt: skip


def agency_rows(scope: Scope, today: date | None = None) -> list[dict]:
    """Per agency with records in the scope: its kind and parent, and its records by status,
    by source and overdue — one grouped query (no COUNT DISTINCT) that totals() and
    breakdown() fold, so the dashboard reads the adoption table once for both. One row per
    agency: bounded by the agencies, not by the records."""
    today = today or clock.today()
    statuses = {status: Count("pk", filter=Q(status=status)) for status in A.values}
    return list(
        scope.adoptions()
        .order_by()
        .values("agency_id", "agency__kind", "agency__parent_id", "agency__parent__name")
        .annotate(
            targeted=Count("pk"),
            **statuses,
            mandated=Count("pk", filter=Q(source=Adoption.Source.MANDATED)),
            voluntary=Count("pk", filter=Q(source=Adoption.Source.VOLUNTARY)),
            overdue=Count("pk", filter=overdue_q(today)),
        )
    )


def totals(scope: Scope, today: date | None = None, rows: list[dict] | None = None) -> dict:
    """Record counts by status and source, overdue records and agencies: one query, none if
    agency_rows() are given."""
    rows = agency_rows(scope, today) if rows is None else rows
    row = {name: sum(agency[name] for agency in rows) for name in COUNTED}
    row["adoptions"] = row["targeted"]
    row["overdue_agencies"] = sum(1 for agency in rows if agency["overdue"])
    row["agencies"] = len(rows)
    row["agencies_applied"] = sum(1 for agency in rows if agency["applied"])
    row["coverage_percent"] = percent(row["applied"], row["adoptions"])
    return row


def initiative_totals(scope: Scope) -> dict:
    """Initiatives in rollout, how many are provincial-scope, and the authors' claims."""
    return scope.initiatives().aggregate(
        in_rollout=Count("pk", filter=Q(status=Status.ROLLOUT)),
        initiatives=Count("pk"),
        provincial=Count("pk", filter=Q(scope=InitiativeScope.PROVINCIAL)),
        claimed_vnd=Sum("benefit_amount_vnd"),
    )


def benefits(scope: Scope, claimed_vnd: int | None = None) -> dict:
    """Summed reported results (one query) beside what the authors claimed."""
    row = scope.reports().aggregate(
        reports=Count("pk"),
        adoptions_reporting=Count("adoption", distinct=True),
        days_saved=Sum(DAYS_SAVED, filter=HAS_BOTH_DAYS),
        dossiers=Sum("dossiers_handled"),
        cost_saved_vnd=Sum("cost_saved_vnd"),
    )
    row["days_saved"] = tenths(row["days_saved"])
    row["dossiers"] = row["dossiers"] or 0
    row["cost_saved_vnd"] = row["cost_saved_vnd"] or 0
    row["claimed_vnd"] = claimed_vnd or 0
    row["cost_vs_claimed_percent"] = percent(row["cost_saved_vnd"], claimed_vnd)
    return row


# --- Breakdowns -----------------------------------------------------------------------------


def breakdown(scope: Scope, rows: list[dict] | None = None) -> list[dict]:
    """Targeted, applied and agencies per (agency kind, parent agency), folded from
    agency_rows() (one query, none if they are given); by_agency_kind() and by_parent() fold
    these again (an agency has one kind and one parent, so the agencies add up)."""
    rows = agency_rows(scope) if rows is None else rows
    groups = {}
    for agency in rows:
        key = (agency["agency__kind"], agency["agency__parent_id"], agency["agency__parent__name"])
        into = groups.setdefault(key, {"targeted": 0, "applied": 0, "agencies": 0})
        into["targeted"] += agency["targeted"]
        into["applied"] += agency["applied"]
        into["agencies"] += 1
    return [
        {"agency__kind": kind, "agency__parent_id": parent, "agency__parent__name": name, **sums}
        for (kind, parent, name), sums in groups.items()
    ]


def active_agencies_by_kind() -> dict[str, int]:
    return dict(
        Agency.objects.filter(is_active=True)
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )


def _fold(rows, key) -> dict:
    totals = {}
    for row in rows:
        into = totals.setdefault(key(row), {"targeted": 0, "applied": 0, "agencies": 0})
        for name in ("targeted", "applied", "agencies"):
            into[name] += row[name]
    return totals


def by_agency_kind(
    scope: Scope, rows: list[dict] | None = None, active: dict[str, int] | None = None
) -> list[dict]:
    """Coverage per agency kind (kinds with records, in the kinds' order) with the number of
    active agencies of each kind: two queries, none if breakdown() rows and the active
    agencies by kind are given."""
    rows = breakdown(scope) if rows is None else rows
    active = active_agencies_by_kind() if active is None else active
    labels = dict(Agency.Kind.choices)
    result = [
        {
            "kind": kind,
            "label": labels.get(kind, kind),
            "targeted": sums["targeted"],
            "applied": sums["applied"],
            "coverage_percent": percent(sums["applied"], sums["targeted"]),
            "agencies": sums["agencies"],
            "agencies_active": active.get(kind, 0),
        }
        for kind, sums in _fold(rows, lambda row: row["agency__kind"]).items()
    ]
    return sorted(result, key=lambda row: KIND_ORDER.get(row["kind"], 99))


def by_parent(scope: Scope, rows: list[dict] | None = None) -> list[dict]:
    """Coverage per parent agency (agencies without a parent together): one query, none if
    breakdown() rows are given."""
    rows = breakdown(scope) if rows is None else rows
    folded = _fold(rows, lambda row: (row["agency__parent_id"], row["agency__parent__name"]))
    result = [
        {
            "parent_id": parent_id,
            "name": name,
            "targeted": sums["targeted"],
            "applied": sums["applied"],
            "coverage_percent": percent(sums["applied"], sums["targeted"]),
        }
        for (parent_id, name), sums in folded.items()
    ]
    # Named parents by name; the agencies without a parent last.
    return sorted(result, key=lambda row: (row["parent_id"] is None, row["name"] or ""))


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return (
        day.replace(year=day.year + 1, month=1)
        if day.month == 12
        else day.replace(month=day.month + 1)
    )


def progress(scope: Scope) -> list[dict]:
    """Records applied per month of applied_on and the running total, months without any
    filled in: one query. It groups by day and folds the days into months here, which every
    database does fast (SQLite's month truncation is a Python function called per row); a
    few thousand days at most come back."""
    per_day = (
        scope.adoptions()
        .filter(status=A.APPLIED, applied_on__isnull=False)
        .order_by()
        .values("applied_on")
        .annotate(n=Count("pk"))
        .values_list("applied_on", "n")
    )
    months = {}
    for day, n in per_day:
        month = first_of_month(day)
        months[month] = months.get(month, 0) + n
    if not months:
        return []
    month, last = min(months), max(months)
    rows, cumulative = [], 0
    while month <= last:
        applied = months.get(month, 0)
        cumulative += applied
        rows.append({"month": month, "applied": applied, "cumulative": cumulative})
        month = next_month(month)
    return rows


def overdue(scope: Scope, today: date | None = None, limit: int | None = 10) -> list[Adoption]:
    """The most overdue records first, each with .days_overdue: one query."""
    today = today or clock.today()
    queryset = (
        scope.adoptions()
        .filter(overdue_q(today))
        .select_related("initiative", "agency")
        .order_by("due_date", "initiative__code", "agency__name", "pk")
    )
    records = list(queryset[:limit] if limit else queryset)
    for record in records:
        record.days_overdue = (today - record.due_date).days
    return records


# --- Everything the API returns -------------------------------------------------------------

OVERDUE_LIMIT = 100


def adoption_stats(scope: Scope, today: date | None = None) -> dict:
    """The body of GET /api/v1/stats/adoption/: six queries whatever the data size."""
    today = today or clock.today()
    rows = agency_rows(scope, today)
    counts = totals(scope, today, rows)
    initiatives = initiative_totals(scope)
    late = overdue(scope, today, limit=OVERDUE_LIMIT)
    return {
        "initiatives_in_rollout": initiatives["in_rollout"],
        "adoptions": counts["adoptions"],
        "applied": counts["applied"],
        "coverage_percent": counts["coverage_percent"],
        "by_status": {status: counts[status] for status in STATUS_ORDER},
        "by_agency_kind": [
            {key: row[key] for key in ("kind", "label", "targeted", "applied", "coverage_percent")}
            for row in by_agency_kind(scope, breakdown(scope, rows))
        ],
        "overdue_count": counts["overdue"],
        "overdue": [
            {
                "adoption": record.pk,
                "initiative": record.initiative,
                "agency": record.agency,
                "due_date": record.due_date,
                "days_overdue": record.days_overdue,
            }
            for record in late
        ],
        "benefits": benefits(scope, initiatives["claimed_vnd"]),
    }
