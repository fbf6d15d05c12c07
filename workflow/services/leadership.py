"""Transitions of the provincial leadership: the decision (recognize or decline) and the
rollout that follows it (also open to the Department of S&T)."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from common import clock
from common.text import clean_name
from initiatives.models import Initiative

from .. import decisions as rules
from . import pipeline


def _decision_problems(obj, decision: dict, comment: str) -> pipeline.Problems:
    return (
        rules.decision_number_problems(decision["decision_number"], obj)
        | rules.decision_date_problems(obj, decision["decision_date"])
        | rules.signer_problems(decision["signer_name"], decision["signer_authority"], obj)
        | rules.scope_problems(decision["scope"], obj)
        | rules.reason_problems(obj, "recognize", comment)
    )


@transaction.atomic
def initiative_recognize(
    *,
    initiative,
    actor,
    decision_number: str = "",
    decision_date: date | None = None,
    signer_name: str = "",
    signer_authority: str = "",
    scope: str = "",
    comment: str = "",
) -> Initiative:
    decision = {
        "decision_number": rules.normalize_decision_number(decision_number),
        "decision_date": decision_date,
        "signer_name": clean_name(signer_name.strip()),
        "signer_authority": signer_authority,
        "scope": scope,
    }
    details = {}

    def check(obj):
        # Each track decides its own scope (cấp cơ sở or cấp tỉnh) unless told otherwise.
        decision["scope"] = scope or rules.expected_scope(obj)
        details["against_council"] = rules.against_council(obj, "recognize")
        return _decision_problems(obj, decision, comment)

    def apply(obj):
        for name, value in decision.items():
            setattr(obj, name, value)
        obj.decided_at = timezone.now()
        details.update(decision, decision_date=decision_date.isoformat())

    return pipeline.perform(
        "recognize",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=check,
        apply=apply,
        details=details,
    )


@transaction.atomic
def initiative_decline(*, initiative, actor, comment: str = "") -> Initiative:
    details = {}

    def check(obj):
        details["against_council"] = rules.against_council(obj, "decline")
        return rules.reason_problems(obj, "decline", comment)

    def apply(obj):
        obj.decided_at = timezone.now()

    return pipeline.perform(
        "decline",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=check,
        apply=apply,
        details=details,
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
