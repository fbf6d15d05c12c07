"""The demo province's open round (đợt xét) of the load year, with the dossiers under review
attached; the decided rounds of past years are demo.history's. Matched by title (or by its
year and number, so a demo database from before the history keeps its own rounds)."""

from datetime import date, timedelta

from django.db.models import Q

from initiatives.models import Initiative, Status
from workflow.models import Round
from workflow.rounds import round_add_dossiers, round_save

OPEN_STATES = (Status.DEPARTMENT_REVIEW, Status.REVISION_REQUESTED, Status.COUNCIL_REVIEW,
               Status.AWAITING_DECISION)  # fmt: skip


def _spec(today: date) -> dict:
    return {"year": today.year, "number": 1, "title": f"Đợt I năm {today.year}",
            "opens_on": today - timedelta(days=10), "closes_on": today + timedelta(days=20),
            "decided_on": None}  # fmt: skip


def ensure_open_round(people, today: date, council):
    """This year's open round, created if it is not there yet (before the dossiers are built,
    so that with ROUNDS_MODE=rounds they can be submitted into it); None when a round of that
    title, or of that year and number, already exists."""
    spec = _spec(today)
    same = Q(title=spec["title"]) | Q(year=spec["year"], number=spec["number"])
    if Round.objects.filter(same).exists():
        return None
    return round_save(actor=people["reviewer"], data={**spec, "council": council})


def attach_under_review(people, intake, titles) -> None:
    """The demo's dossiers under review join the open round (in rolling mode nothing did)."""
    dossiers = Initiative.objects.filter(title__in=titles, status__in=OPEN_STATES).order_by("pk")
    round_add_dossiers(actor=people["reviewer"], intake=intake, initiatives=dossiers)
