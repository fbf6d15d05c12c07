"""Per initiative: coverage and the provincial-scope expectation (applied by at least half of
the comparable agencies), for the list of initiatives in rollout and one initiative's page."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, OuterRef, Q

from common import clock
from initiatives.models import Initiative
from initiatives.models import Scope as InitiativeScope

from ..models import Adoption, AdoptionReport
from ..selectors import overdue_q
from .figures import A, Scope, active_agencies_by_kind, count_of, count_where, percent, sum_of


def expectations(initiatives, active: dict[str, int] | None = None) -> dict[int, dict]:
    """{initiative id: {"applied", "comparable"}} for a queryset of initiatives: two queries,
    one if `active` (active_agencies_by_kind()) is given.

    comparable = the active agencies of the kinds the initiative's records target, the
    submitting agency left out. One grouped query gives, per initiative and targeted kind,
    the applied records (and the submitting agency's kind); the other counts the active
    agencies per kind; the sums are done here. No correlated subquery, so no plan that
    depends on the planner's statistics.
    """
    rows = (
        Adoption.objects.filter(initiative__in=initiatives.order_by().values("pk"))
        .order_by()
        .values(
            "initiative_id",
            "agency__kind",
            "initiative__agency__kind",
            "initiative__agency__is_active",
        )
        .annotate(applied=Count("pk", filter=Q(status=A.APPLIED)))
    )
    per_initiative = {}
    for row in rows:
        entry = per_initiative.setdefault(
            row["initiative_id"],
            {
                "applied": 0,
                "kinds": set(),
                "own": row["initiative__agency__kind"]
                if row["initiative__agency__is_active"]
                else None,
            },
        )
        entry["applied"] += row["applied"]
        entry["kinds"].add(row["agency__kind"])
    if active is None:
        active = active_agencies_by_kind() if per_initiative else {}
    result = {}
    for pk, entry in per_initiative.items():
        comparable = sum(active.get(kind, 0) for kind in entry["kinds"])
        comparable -= entry["own"] in entry["kinds"]  # the submitting agency is no adopter
        result[pk] = {"applied": entry["applied"], "comparable": comparable}
    return result


def reached(figures: dict) -> bool:
    """Applied by at least half of the comparable agencies (and there are some)."""
    return figures["comparable"] > 0 and figures["applied"] * 2 >= figures["comparable"]


def initiative_filter(scope: Scope, *, expectation: str = "", initiative_scope: str = ""):
    """The ids of the scope's initiatives in code order, to page through (figures_for gives a
    page its figures).

    initiative_scope keeps one scope (agency/provincial); expectation="met"/"below" keeps the
    provincial-scope initiatives that reach (or miss) applied ≥ 50% of comparable agencies —
    computed for all of them by expectations() (three queries), then a list of ids.
    """
    queryset = scope.initiatives().order_by("code", "pk")
    if initiative_scope in InitiativeScope.values:
        queryset = queryset.filter(scope=initiative_scope)
    if expectation not in ("met", "below"):
        return queryset.values_list("pk", flat=True)
    queryset = queryset.filter(scope=InitiativeScope.PROVINCIAL)
    figures = expectations(queryset)
    none = {"applied": 0, "comparable": 0}
    wanted = expectation == "met"
    return [
        pk
        for pk in queryset.values_list("pk", flat=True)
        if reached(figures.get(pk, none)) == wanted
    ]


def figures_for(ids, today: date | None = None, *, states=None, active=None) -> list[Initiative]:
    """A page of initiatives (ids, in order; those in `states` only, if given), each with
    targeted, applied, overdue_count, reports_count, cost_saved_vnd (correlated subqueries on
    the page's rows only), comparable, coverage_percent and expectation: three queries, two if
    `active` (active_agencies_by_kind()) is given."""
    today = today or clock.today()
    ids = list(ids)
    records = Adoption.objects.filter(initiative=OuterRef("pk"))
    reports = AdoptionReport.objects.filter(adoption__initiative=OuterRef("pk"))
    queryset = (
        Initiative.objects.filter(pk__in=ids, **({"status__in": states} if states else {}))
        .select_related("agency")
        .annotate(
            targeted=count_of(records),
            applied=count_where(records, Q(status=A.APPLIED)),
            overdue_count=count_where(records, overdue_q(today)),
            reports_count=count_of(reports),
            cost_saved_vnd=sum_of(reports, "cost_saved_vnd"),
        )
    )
    rows = {row.pk: row for row in queryset}
    comparable = expectations(Initiative.objects.filter(pk__in=list(rows)), active) if rows else {}
    for row in rows.values():
        row.comparable = comparable.get(row.pk, {}).get("comparable", 0)
        row.coverage_percent = percent(row.applied, row.targeted)
        row.expectation = expectation_of(row)
    return [rows[pk] for pk in ids if pk in rows]


def expectation_of(initiative) -> dict | None:
    """≥ 50% of comparable agencies, for a provincial-scope figures_for() row."""
    if initiative.scope != InitiativeScope.PROVINCIAL:
        return None
    comparable = initiative.comparable
    expected = (comparable + 1) // 2  # at least half, rounded up
    return {
        "comparable": comparable,
        "expected": expected,
        "applied": initiative.applied,
        "percent": percent(initiative.applied, comparable),
        "met": reached({"applied": initiative.applied, "comparable": comparable}),
        "missing": max(expected - initiative.applied, 0),
    }


def expectation_summary(scope: Scope, count: int | None = None, active=None) -> dict:
    """How many provincial-scope initiatives of the scope reach ≥ 50%: three queries, one if
    `count` (the scope's provincial-scope initiatives, initiative_totals()) and `active`
    (active_agencies_by_kind()) are given."""
    provincial = scope.initiatives().filter(scope=InitiativeScope.PROVINCIAL)
    figures = expectations(provincial, active)
    count = provincial.count() if count is None else count
    met = sum(reached(entry) for entry in figures.values())
    return {"provincial": count, "met": met, "below": count - met}
