"""Closing the council's scoring: the council's secretary (or the Department's reviewer)
records the meeting — its date and the members present — once the quorum is met and every
present, non-recused member's sheet is in (DESIGN §5)."""

from datetime import date

from django.db import transaction

from initiatives.models import Initiative

from .. import meeting
from ..council_rounds import council_round_complete
from . import pipeline


@transaction.atomic
def initiative_complete_scoring(
    *, initiative, actor, comment: str = "", meeting_date: date | None = None, present=()
) -> Initiative:
    present_ids = {int(pk) for pk in present or ()}
    state = {}

    def check(obj):
        state["seat"] = seat = meeting.seating(obj, lock=True)
        return meeting.problems(seat, meeting_date, present_ids)

    def apply(obj):
        council_round_complete(initiative=obj, seat=state["seat"], meeting_date=meeting_date,
                               present_ids=present_ids)  # fmt: skip

    return pipeline.perform(
        "complete_scoring",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=check,
        apply=apply,
        # Who came is part of the minutes; how anyone voted never enters the audit trail.
        details={
            "meeting_date": meeting_date.isoformat() if meeting_date else None,
            "present": sorted(present_ids),
        },
    )
