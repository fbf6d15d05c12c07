"""The common path of every transition (DESIGN.md §5).

Each transition service is atomic, locks the dossier row, checks visibility (404), role (403),
state (409) and conditions (400, every problem named), runs the django-fsm transition, writes
the TransitionLog, and signals the apps that react (notifications, adoption) in the same
transaction. The per-actor modules beside this one say only what differs.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed

from agencies import roles
from agencies.models import Role
from common.exceptions import Conflict
from common.limits import COMMENT, check_length
from initiatives import permissions as can
from initiatives.models import Initiative
from initiatives.selectors import visible_initiatives

from ..models import TransitionLog
from ..permissions import may_take, transition_label, transition_meta
from ..signals import initiative_transitioned

Problems = dict[str, list[str]]
# The role logged when the council's secretary records the meeting (complete_scoring).
COUNCIL_SECRETARY = "council_secretary"


def lock(initiative, actor) -> Initiative:
    queryset = Initiative.objects if actor is None else visible_initiatives(actor)
    try:
        return queryset.select_for_update().get(pk=getattr(initiative, "pk", initiative))
    except Initiative.DoesNotExist:
        raise Http404(_("Dossier not found.")) from None


def acting_role(initiative, actor, name: str) -> str:
    if actor is None:
        return "system"
    permission = transition_meta(name).permission
    if permission in (can.is_owner, can.is_owner_head) and roles.acts_for_agency(
        actor, initiative.agency_id
    ):
        return roles.agency_role(actor, initiative.agency_id)
    agency_level = initiative.is_agency_level
    deciding = Role.AGENCY_HEAD if agency_level else Role.LEADER
    checking = Role.INITIATIVE_SECRETARY if agency_level else Role.REVIEWER
    if permission is can.is_appeal_resolver and initiative.appealed_from == "rejected":
        return deciding
    if permission in (can.is_leader, can.is_leader_or_reviewer) and can.acts_as_leader(
        initiative, actor
    ):
        return deciding
    if can.acts_as_reviewer(initiative, actor):
        return checking
    if permission is can.is_reviewer_or_council_secretary and can.is_council_secretary(
        initiative, actor
    ):
        return COUNCIL_SECRETARY
    return "admin"


def require(value, field: str, message: str) -> Problems:
    return {} if value not in (None, "", [], ()) else {field: [message]}


def perform(
    name: str,
    *,
    initiative,
    actor,
    comment: str = "",
    check: Callable[[Initiative], Problems] | None = None,
    apply: Callable[[Initiative], None] | None = None,
    details: dict | None = None,
    extra: dict | None = None,
    arguments: tuple = (),
) -> Initiative:
    """`arguments` go to the model's transition method (resolve_appeal's outcome picks its
    target state there)."""
    obj = lock(initiative, actor)
    _check_allowed(obj, actor, name)
    problems = check(obj) if check else {}
    for field, messages in check_length(comment, COMMENT, "comment").items():
        problems.setdefault(field, []).extend(messages)
    if problems:
        raise ValidationError(problems)
    source = obj.status
    getattr(obj, name)(*arguments)
    if apply:
        apply(obj)
    _save(obj)
    log = TransitionLog.objects.create(
        initiative=obj,
        transition=name,
        source=source,
        target=obj.status,
        actor=actor,
        role=acting_role(obj, actor, name),
        comment=comment,
        data=details or {},
    )
    initiative_transitioned.send(sender=Initiative, initiative=obj, log=log, extra=extra or {})
    return obj


def _check_allowed(obj, actor, name: str) -> None:
    label = transition_label(name)
    if actor is not None and not may_take(obj, actor, name):
        raise PermissionDenied(
            _("You are not allowed to “%(action)s” this dossier.") % {"action": label}
        )
    if not can_proceed(getattr(obj, name)):
        raise Conflict(
            _("“%(action)s” is not possible while the dossier is “%(status)s”.")
            % {"action": label, "status": obj.get_status_display()},
            status=obj.status,
        )


def _save(obj) -> None:
    try:
        obj.save()
    except ConcurrentTransition:
        current = Initiative.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
        raise Conflict(
            _("Someone else changed this dossier at the same time."), status=current
        ) from None
