"""The leader revokes a recognition (DESIGN.md §5 v2: recognized, rollout, closed → revoked).

The revoking decision's number and date are stored beside the recognition's own, which stay for
the record. Open adoption records are closed by the adoption app, which hears the signal."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from common import clock
from initiatives.models import Initiative

from . import pipeline


def _revocation_problems(obj, decision_number, decision_date, comment) -> pipeline.Problems:
    problems = pipeline.require(
        decision_number.strip(), "decision_number", _("Enter the number of the revoking decision.")
    )
    problems |= pipeline.require(
        decision_date, "decision_date", _("Enter the date of the revoking decision.")
    )
    if decision_date and decision_date > clock.today():
        problems["decision_date"] = [_("The decision date cannot be in the future.")]
    elif decision_date and obj.decision_date and decision_date < obj.decision_date:
        problems["decision_date"] = [
            _("A recognition cannot be revoked before it was decided (%(date)s).")
            % {"date": obj.decision_date.strftime("%d/%m/%Y")}
        ]
    problems |= pipeline.require(
        comment.strip(), "comment", _("Give the reason for revoking the recognition.")
    )
    return problems


@transaction.atomic
def initiative_revoke(
    *,
    initiative,
    actor,
    decision_number: str = "",
    decision_date: date | None = None,
    comment: str = "",
) -> Initiative:
    number = decision_number.strip()

    def apply(obj):
        obj.revocation_number = number
        obj.revocation_date = decision_date

    return pipeline.perform(
        "revoke",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=lambda obj: _revocation_problems(obj, decision_number, decision_date, comment),
        apply=apply,
        details={
            "decision_number": number,
            "decision_date": decision_date.isoformat() if decision_date else None,
        },
        extra={"reason": comment.strip()},
    )
