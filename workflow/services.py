"""One service per transition (DESIGN.md §5).

Each is atomic, locks the dossier row, checks visibility (404), role (403), state (409) and
conditions (400, every problem named), runs the django-fsm transition, writes the
TransitionLog, and signals the apps that react (notifications, adoption) in the same
transaction.
"""

from collections.abc import Callable
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed

from agencies import roles
from agencies.models import Agency, Role
from common.exceptions import Conflict
from common.limits import COMMENT, check_length
from initiatives import permissions as can
from initiatives.models import Initiative, Scope
from initiatives.rules import request_date, submission_problems
from initiatives.selectors import visible_initiatives
from initiatives.services import initiative_assign_code

from .council_rounds import (
    council_plan,
    council_round_close,
    council_round_complete,
    council_round_start,
)
from .deadlines import due_date
from .models import DeadlineRule, TransitionLog
from .permissions import may_take, transition_label, transition_meta
from .selectors import eligible_assignments, submitted_sheet
from .signals import initiative_transitioned

Problems = dict[str, list[str]]
MAX_REPLY_PERIOD = timedelta(days=90)


# --- The common path of every transition ---------------------------------------------------


def _lock(initiative, actor) -> Initiative:
    queryset = Initiative.objects if actor is None else visible_initiatives(actor)
    try:
        return queryset.select_for_update().get(pk=getattr(initiative, "pk", initiative))
    except Initiative.DoesNotExist:
        raise Http404(_("Dossier not found.")) from None


def _acting_role(initiative, actor, name: str) -> str:
    if actor is None:
        return "system"
    permission = transition_meta(name).permission
    if permission is can.is_owner and roles.acts_for_agency(actor, initiative.agency_id):
        return roles.agency_role(actor, initiative.agency_id)
    if permission in (can.is_leader, can.is_leader_or_reviewer) and roles.is_leader(actor):
        return Role.LEADER
    if roles.is_reviewer(actor):
        return Role.REVIEWER
    return "admin"


def _perform(
    name: str,
    *,
    initiative,
    actor,
    comment: str = "",
    check: Callable[[Initiative], Problems] | None = None,
    apply: Callable[[Initiative], None] | None = None,
    details: dict | None = None,
    extra: dict | None = None,
) -> Initiative:
    obj = _lock(initiative, actor)
    method = getattr(obj, name)
    label = transition_label(name)
    if actor is not None and not may_take(obj, actor, name):
        raise PermissionDenied(
            _("You are not allowed to “%(action)s” this dossier.") % {"action": label}
        )
    if not can_proceed(method):
        raise Conflict(
            _("“%(action)s” is not possible while the dossier is “%(status)s”.")
            % {"action": label, "status": obj.get_status_display()},
            status=obj.status,
        )
    problems = check(obj) if check else {}
    for field, messages in check_length(comment, COMMENT, "comment").items():
        problems.setdefault(field, []).extend(messages)
    if problems:
        raise ValidationError(problems)
    source = obj.status
    method()
    if apply:
        apply(obj)
    try:
        obj.save()
    except ConcurrentTransition:
        current = Initiative.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
        raise Conflict(
            _("Someone else changed this dossier at the same time."), status=current
        ) from None
    log = TransitionLog.objects.create(
        initiative=obj,
        transition=name,
        source=source,
        target=obj.status,
        actor=actor,
        role=_acting_role(obj, actor, name),
        comment=comment,
        data=details or {},
    )
    initiative_transitioned.send(sender=Initiative, initiative=obj, log=log, extra=extra or {})
    return obj


def _require(value, field: str, message: str) -> Problems:
    return {} if value not in (None, "", [], ()) else {field: [message]}


def _today() -> date:
    return timezone.localdate()


# --- Agency ---------------------------------------------------------------------------------


def _submission_check(obj) -> Problems:
    return submission_problems(obj, today=request_date(obj))


def _open_department_review(obj) -> None:
    obj.review_due = due_date(DeadlineRule.Stage.DEPARTMENT_REVIEW, _today())
    obj.revision_due = None


@transaction.atomic
def initiative_submit(*, initiative, actor, comment: str = "") -> Initiative:
    def apply(obj):
        obj.submitted_at = timezone.now()
        initiative_assign_code(obj, year=_today().year)
        _open_department_review(obj)

    return _perform(
        "submit",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=_submission_check,
        apply=apply,
    )


@transaction.atomic
def initiative_resubmit(*, initiative, actor, comment: str = "") -> Initiative:
    return _perform(
        "resubmit",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=_submission_check,
        apply=_open_department_review,
    )


@transaction.atomic
def initiative_withdraw(*, initiative, actor, comment: str = "") -> Initiative:
    return _perform("withdraw", initiative=initiative, actor=actor, comment=comment)


# --- Department of Science and Technology ---------------------------------------------------


@transaction.atomic
def initiative_request_revision(
    *, initiative, actor, comment: str = "", reply_due: date | None = None
) -> Initiative:
    today = _today()
    due = reply_due or due_date(DeadlineRule.Stage.REVISION_REPLY, today)

    def check(obj):
        problems = _require(
            comment.strip(), "comment", _("List everything the agency must add or correct.")
        )
        if due <= today:
            problems["reply_due"] = [_("The reply due date must be after today.")]
        elif due > today + MAX_REPLY_PERIOD:
            problems["reply_due"] = [
                _("The reply due date can be at most %(days)s days from today.")
                % {"days": MAX_REPLY_PERIOD.days}
            ]
        return problems

    def apply(obj):
        obj.revision_due = due
        # Sent back during scoring: this council round ends here, without a result.
        council_round_close(initiative=obj)

    return _perform(
        "request_revision",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=check,
        apply=apply,
        details={"reply_due": due.isoformat()},
    )


@transaction.atomic
def initiative_reject(*, initiative, actor, comment: str = "") -> Initiative:
    return _perform(
        "reject",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=lambda obj: _require(comment.strip(), "comment", _("Give the reason for rejecting.")),
    )


@transaction.atomic
def initiative_accept(*, initiative, actor, council_members=(), comment: str = "") -> Initiative:
    member_ids = [int(pk) for pk in council_members]
    state = {}
    details = {"council_members": member_ids}

    def check(obj):
        state["plan"], problems = council_plan(initiative=obj, member_ids=member_ids)
        return problems

    def apply(obj):
        today = _today()
        obj.accepted_at = timezone.now()
        obj.decision_due = due_date(DeadlineRule.Stage.DECISION, today)
        council_round_start(initiative=obj, plan=state["plan"])

    return _perform(
        "accept",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=check,
        apply=apply,
        details=details,
    )


@transaction.atomic
def initiative_complete_scoring(*, initiative, actor, comment: str = "") -> Initiative:
    state = {}

    def check(obj):
        assignments = list(eligible_assignments(obj))
        missing = [a.member.get_full_name() for a in assignments if not submitted_sheet(a)]
        state["sheets"] = [a.sheet for a in assignments if submitted_sheet(a)]
        if missing:
            return {
                "scoresheets": [
                    _("Scoring is incomplete: waiting for %(names)s.")
                    % {"names": ", ".join(missing)}
                ]
            }
        return {}

    def apply(obj):
        council_round_complete(initiative=obj, sheets=state["sheets"])

    return _perform(
        "complete_scoring",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=check,
        apply=apply,
    )


# --- Provincial leadership ------------------------------------------------------------------


@transaction.atomic
def initiative_recognize(
    *,
    initiative,
    actor,
    decision_number: str = "",
    decision_date: date | None = None,
    scope: str = "",
    comment: str = "",
) -> Initiative:
    def check(obj):
        problems = _require(
            decision_number.strip(), "decision_number", _("Enter the decision number.")
        )
        problems |= _require(decision_date, "decision_date", _("Enter the decision date."))
        accepted_on = obj.accepted_at and timezone.localdate(obj.accepted_at)
        if decision_date and decision_date > _today():
            problems["decision_date"] = [_("The decision date cannot be in the future.")]
        elif decision_date and accepted_on and decision_date < accepted_on:
            problems["decision_date"] = [
                _("The decision cannot be dated before the application was accepted (%(date)s).")
                % {"date": accepted_on.strftime("%d/%m/%Y")}
            ]
        if scope not in Scope.values:
            problems["scope"] = [_("Choose the scope: agency level or provincial level.")]
        return problems

    def apply(obj):
        obj.decision_number = decision_number.strip()
        obj.decision_date = decision_date
        obj.scope = scope
        obj.decided_at = timezone.now()

    return _perform(
        "recognize",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=check,
        apply=apply,
        details={"decision_number": decision_number.strip(), "scope": scope},
    )


@transaction.atomic
def initiative_decline(*, initiative, actor, comment: str = "") -> Initiative:
    def apply(obj):
        obj.decided_at = timezone.now()

    return _perform(
        "decline",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=lambda obj: _require(comment.strip(), "comment", _("Give the reason for declining.")),
        apply=apply,
    )


@transaction.atomic
def initiative_start_rollout(
    *, initiative, actor, target_agencies=(), report_due: date | None = None, comment: str = ""
) -> Initiative:
    agency_ids = sorted({int(pk) for pk in target_agencies})

    def check(obj):
        problems = _require(
            agency_ids, "target_agencies", _("Choose at least one agency to adopt it.")
        )
        found = set(
            Agency.objects.filter(pk__in=agency_ids, is_active=True).values_list("pk", flat=True)
        )
        if agency_ids and found != set(agency_ids):
            problems["target_agencies"] = [_("Some chosen agencies do not exist or are inactive.")]
        elif obj.agency_id in agency_ids:
            problems["target_agencies"] = [
                _("%(agency)s owns this initiative and is not asked to adopt it.")
                % {"agency": obj.agency.name}
            ]
        problems |= _require(report_due, "report_due", _("Enter the report due date."))
        if report_due and report_due <= _today():
            problems["report_due"] = [_("The report due date must be after today.")]
        return problems

    return _perform(
        "start_rollout",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=check,
        details={
            "target_agencies": agency_ids,
            "report_due": report_due.isoformat() if report_due else None,
        },
        extra={"target_agencies": agency_ids, "report_due": report_due},
    )


@transaction.atomic
def initiative_close_rollout(*, initiative, actor, comment: str = "") -> Initiative:
    return _perform("close_rollout", initiative=initiative, actor=actor, comment=comment)


# --- System ---------------------------------------------------------------------------------


@transaction.atomic
def initiative_expire(*, initiative) -> Initiative:
    def check(obj):
        if obj.revision_due is None or obj.revision_due >= _today():
            return {"revision_due": [_("The reply deadline has not passed yet.")]}
        return {}

    return _perform(
        "expire",
        initiative=initiative,
        actor=None,
        check=check,
        comment=_("No reply to the revision request by the deadline."),
    )


# --- Dispatch by name, for the API, the admin and the web views ------------------------------

SERVICES = {
    "submit": initiative_submit,
    "resubmit": initiative_resubmit,
    "withdraw": initiative_withdraw,
    "request_revision": initiative_request_revision,
    "reject": initiative_reject,
    "accept": initiative_accept,
    "complete_scoring": initiative_complete_scoring,
    "recognize": initiative_recognize,
    "decline": initiative_decline,
    "start_rollout": initiative_start_rollout,
    "close_rollout": initiative_close_rollout,
}
