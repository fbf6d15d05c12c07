"""Figures of the leadership dashboard and of GET /api/v1/stats/adoption/.

Every figure is one aggregate query — Count/Sum with filter=, values().annotate(), or a
correlated COUNT/SUM subquery per row of a page — so the dashboard runs the same number of
queries with ten adoption records or a hundred thousand. Nothing here loops over records.

A Scope is either the province (every initiative in rollout) or one initiative.

Definitions (the dashboard's legend repeats them):
- targeted: adoption records, mandated and voluntary alike; applied: those in status applied;
  coverage = applied / targeted.
- provincial-scope expectation: an initiative recognized at provincial level should be applied
  by at least half of the comparable agencies — the active agencies of the kinds its records
  target, the submitting agency left out.
- overdue: a record still assigned or in progress whose next report is past due, of an
  initiative still in rollout.
- reported benefits: over the records' reports, processing days saved = Σ(before − after)
  (reports giving both), dossiers handled, cost saved (VND); compared with the sum of what the
  authors claimed (Initiative.benefit_amount_vnd).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from agencies import roles
from agencies.models import Agency
from initiatives.models import Initiative, Status
from initiatives.models import Scope as InitiativeScope

from .models import OPEN_STATUSES, Adoption, AdoptionReport
from .selectors import PUBLIC_STATES, overdue_q

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


def totals(scope: Scope, today: date | None = None) -> dict:
    """Record counts by status and source, overdue records and agencies: one query."""
    today = today or timezone.localdate()
    late = overdue_q(today)
    row = scope.adoptions().aggregate(
        adoptions=Count("pk"),
        applied=Count("pk", filter=Q(status=A.APPLIED)),
        in_progress=Count("pk", filter=Q(status=A.IN_PROGRESS)),
        assigned=Count("pk", filter=Q(status=A.ASSIGNED)),
        not_applicable=Count("pk", filter=Q(status=A.NOT_APPLICABLE)),
        mandated=Count("pk", filter=Q(source=Adoption.Source.MANDATED)),
        voluntary=Count("pk", filter=Q(source=Adoption.Source.VOLUNTARY)),
        overdue=Count("pk", filter=late),
        overdue_agencies=Count("agency", distinct=True, filter=late),
        agencies=Count("agency", distinct=True),
        agencies_applied=Count("agency", distinct=True, filter=Q(status=A.APPLIED)),
    )
    row["targeted"] = row["adoptions"]
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


def breakdown(scope: Scope, *, parents: bool = True) -> list[dict]:
    """Targeted, applied and distinct agencies per (agency kind, parent agency): one query
    that both by_agency_kind() and by_parent() fold (an agency has one kind and one parent,
    so the distinct agencies add up). parents=False groups by kind only, a little faster."""
    fields = ["agency__kind", "agency__parent_id", "agency__parent__name"]
    return list(
        scope.adoptions()
        .order_by()
        .values(*(fields if parents else fields[:1]))
        .annotate(
            targeted=Count("pk"),
            applied=Count("pk", filter=Q(status=A.APPLIED)),
            agencies=Count("agency", distinct=True),
        )
    )


def _fold(rows, key) -> dict:
    totals = {}
    for row in rows:
        into = totals.setdefault(key(row), {"targeted": 0, "applied": 0, "agencies": 0})
        for name in ("targeted", "applied", "agencies"):
            into[name] += row[name]
    return totals


def by_agency_kind(scope: Scope, rows: list[dict] | None = None) -> list[dict]:
    """Coverage per agency kind (kinds with records, in the kinds' order) with the number of
    active agencies of each kind: two queries, one if breakdown() rows are given."""
    rows = breakdown(scope, parents=False) if rows is None else rows
    active = dict(
        Agency.objects.filter(is_active=True)
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
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
    today = today or timezone.localdate()
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


# --- Per initiative: coverage and the provincial-scope expectation ---------------------------


def active_agencies_by_kind() -> dict[str, int]:
    return dict(
        Agency.objects.filter(is_active=True)
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )


def expectations(initiatives) -> dict[int, dict]:
    """{initiative id: {"applied", "comparable"}} for a queryset of initiatives: two queries.

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


def figures_for(ids, today: date | None = None) -> list[Initiative]:
    """A page of initiatives (ids, in order), each with targeted, applied, overdue_count,
    reports_count, cost_saved_vnd (correlated subqueries on the page's rows only), comparable,
    coverage_percent and expectation: three queries."""
    today = today or timezone.localdate()
    ids = list(ids)
    records = Adoption.objects.filter(initiative=OuterRef("pk"))
    reports = AdoptionReport.objects.filter(adoption__initiative=OuterRef("pk"))
    queryset = (
        Initiative.objects.filter(pk__in=ids)
        .select_related("agency")
        .annotate(
            targeted=count_of(records),
            applied=count_where(records, Q(status=A.APPLIED)),
            # Only an initiative still in rollout has overdue records.
            overdue_count=Case(
                When(
                    status=Status.ROLLOUT,
                    then=count_where(records, Q(due_date__lt=today, status__in=OPEN_STATUSES)),
                ),
                default=0,
            ),
            reports_count=count_of(reports),
            cost_saved_vnd=sum_of(reports, "cost_saved_vnd"),
        )
    )
    rows = {row.pk: row for row in queryset}
    comparable = expectations(Initiative.objects.filter(pk__in=ids)) if rows else {}
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


def expectation_summary(scope: Scope) -> dict:
    """How many provincial-scope initiatives of the scope reach ≥ 50%: three queries."""
    provincial = scope.initiatives().filter(scope=InitiativeScope.PROVINCIAL)
    figures = expectations(provincial)
    count = provincial.count()
    met = sum(reached(entry) for entry in figures.values())
    return {"provincial": count, "met": met, "below": count - met}


# --- The matrix of agencies × initiatives in rollout ----------------------------------------


@dataclass
class Cell:
    adoption_id: int
    status: str
    due_date: date | None
    overdue: bool


def matrix(*, column_page=1, row_page=1, columns: int = 8, rows: int = 25, today=None):
    """A page of initiatives in rollout (columns) × the agencies they target (rows): the
    columns page, the rows page and one query for the cells — five queries at most.

    Returns (columns_page, rows_page, table) where table is [(agency, [Cell | None, ...])].
    """
    today = today or timezone.localdate()
    initiatives = Initiative.objects.filter(status=Status.ROLLOUT).order_by("code", "pk")
    # status too: the state machine's mixin reads it whenever a row is loaded.
    columns_qs = initiatives.only("pk", "code", "title", "status")
    column_page = Paginator(columns_qs, columns).get_page(column_page)
    column_ids = [initiative.pk for initiative in column_page.object_list]
    agencies = Agency.objects.filter(
        Exists(Adoption.objects.filter(agency=OuterRef("pk"), initiative_id__in=column_ids))
    ).order_by("name", "pk")
    row_page = Paginator(agencies, rows).get_page(row_page)
    row_ids = [agency.pk for agency in row_page.object_list]
    cells = {}
    for pk, initiative_id, agency_id, status, due in Adoption.objects.filter(
        initiative_id__in=column_ids, agency_id__in=row_ids
    ).values_list("pk", "initiative_id", "agency_id", "status", "due_date"):
        late = bool(due and due < today and status in OPEN_STATUSES)
        cells[initiative_id, agency_id] = Cell(pk, status, due, late)
    table = [
        (agency, [cells.get((pk, agency.pk)) for pk in column_ids])
        for agency in row_page.object_list
    ]
    return column_page, row_page, table


# --- The list behind every figure -----------------------------------------------------------


def adoption_list(filters: dict, today: date | None = None):
    """Adoption records matching the dashboard's filters (all optional): initiative, agency,
    status, kind, source, parent (an id or "none"), overdue, reported, month (applied in it).

    Without an initiative the records are those of initiatives in rollout, as on the
    dashboard; with one, that initiative's records in any public state.
    """
    today = today or timezone.localdate()
    initiative = filters.get("initiative")
    if initiative:
        queryset = Adoption.objects.filter(
            initiative_id=initiative, initiative__status__in=PUBLIC_STATES
        )
    else:
        queryset = Adoption.objects.filter(initiative__status=Status.ROLLOUT)
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
    return queryset.select_related("initiative", "agency", "agency__parent").order_by(
        first, "agency__name", "pk"
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


# --- Everything the API returns -------------------------------------------------------------

OVERDUE_LIMIT = 100


def adoption_stats(scope: Scope, today: date | None = None) -> dict:
    """The body of GET /api/v1/stats/adoption/: seven queries whatever the data size."""
    today = today or timezone.localdate()
    counts = totals(scope, today)
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
            for row in by_agency_kind(scope)
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
