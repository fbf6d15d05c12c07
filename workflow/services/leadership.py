"""Transitions of the provincial leadership: the decision (recognize or decline) and the
rollout that follows it (also open to the Department of S&T)."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from common import clock
from initiatives.models import Initiative, Scope

from . import pipeline


def _decision_problems(obj, decision_number, decision_date, scope) -> pipeline.Problems:
    problems = pipeline.require(
        decision_number.strip(), "decision_number", _("Enter the decision number.")
    )
    problems |= pipeline.require(decision_date, "decision_date", _("Enter the decision date."))
    accepted_on = obj.accepted_at and timezone.localdate(obj.accepted_at)
    if decision_date and decision_date > clock.today():
        problems["decision_date"] = [_("The decision date cannot be in the future.")]
    elif decision_date and accepted_on and decision_date < accepted_on:
        problems["decision_date"] = [
            _("The decision cannot be dated before the application was accepted (%(date)s).")
            % {"date": accepted_on.strftime("%d/%m/%Y")}
        ]
    if scope not in Scope.values:
        problems["scope"] = [_("Choose the scope: agency level or provincial level.")]
    return problems


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
    def apply(obj):
        obj.decision_number = decision_number.strip()
        obj.decision_date = decision_date
        obj.scope = scope
        obj.decided_at = timezone.now()

    return pipeline.perform(
        "recognize",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=lambda obj: _decision_problems(obj, decision_number, decision_date, scope),
        apply=apply,
        details={"decision_number": decision_number.strip(), "scope": scope},
    )


@transaction.atomic
def initiative_decline(*, initiative, actor, comment: str = "") -> Initiative:
    def apply(obj):
        obj.decided_at = timezone.now()

    return pipeline.perform(
        "decline",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=lambda obj: pipeline.require(
            comment.strip(), "comment", _("Give the reason for declining.")
        ),
        apply=apply,
    )


def _rollout_problems(obj, agency_ids, report_due) -> pipeline.Problems:
    problems = pipeline.require(
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
    problems |= pipeline.require(report_due, "report_due", _("Enter the report due date."))
    if report_due and report_due <= clock.today():
        problems["report_due"] = [_("The report due date must be after today.")]
    return problems


@transaction.atomic
def initiative_start_rollout(
    *, initiative, actor, target_agencies=(), report_due: date | None = None, comment: str = ""
) -> Initiative:
    agency_ids = sorted({int(pk) for pk in target_agencies})
    return pipeline.perform(
        "start_rollout",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=lambda obj: _rollout_problems(obj, agency_ids, report_due),
        details={
            "target_agencies": agency_ids,
            "report_due": report_due.isoformat() if report_due else None,
        },
        extra={"target_agencies": agency_ids, "report_due": report_due},
    )


@transaction.atomic
def initiative_close_rollout(*, initiative, actor, comment: str = "") -> Initiative:
    return pipeline.perform("close_rollout", initiative=initiative, actor=actor, comment=comment)
