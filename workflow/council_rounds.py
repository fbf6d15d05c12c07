"""A dossier's council rounds: how one starts (from the plan made at accept, council_plan.py),
how it completes, and how it ends without a result.

The current round lives in CouncilReview / CouncilAssignment / ScoreSheet; a round that ends
(the dossier sent back during scoring, without a result; or a completed round reopened by a
granted appeal, with its result) is kept as rows of its own round (EarlierCouncilRound),
never folded into the audit trail."""

from django.utils import timezone

from . import meeting, scoring
from .council_plan import Plan, PlannedSeat, councils_with_seats, seat_plan
from .models import (
    RESULT_FIELDS,
    Council,
    CouncilAssignment,
    CouncilReview,
    EarlierCouncilRound,
    EarlierScoreSheet,
)
from .selectors import active_rubric, recusal_reason


def council_round_close(*, initiative) -> EarlierCouncilRound | None:
    """Move the current round's sheets, and its result if it has one, into an earlier round;
    None when there is none."""
    review = CouncilReview.objects.filter(initiative=initiative).first()
    assignments = list(
        CouncilAssignment.objects.filter(initiative=initiative).select_related("sheet")
    )
    if review is None and not assignments:
        return None
    earlier = EarlierCouncilRound.objects.create(
        initiative=initiative,
        number=EarlierCouncilRound.objects.filter(initiative=initiative).count() + 1,
        rubric=review.rubric if review else None,
        started_at=review.started_at if review else None,
        ended_at=timezone.now(),
        council=review.council if review else None,
        meeting_date=review.meeting_date if review else None,
        voting=review.voting if review else Council.Voting.OPEN,
        ballots_agree=review.ballots_agree if review else 0,
        ballots_disagree=review.ballots_disagree if review else 0,
        # A completed round (reopened by a granted appeal) keeps the council's result.
        **({name: getattr(review, name) for name in RESULT_FIELDS} if review else {}),
    )
    EarlierScoreSheet.objects.bulk_create(_earlier_sheet(earlier, a) for a in assignments)
    CouncilAssignment.objects.filter(initiative=initiative).delete()  # sheets cascade
    CouncilReview.objects.filter(initiative=initiative).delete()
    return earlier


def _earlier_sheet(earlier, assignment) -> EarlierScoreSheet:
    sheet = getattr(assignment, "sheet", None)
    return EarlierScoreSheet(
        round=earlier,
        council_member_id=assignment.council_member_id,
        member_id=assignment.member_id,
        recused=assignment.recused,
        recusal_reason=assignment.recusal_reason,
        present=assignment.present,
        scores=sheet.scores if sheet else {},
        vote=sheet.vote if sheet else "",
        has_voted=sheet.has_voted if sheet else False,
        comment=sheet.comment if sheet else "",
        entered_by_id=sheet.entered_by_id if sheet else None,
        submitted_at=sheet.submitted_at if sheet else None,
    )


def council_round_start(*, initiative, plan: Plan) -> None:
    """A fresh round: the rubric in use now is frozen for this dossier, the council chosen is
    recorded, and every planned seat is assigned (recused ones too, with their reason).
    Anything left of an earlier round is kept first."""
    council_round_close(initiative=initiative)
    CouncilReview.objects.create(
        initiative=initiative,
        rubric=active_rubric(),
        council=plan.council,
        # The round keeps the mode it is voted in, whatever the council decides later.
        voting=plan.council.voting if plan.council else Council.Voting.OPEN,
    )
    CouncilAssignment.objects.bulk_create(
        CouncilAssignment(
            initiative=initiative,
            member=planned.member,
            council_member=planned.seat,
            recused=bool(planned.reason),
            recusal_reason=planned.reason,
        )
        for planned in plan.seats
    )


def council_round_complete(*, initiative, seat, meeting_date, present_ids) -> None:
    """Record the meeting and store the council's result on the round: who was present,
    means and total of the sheets that count, the tally against the council's majority base,
    and the recommendation, with the rubric frozen for this dossier."""
    review = seat.review
    criteria = list(review.rubric.criteria.all())
    sheets = [a.sheet for a in meeting.counted(seat, present_ids)]
    result = scoring.compute(
        criteria, sheets, review.rubric.pass_total, meeting.votes(seat, present_ids)
    )
    present = [a.pk for seat_id, a in seat.by_seat.items() if seat_id in present_ids]
    CouncilAssignment.objects.filter(initiative=initiative).update(present=False)
    CouncilAssignment.objects.filter(pk__in=present).update(present=True)
    review.meeting_date = meeting_date
    review.named_count = seat.named
    review.present_count = len(present)
    review.mean_scores = {code: str(value) for code, value in result.mean_scores.items()}
    review.total = result.total
    review.agree_count = result.agree_count
    review.disagree_count = result.disagree_count
    review.member_count = result.member_count
    review.majority_base = result.base
    review.majority_denominator = result.denominator
    review.recommended = result.recommended
    review.reasons = result.reasons
    review.completed_at = timezone.now()
    review.save()


def council_round_restart(*, initiative) -> bool:
    """A granted appeal against a non-recognition: a new round before the council that
    assessed the dossier (its seats as they are now, recusals checked again); the finished
    round is kept as an earlier one. A round of an ad-hoc panel (COUNCIL_ADHOC_PANELS) starts
    again with the same members. False when the dossier never had a council."""
    review = CouncilReview.objects.filter(initiative=initiative).select_related("council").first()
    if review is not None and review.council_id is not None:
        council = councils_with_seats().get(pk=review.council_id)
        plan = Plan(council, seat_plan(initiative, council))
    else:
        members = [
            a.member
            for a in CouncilAssignment.objects.filter(initiative=initiative)
            .select_related("member")
            .order_by("id")
            if a.member is not None and a.member.is_active
        ]
        plan = Plan(None, [PlannedSeat(m, None, recusal_reason(initiative, m)) for m in members])
    if not plan.seats:
        return False
    council_round_start(initiative=initiative, plan=plan)
    return True
