"""A council member's score sheet: saved as a draft, then submitted and locked."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from common.exceptions import Conflict
from common.limits import COMMENT, check_length
from initiatives.models import Initiative, Status
from initiatives.selectors import visible_initiatives

from .models import CouncilAssignment, CouncilReview, ScoreSheet, Vote
from .selectors import is_council_secretary


def _assignment_for(initiative_id, actor, *, seat=None, lock=False) -> CouncilAssignment:
    """The actor's own assignment, or (seat given) an outside expert's seat whose paper sheet
    the council's secretary enters. With lock, the dossier row is locked first (the order
    complete_scoring takes too), then the assignment."""
    if not visible_initiatives(actor).filter(pk=initiative_id).exists():
        raise Http404(_("Dossier not found."))
    if lock:
        Initiative.objects.select_for_update().filter(pk=initiative_id).first()
    queryset = CouncilAssignment.objects.select_related(
        "initiative__council_review__rubric", "initiative__council_review__council",
        "member", "council_member",
    )  # fmt: skip
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    queryset = queryset.filter(initiative_id=initiative_id)
    if seat is None:
        assignment = queryset.filter(member=actor).first()
        if assignment is None:
            raise PermissionDenied(_("You are not on the council for this dossier."))
    else:
        assignment = _expert_seat(queryset, seat, actor)
    if assignment.recused:
        raise PermissionDenied(
            _("You are recused from this dossier (%(reason)s) and cannot score it.")
            % {"reason": assignment.recusal_reason}
        )
    return assignment


def _expert_seat(queryset, seat, actor) -> CouncilAssignment:
    """An outside expert (a seat without an account) hands in a paper sheet; the council's
    secretary enters it for them. Members with an account enter their own."""
    assignment = queryset.filter(council_member_id=seat).first()
    if assignment is None:
        raise Http404(_("No such seat on this dossier's council."))
    if not is_council_secretary(assignment.initiative, actor):
        raise PermissionDenied(
            _("Only the council's secretary enters an outside expert's paper sheet.")
        )
    if assignment.member_id is not None:
        raise PermissionDenied(
            _("%(name)s has an account and fills in their own score sheet.")
            % {"name": assignment.member_name}
        )
    return assignment


def scoresheet_get(*, initiative_id, actor, seat=None) -> ScoreSheet:
    assignment = _assignment_for(initiative_id, actor, seat=seat)
    return getattr(assignment, "sheet", None) or ScoreSheet(assignment=assignment)


def clean_scores(criteria, scores: dict, *, complete: bool) -> tuple[dict, dict]:
    cleaned, problems = {}, {}
    known = {c.code: c for c in criteria}
    for code in scores:
        if code not in known:
            problems.setdefault("scores", []).append(
                _("“%(code)s” is not a criterion of this rubric.") % {"code": code}
            )
    for code, criterion in known.items():
        raw = scores.get(code)
        if raw in (None, ""):
            if complete:
                problems.setdefault("scores", []).append(
                    _("Give a score for “%(name)s”.") % {"name": criterion.name}
                )
            continue
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or not 0 <= value <= criterion.max_points:
            problems.setdefault("scores", []).append(
                _("The score for “%(name)s” must be between 0 and %(max)s.")
                % {"name": criterion.name, "max": criterion.max_points}
            )
            continue
        cleaned[code] = str(value)
    return cleaned, problems


@transaction.atomic
def scoresheet_save(
    *, initiative_id, actor, scores: dict, vote: str = "", comment: str = "", submit=False,
    seat=None,
) -> ScoreSheet:  # fmt: skip
    """Save a draft or submit. Under a secret ballot the vote is cast into the review's urn
    at submission, in this transaction, and never kept on the sheet (not even in a draft)."""
    assignment = _assignment_for(initiative_id, actor, seat=seat, lock=True)
    initiative = assignment.initiative
    if initiative.status != Status.COUNCIL_REVIEW:
        raise Conflict(_("The council is not scoring this dossier now."), status=initiative.status)
    sheet = ScoreSheet.objects.filter(assignment=assignment).first() or ScoreSheet(
        assignment=assignment
    )
    if sheet.is_locked:
        raise Conflict(
            _("Your score sheet has been submitted and can no longer be changed."),
            status=initiative.status,
        )
    review = initiative.council_review
    criteria = list(review.rubric.criteria.all())
    cleaned, problems = clean_scores(criteria, scores or {}, complete=submit)
    if vote and vote not in Vote.values:
        problems["vote"] = [_("Choose “agree” or “disagree”.")]
    elif submit and not vote:
        problems["vote"] = [_("Vote before submitting your sheet.")]
    problems |= check_length(comment, COMMENT, "comment")
    if problems:
        raise ValidationError(problems)
    sheet.scores, sheet.comment = cleaned, comment
    sheet.vote = "" if review.is_secret else vote
    if seat is not None:
        sheet.entered_by = actor
    if submit:
        sheet.submitted_at = timezone.now()
        sheet.has_voted = True
        if review.is_secret:
            cast_ballot(review, vote)
    sheet.save()
    return sheet


def cast_ballot(review, vote: str) -> None:
    """Drop a vote into the urn: a counter, incremented in the database, with nothing that
    says whose it is or when it came."""
    counter = "ballots_agree" if vote == Vote.AGREE else "ballots_disagree"
    CouncilReview.objects.filter(pk=review.pk).update(**{counter: F(counter) + 1})


@transaction.atomic
def scoresheet_admin_correct(*, sheet, actor, scores: dict, vote: str = "", comment: str = ""):
    """The administrator corrects a member's draft sheet, under the member's own rules: only
    while the council scores, never once submitted, scores within the rubric."""
    if not actor.has_perm("workflow.change_scoresheet"):
        raise PermissionDenied(_("Only an administrator can correct a score sheet."))
    sheet = _draft_for_admin(sheet)
    initiative = sheet.assignment.initiative
    criteria = list(initiative.council_review.rubric.criteria.all())
    cleaned, problems = clean_scores(criteria, scores or {}, complete=False)
    if vote and vote not in Vote.values:
        problems["vote"] = [_("Choose “agree” or “disagree”.")]
    elif vote and initiative.council_review.is_secret:
        problems["vote"] = [_("Under a secret ballot a sheet keeps no vote.")]
    problems |= check_length(comment, COMMENT, "comment")
    if problems:
        raise ValidationError(problems)
    sheet.scores, sheet.vote, sheet.comment = cleaned, vote, comment
    sheet.save(update_fields=["scores", "vote", "comment", "updated_at"])
    return sheet


@transaction.atomic
def scoresheet_admin_discard(*, sheet, actor) -> None:
    """The administrator discards a member's draft sheet (the member starts again), under the
    same rules as a correction: only while the council scores, never once submitted."""
    if not actor.has_perm("workflow.delete_scoresheet"):
        raise PermissionDenied(_("Only an administrator can discard a score sheet."))
    _draft_for_admin(sheet).delete()


def _draft_for_admin(sheet):
    """The sheet, locked, while the administrator may still touch it: the council is scoring
    and the member has not submitted it."""
    sheet = (
        ScoreSheet.objects.select_for_update(of=("self",))
        .select_related(
            "assignment__initiative__council_review__rubric",
            "assignment__initiative__council_review__council",
        )
        .get(pk=sheet.pk)
    )
    initiative = sheet.assignment.initiative
    if initiative.status != Status.COUNCIL_REVIEW or sheet.is_locked:
        raise Conflict(_("This score sheet can no longer be changed."), status=initiative.status)
    return sheet
