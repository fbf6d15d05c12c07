"""The demo province's rounds (đợt xét): one decided (past dates, the dossiers it decided
attached) and one open now (the dossiers under review attached). Matched by title."""

from datetime import date, timedelta

from initiatives.models import Initiative, Status
from workflow.models import Round
from workflow.rounds import round_add_dossiers, round_save

DECIDED_STATES = (Status.RECOGNIZED, Status.ROLLOUT, Status.CLOSED, Status.REJECTED,
                  Status.REVOKED)  # fmt: skip
OPEN_STATES = (Status.DEPARTMENT_REVIEW, Status.REVISION_REQUESTED, Status.COUNCIL_REVIEW,
               Status.AWAITING_DECISION)  # fmt: skip


def _specs(today: date) -> list[dict]:
    past = today - timedelta(days=200)
    current = today - timedelta(days=10)
    return [
        {"year": past.year, "number": 1, "title": f"Đợt I năm {past.year}", "opens_on": past,
         "closes_on": past + timedelta(days=60), "decided_on": today - timedelta(days=30),
         "states": DECIDED_STATES},
        {"year": current.year, "number": 2 if current.year == past.year else 1,
         "title": f"Đợt {'II' if current.year == past.year else 'I'} năm {current.year}",
         "opens_on": current, "closes_on": today + timedelta(days=20), "decided_on": None,
         "states": OPEN_STATES},
    ]  # fmt: skip


def ensure_rounds(people, today: date, council, titles) -> int:
    """Create the rounds not there yet, with the demo's dossiers; how many were created."""
    created = 0
    for spec in _specs(today):
        if Round.objects.filter(title=spec["title"]).exists():
            continue
        states = spec.pop("states")
        intake = round_save(actor=people["reviewer"], data={**spec, "council": council})
        dossiers = Initiative.objects.filter(title__in=titles, status__in=states).order_by("pk")
        round_add_dossiers(actor=people["reviewer"], intake=intake, initiatives=dossiers)
        created += 1
    return created
