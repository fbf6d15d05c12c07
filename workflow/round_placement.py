"""Moving a dossier between rounds (đợt xét), or out of any: the standing office's correction
when a dossier was taken in the wrong round, or is carried over to the next one because the
council could not assess it in time. Only undecided dossiers move; the move is in the
dossier's timeline with who did it and why."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencies import roles
from agencies.models import Role
from common.limits import COMMENT
from initiatives.models import Initiative, Status

from .intake_rounds import Round, RoundDossier, RoundStatus
from .models import TransitionLog
from .rounds import may_manage_rounds

ROUND_MOVE = "round_move"
# A dossier moves while it is still being examined; once decided it stays where it was decided.
MOVABLE_STATES = (
    Status.DEPARTMENT_REVIEW,
    Status.REVISION_REQUESTED,
    Status.COUNCIL_REVIEW,
    Status.AWAITING_DECISION,
)


def may_place(initiative, user) -> bool:
    return may_manage_rounds(user) and initiative.status in MOVABLE_STATES


def target_rounds():
    """The rounds a dossier may be moved into: those not decided yet (a short list)."""
    return Round.objects.filter(decided_on__isnull=True).order_by("-year", "-number")


def _problems(initiative, target, current, reason) -> dict[str, list[str]]:
    problems = {}
    if initiative.status not in MOVABLE_STATES:
        problems["round"] = [_("A dossier moves between rounds only while it is being examined.")]
    elif target is not None and target.status == RoundStatus.DECIDED:
        problems["round"] = [_("This round has been decided: it takes no more dossiers.")]
    elif target is not None and not _covers(target, initiative.field_id):
        problems["round"] = [_("This round does not take dossiers of this field.")]
    elif (target and target.pk) == (current and current.pk):
        problems["round"] = [_("The dossier is already there.")]
    if not reason.strip():
        problems["comment"] = [_("Say why the dossier is moved.")]
    elif len(reason) > COMMENT:
        problems["comment"] = [_("The reason is too long.")]
    return problems


def _covers(target, field_code) -> bool:
    codes = set(target.fields.values_list("code", flat=True))
    return not codes or field_code in codes


@transaction.atomic
def round_place_dossier(*, actor, initiative, target: Round | None, reason: str) -> Initiative:
    """Put the dossier in `target` (None: in no round), replacing its round, and log it."""
    if not may_manage_rounds(actor):
        raise PermissionDenied(_("Only the Department of S&T's reviewers manage rounds."))
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    entry = RoundDossier.objects.select_related("round").filter(initiative=initiative).first()
    current = entry.round if entry else None
    if problems := _problems(initiative, target, current, reason):
        raise ValidationError(problems)
    if target is None:
        entry.delete()
    elif entry is None:
        RoundDossier.objects.create(initiative=initiative, round=target)
    else:
        entry.round = target
        entry.save(update_fields=["round"])
    TransitionLog.objects.create(
        initiative=initiative,
        transition=ROUND_MOVE,
        source=initiative.status,
        target=initiative.status,
        actor=actor,
        role=Role.REVIEWER if roles.is_reviewer(actor) else "admin",
        comment=reason.strip(),
        data={"from": current.title if current else "", "to": target.title if target else ""},
    )
    return initiative
