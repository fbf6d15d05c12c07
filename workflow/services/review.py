"""Transitions the Department of Science and Technology takes on a dossier under review:
request a revision, reject, accept and send to the council."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common import clock
from initiatives.models import Initiative

from ..council_rounds import council_plan, council_round_close, council_round_start
from ..deadlines import due_date
from ..models import DeadlineRule
from ..refusal import RefusalGround
from . import pipeline

MAX_REPLY_PERIOD = timedelta(days=90)


def _reply_due_problems(due: date, today: date) -> pipeline.Problems:
    if due <= today:
        return {"reply_due": [_("The reply due date must be after today.")]}
    if due > today + MAX_REPLY_PERIOD:
        return {
            "reply_due": [
                _("The reply due date can be at most %(days)s days from today.")
                % {"days": MAX_REPLY_PERIOD.days}
            ]
        }
    return {}


@transaction.atomic
def initiative_request_revision(
    *, initiative, actor, comment: str = "", reply_due: date | None = None
) -> Initiative:
    today = clock.today()
    due = reply_due or due_date(DeadlineRule.Stage.REVISION_REPLY, today)

    def check(obj):
        problems = pipeline.require(
            comment.strip(), "comment", _("List everything the agency must add or correct.")
        )
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


@transaction.atomic
def initiative_accept(*, initiative, actor, council_members=(), comment: str = "") -> Initiative:
    member_ids = [int(pk) for pk in council_members]
    state = {}

    def check(obj):
        state["plan"], problems = council_plan(initiative=obj, member_ids=member_ids)
        return problems

    def apply(obj):
        obj.accepted_at = timezone.now()
        obj.decision_due = due_date(DeadlineRule.Stage.DECISION, clock.today())
        council_round_start(initiative=obj, plan=state["plan"])

    return pipeline.perform(
        "accept",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=check,
        apply=apply,
        details={"council_members": member_ids},
    )
