"""Recording a ministry's decision that recognizes an initiative nationwide (phạm vi toàn quốc).

Nationwide recognition is not the province's act: it is made by a ministry after the province
has recognized the initiative. The province records it (the leader), and the initiative's scope
becomes `national`; the provincial decision stays as it was. Written on the timeline."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencies import roles
from common import clock
from common.exceptions import Conflict
from common.limits import COMMENT, check_length
from initiatives.models import PUBLIC_STATES, Initiative, Scope

from ..models import TransitionLog
from . import pipeline

RECORD_NATIONAL = "record_national"


def _national_problems(obj, number: str, day: date | None, issuer: str) -> pipeline.Problems:
    problems = pipeline.require(
        number.strip(), "decision_number", _("Enter the number of the ministry's decision.")
    )
    problems |= pipeline.require(day, "decision_date", _("Enter the decision date."))
    problems |= pipeline.require(
        issuer.strip(), "issuer", _("Enter the ministry that issued the decision.")
    )
    if day and day > clock.today():
        problems["decision_date"] = [_("The decision date cannot be in the future.")]
    elif day and obj.decision_date and day < obj.decision_date:
        problems["decision_date"] = [
            _("Nationwide recognition follows the provincial decision of %(date)s.")
            % {"date": obj.decision_date.strftime("%d/%m/%Y")}
        ]
    return problems


@transaction.atomic
def initiative_record_national(
    *, initiative, actor, decision_number: str = "", decision_date=None, issuer: str = "",
    comment: str = "",
) -> Initiative:  # fmt: skip
    obj = pipeline.lock(initiative, actor)
    if not (actor.is_superuser or roles.is_leader(actor)):
        raise PermissionDenied(_("Only provincial leaders record a nationwide recognition."))
    if obj.status not in PUBLIC_STATES:
        raise Conflict(
            _("Only a recognized initiative can be recognized nationwide."), status=obj.status
        )
    problems = _national_problems(obj, decision_number, decision_date, issuer)
    problems |= check_length(comment, COMMENT, "comment")
    if problems:
        raise ValidationError(problems)
    obj.national_decision_number = decision_number.strip()
    obj.national_decision_date = decision_date
    obj.national_issuer = issuer.strip()
    obj.scope = Scope.NATIONAL
    obj.save()
    TransitionLog.objects.create(
        initiative=obj,
        transition=RECORD_NATIONAL,
        source=obj.status,
        target=obj.status,
        actor=actor,
        role=pipeline.acting_role(obj, actor, "revoke"),
        comment=comment.strip(),
        data={
            "decision_number": obj.national_decision_number,
            "decision_date": decision_date.isoformat(),
            "issuer": obj.national_issuer,
        },
    )
    return obj
