"""Transitions the Department of Science and Technology takes on a dossier under review:
request a revision, reject, accept and send to the council."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common import clock
from initiatives.models import Initiative, Status

from ..council_plan import adhoc_plan, council_plan
from ..council_rounds import council_round_close, council_round_start
from ..deadlines import default_reply_due, due_date, reply_window
from ..models import DeadlineRule, TransitionLog
from ..refusal import RefusalGround
from . import pipeline


def _reply_due_problems(due: date, today: date) -> pipeline.Problems:
    earliest, latest = reply_window(today)
    if due < earliest:
        message = _(
            "The agency must have at least %(months)s calendar month(s) to reply: "
            "the reply date cannot be before %(date)s."
        ) % {"months": settings.REVISION_REPLY_MIN_MONTHS, "date": earliest.strftime("%d/%m/%Y")}
    elif due > latest:
        message = _(
            "The reply period is at most %(months)s calendar month(s): "
            "the reply date cannot be after %(date)s."
        ) % {"months": settings.REVISION_REPLY_MAX_MONTHS, "date": latest.strftime("%d/%m/%Y")}
    else:
        return {}
    return {"reply_due": [message]}


def _revision_count_problems(obj) -> pipeline.Problems:
    """The Department asks for corrections during its review once, with the complete list
    (settings.REVISION_REQUESTS_MAX); a request made from the council's review is not one."""
    if obj.status != Status.DEPARTMENT_REVIEW:
        return {}
    made = TransitionLog.objects.filter(
        initiative=obj, transition="request_revision", source="department_review"
    ).count()
    if made < settings.REVISION_REQUESTS_MAX:
        return {}
    return {
        "comment": [
            _(
                "A revision has already been requested %(count)s time(s) during the review; "
                "the list of what is missing must be complete the first time. Accept or "
                "refuse the application."
            )
            % {"count": made}
        ]
    }


def decision_start(obj, today: date) -> date:
    """NĐ 13 Điều 7: the decision period runs from acceptance, or from the end of the first
    (trial) application when that comes later."""
    ends = obj.first_application_ends_on
    return max(today, ends) if ends else today


@transaction.atomic
def initiative_request_revision(
    *, initiative, actor, comment: str = "", reply_due: date | None = None
) -> Initiative:
    today = clock.today()
    due = reply_due or default_reply_due(today)

    def check(obj):
        problems = pipeline.require(
            comment.strip(), "comment", _("List everything the agency must add or correct.")
        )
        for field, messages in _revision_count_problems(obj).items():
            problems.setdefault(field, []).extend(messages)
        return problems | _reply_due_problems(due, today)

    def apply(obj):
        obj.revision_due = due
        # Sent back during scoring: this council round ends here, without a result.
        council_round_close(initiative=obj)

    return pipeline.perform(
        "request_revision",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=check,
        apply=apply,
        details={"reply_due": due.isoformat()},
    )


def _refusal_problems(comment: str, grounds: list[str]) -> pipeline.Problems:
    problems = pipeline.require(
        grounds, "grounds", _("Choose at least one formal ground for refusing the application.")
    )
    unknown = [g for g in grounds if g not in RefusalGround.values]
    if unknown:
        problems["grounds"] = [
            _("Unknown ground: %(list)s.") % {"list": ", ".join(map(str, unknown))}
        ]
    if not comment.strip():
        problems["comment"] = [_("Explain the refusal: the agency receives it in writing.")]
    return problems


@transaction.atomic
def initiative_reject(*, initiative, actor, comment: str = "", grounds=()) -> Initiative:
    """Từ chối chấp nhận đơn: the application is refused on formal grounds (NĐ 13 Điều 6)."""
    grounds = list(dict.fromkeys(grounds or ()))  # once each, in the order given
    return pipeline.perform(
        "reject",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=lambda obj: _refusal_problems(comment, grounds),
        details={"grounds": grounds},
    )


def _plan_for(obj, council, member_ids, today):
    """The council set up by decision; without one, an ad-hoc panel only where the province
    allows it (settings.COUNCIL_ADHOC_PANELS) — otherwise the `council` field is named."""
    if council in (None, "") and member_ids:
        return adhoc_plan(initiative=obj, member_ids=member_ids)
    return council_plan(initiative=obj, council=council, today=today)


@transaction.atomic
def initiative_accept(
    *, initiative, actor, council=None, council_members=(), comment: str = ""
) -> Initiative:
    """Chấp nhận đơn: the dossier goes to a council set up by decision (`council`, a Council
    or its id), whose active members are all assigned, each recused or not."""
    member_ids = [int(pk) for pk in council_members]
    today = clock.today()
    state = {}

    def check(obj):
        state["plan"], problems = _plan_for(obj, council, member_ids, today)
        return problems

    def apply(obj):
        # The legal clock starts at the first acceptance and never restarts: a dossier sent
        # back from the council and accepted again keeps its decision date.
        if obj.accepted_at is None:
            obj.accepted_at = timezone.now()
        if obj.decision_due is None:
            obj.decision_due = due_date(DeadlineRule.Stage.DECISION, decision_start(obj, today))
        council_round_start(initiative=obj, plan=state["plan"])
        details.update(state["plan"].log_details())

    details = {}
    return pipeline.perform(
        "accept",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=check,
        apply=apply,
        details=details,
    )
