"""Appeals (DESIGN.md §5 v2; Luật Khiếu nại 2011): the head of the owning agency complains
against a refusal or a non-recognition (refused, rejected → appeal_review); the reviewer
resolves an appeal against a refusal, the leader one against a non-recognition.

One appeal per decision: an upheld appeal makes the outcome final. A granted one sends the
dossier back to the step that outcome ended — the Department's review with a fresh review
period, or a new council round with the same panel; the decision clock never restarts."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common import clock
from common.exceptions import Conflict
from common.limits import COMMENT, check_length
from initiatives.models import APPEAL_GRANTED, APPEAL_UPHELD, Initiative, Status

from ..appeal_rules import appeal_last_day
from ..council_rounds import council_round_restart
from ..deadlines import due_date
from ..models import DeadlineRule, TransitionLog
from ..permissions import may_take
from . import pipeline

# A timeline entry that is not a transition: the resolver marks the appeal complex.
APPEAL_COMPLEX = "appeal_complex"
OUTCOMES = (APPEAL_UPHELD, APPEAL_GRANTED)


def _appeal_problems(obj, comment: str, today: date) -> pipeline.Problems:
    problems = pipeline.require(comment.strip(), "comment", _("State the grounds of the appeal."))
    if obj.appeal_final:
        problems["non_field_errors"] = [
            _(
                "This outcome has already been appealed and the appeal was upheld: the "
                "outcome is final and cannot be appealed again."
            )
        ]
        return problems
    last_day = appeal_last_day(obj)
    if last_day and today > last_day:
        problems["non_field_errors"] = [
            _("The appeal period ended on %(date)s; the appeal can no longer be filed.")
            % {"date": last_day.strftime("%d/%m/%Y")}
        ]
    return problems


@transaction.atomic
def initiative_appeal(*, initiative, actor, comment: str = "") -> Initiative:
    today = clock.today()
    due = due_date(DeadlineRule.Stage.APPEAL_RESOLUTION, today)

    def apply(obj):
        # The model's transition recorded which outcome is contested (appealed_from).
        obj.appeal_filed_at = timezone.now()
        obj.appeal_complex = False
        obj.appeal_due = due

    return pipeline.perform(
        "appeal",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=lambda obj: _appeal_problems(obj, comment, today),
        apply=apply,
        details={"appeal_due": due.isoformat()},
    )


def _extend_for_complexity(obj) -> None:
    """A complex appeal has 45 days from its filing instead of 30 (Điều 28)."""
    obj.appeal_complex = True
    filed = timezone.localdate(obj.appeal_filed_at) if obj.appeal_filed_at else clock.today()
    obj.appeal_due = due_date(DeadlineRule.Stage.APPEAL_RESOLUTION_COMPLEX, filed)


def _resolution_problems(obj, outcome: str, comment: str) -> pipeline.Problems:
    problems = {}
    if outcome not in OUTCOMES:
        problems["outcome"] = [
            _("Choose the outcome: the decision is upheld, or the appeal is granted.")
        ]
    problems |= pipeline.require(
        comment.strip(), "comment", _("Give the reasons for the resolution of the appeal.")
    )
    return problems


def _reopen(obj) -> None:
    """A granted appeal: the step the contested outcome ended starts again."""
    if obj.status == Status.DEPARTMENT_REVIEW:
        obj.review_due = due_date(DeadlineRule.Stage.DEPARTMENT_REVIEW, clock.today())
        obj.revision_due = None
    else:
        council_round_restart(initiative=obj)


@transaction.atomic
def initiative_resolve_appeal(
    *, initiative, actor, outcome: str = "", comment: str = "", complex: bool = False
) -> Initiative:
    def apply(obj):
        if complex and not obj.appeal_complex:
            _extend_for_complexity(obj)
        if outcome == APPEAL_UPHELD:
            obj.appeal_final = True
        else:
            _reopen(obj)

    return pipeline.perform(
        "resolve_appeal",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=lambda obj: _resolution_problems(obj, outcome, comment),
        apply=apply,
        details={"outcome": outcome, "complex": bool(complex)},
        extra={"outcome": outcome},
        arguments=(outcome,),
    )


@transaction.atomic
def appeal_mark_complex(*, initiative, actor, comment: str = "") -> Initiative:
    """The resolver marks the appeal complex before resolving it: its resolution is due 45 days
    after filing. Written on the timeline; marking it twice changes nothing."""
    obj = pipeline.lock(initiative, actor)
    if not may_take(obj, actor, "resolve_appeal"):
        raise PermissionDenied(_("Only the person resolving the appeal can mark it complex."))
    if obj.status != Status.APPEAL_REVIEW:
        raise Conflict(_("Only an appeal under review can be marked complex."), status=obj.status)
    if obj.appeal_complex:
        return obj
    if problems := check_length(comment, COMMENT, "comment"):
        raise ValidationError(problems)
    _extend_for_complexity(obj)
    obj.save()
    TransitionLog.objects.create(
        initiative=obj,
        transition=APPEAL_COMPLEX,
        source=obj.status,
        target=obj.status,
        actor=actor,
        role=pipeline.acting_role(obj, actor, "resolve_appeal"),
        comment=comment.strip(),
        data={"appeal_due": obj.appeal_due.isoformat()},
    )
    return obj
