"""A dossier's council rounds: who sits on one (council_plan, with recusals), how it starts,
how it completes, and how it ends without a result.

The current round lives in CouncilReview / CouncilAssignment / ScoreSheet; a round that ends
without a result (the dossier is sent back during scoring) is
kept as rows of its own round (EarlierCouncilRound), never folded into the audit trail."""

from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Role, User

from . import meeting, scoring
from .models import (
    CouncilAssignment,
    CouncilReview,
    EarlierCouncilRound,
    EarlierScoreSheet,
)
from .selectors import active_rubric, author_names_of, recusal_reason

MIN_COUNCIL_MEMBERS = 3


def council_plan(*, initiative, member_ids) -> tuple[list[tuple], dict]:
    """[(member, recusal reason)] for the requested members, and the problems found."""
    if not member_ids:
        return [], {"council_members": [_("Choose the council members.")]}
    members = list(
        User.objects.filter(
            pk__in=member_ids, is_active=True, memberships__role=Role.COUNCIL_MEMBER
        ).distinct()
    )
    problems = {}
    unknown = set(member_ids) - {m.pk for m in members}
    if unknown:
        problems["council_members"] = [
            _("These users are not council members: %(ids)s.")
            % {"ids": ", ".join(str(i) for i in sorted(unknown))}
        ]
    author_names = author_names_of(initiative)
    plan = [(m, recusal_reason(initiative, m, author_names)) for m in members]
    eligible = [m for m, reason in plan if not reason]
    if len(eligible) < MIN_COUNCIL_MEMBERS:
        recused = "; ".join(f"{m.get_full_name()} ({reason})" for m, reason in plan if reason)
        message = _(
            "At least %(min)s council members who are not recused are needed; %(count)s chosen."
        ) % {"min": MIN_COUNCIL_MEMBERS, "count": len(eligible)}
        if recused:
            message += " " + _("Recused: %(list)s.") % {"list": recused}
        problems.setdefault("council_members", []).append(message)
    return plan, problems


def council_round_close(*, initiative) -> EarlierCouncilRound | None:
    """Move the current round's sheets into an earlier round; None when there is none."""
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
        ballots_agree=review.ballots_agree if review else 0,
        ballots_disagree=review.ballots_disagree if review else 0,
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


def council_round_start(*, initiative, plan) -> None:
    """A fresh round: the rubric in use now is frozen for this dossier; plan is
    [(member, recusal reason)]. Anything left of an earlier round is kept first."""
    council_round_close(initiative=initiative)
    CouncilReview.objects.create(initiative=initiative, rubric=active_rubric())
    CouncilAssignment.objects.bulk_create(
        CouncilAssignment(
            initiative=initiative, member=member, recused=bool(reason), recusal_reason=reason
        )
        for member, reason in plan
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
