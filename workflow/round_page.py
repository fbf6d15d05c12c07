"""The round page at any size (issue 14): a round may hold thousands of dossiers, so the page
reads one grouped query for its figures (the dossiers per state, the council's results, the
recommended ones, the first decision due) and then one page of each list — the dossiers in the
order of the procedure, the results ranked, the recommended — never the whole round. The
leader's decision form lists only the dossiers awaiting the decision.

rounds.round_overview (the whole round in memory) stays for the documents built from it."""

from django.db.models import Case, Count, F, IntegerField, Min, Q, Value, When

from common.known_count import page_of
from initiatives.models import Initiative, Status

from .intake_rounds import RoundDossier

ORDER = {status: rank for rank, status in enumerate(Status.values)}
DECIDING = (Status.COUNCIL_REVIEW, Status.AWAITING_DECISION)
LEFT_OUT = (Status.DRAFT, Status.WITHDRAWN)  # a withdrawn dossier is no longer in the round
DOSSIERS_PER_PAGE, RESULTS_PER_PAGE = 50, 25
COMPLETED = Q(council_review__completed_at__isnull=False)
RECOMMENDED = COMPLETED & Q(council_review__recommended=True)


def round_summary(item) -> dict:
    """The round's figures in one grouped query: count, by_state [(status, count)] in the
    order of the procedure, results (dossiers with the council's result), recommended (of
    them, those recommended), recommended_awaiting (those still awaiting the decision) and
    first_decision_due (the earliest among the dossiers not decided yet)."""
    completed = Q(initiative__council_review__completed_at__isnull=False)
    recommended = completed & Q(initiative__council_review__recommended=True)
    rows = (
        RoundDossier.objects.filter(round=item)
        .exclude(initiative__status__in=LEFT_OUT)
        .order_by()
        .values("initiative__status")
        .annotate(
            n=Count("pk"),
            due=Min("initiative__decision_due"),
            results=Count("pk", filter=completed),
            recommended=Count("pk", filter=recommended),
        )
    )
    rows = sorted(rows, key=lambda row: ORDER.get(row["initiative__status"], 99))
    awaiting = [row for row in rows if row["initiative__status"] == Status.AWAITING_DECISION]
    dues = [row["due"] for row in rows if row["initiative__status"] in DECIDING and row["due"]]
    return {
        "count": sum(row["n"] for row in rows),
        "by_state": [(row["initiative__status"], row["n"]) for row in rows],
        "results_count": sum(row["results"] for row in rows),
        "recommended_count": sum(row["recommended"] for row in rows),
        "recommended_awaiting": sum(row["recommended"] for row in awaiting),
        "first_decision_due": min(dues, default=None),
    }


def _in_round(item):
    return Initiative.objects.filter(intake_round_entry__round=item).exclude(status__in=LEFT_OUT)


def _procedure_order():
    return Case(
        *(When(status=status, then=Value(rank)) for status, rank in ORDER.items()),
        default=Value(99),
        output_field=IntegerField(),
    )


def dossier_page(item, summary: dict, number):
    """A page of the round's dossiers in the order of the procedure, then by code: one query
    (the total is the summary's)."""
    queryset = (
        _in_round(item)
        .select_related("agency")
        .annotate(procedure_rank=_procedure_order())
        .order_by("procedure_rank", "code", "pk")
    )
    return page_of(queryset, DOSSIERS_PER_PAGE, number, summary["count"])


def by_state(page, summary: dict) -> list[tuple[str, int, list]]:
    """The page's dossiers under their state: (status, dossiers in that state in the whole
    round, those of this page)."""
    totals = dict(summary["by_state"])
    groups: dict[str, list] = {}
    for initiative in page.object_list:
        groups.setdefault(initiative.status, []).append(initiative)
    return [(status, totals.get(status, len(rows)), rows) for status, rows in groups.items()]


def _ranked(item, condition):
    return (
        _in_round(item)
        .filter(condition)
        .select_related("agency", "council_review")
        .order_by(F("council_review__total").desc(nulls_last=True), "code", "pk")
    )


def results_page(item, summary: dict, number):
    """A page of the council's results, highest mean total first; each row (initiative,
    review). One query."""
    page = page_of(_ranked(item, COMPLETED), RESULTS_PER_PAGE, number, summary["results_count"])
    page.object_list = [(i, i.council_review) for i in page.object_list]
    return page


def recommended_page(item, summary: dict, number):
    """A page of the dossiers the council recommends, in the results' order. One query."""
    count = summary["recommended_count"]
    page = page_of(_ranked(item, RECOMMENDED), DOSSIERS_PER_PAGE, number, count)
    page.object_list = list(page.object_list)
    return page


def awaiting_decision(item, also=()) -> list:
    """The dossiers of the round awaiting the decision (and those of `also`, ids posted with
    a batch that may have changed state meanwhile), by code, each with .council_recommends. One
    query; the list the leader decides on — the few the council has sent, not the round."""
    wanted = Q(status=Status.AWAITING_DECISION)
    if also:
        wanted |= Q(pk__in=list(also))
    dossiers = list(
        _in_round(item)
        .filter(wanted)
        .select_related("agency", "council_review")
        .order_by("code", "pk")
    )
    for initiative in dossiers:
        review = getattr(initiative, "council_review", None)
        initiative.council_recommends = bool(review and review.completed_at and review.recommended)
    return dossiers


def recommended_awaiting_ids(item) -> list[int]:
    """The dossiers the council recommends that still await the decision. One query."""
    queryset = _in_round(item).filter(RECOMMENDED, status=Status.AWAITING_DECISION)
    return list(queryset.order_by("code", "pk").values_list("pk", flat=True))
