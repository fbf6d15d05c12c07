"""Rollout in the demo: the adopting agencies' progress and reports, through adoption.services
as the agencies themselves would report them."""

from datetime import date
from decimal import Decimal

from adoption import services as adoption_services
from adoption.models import Adoption

from .people import AGENCY_PEOPLE

A = Adoption.Status


def adopt(initiative, agency, status, detail, people, today):
    roles = AGENCY_PEOPLE[agency.code]
    staff = people[roles["agency_staff"]]
    adoption = Adoption.objects.get(initiative=initiative, agency=agency)
    if status == A.NOT_APPLICABLE:
        adoption_services.adoption_update(
            adoption=adoption, actor=staff, data={"status": A.NOT_APPLICABLE, "reason": detail}
        )
        return
    adoption = adoption_services.adoption_update(
        adoption=adoption, actor=staff, data={"status": A.IN_PROGRESS}
    )
    # The head's report is confirmed on the spot; a staff member's waits for the head.
    reporter = people[roles["agency_head"]] if status == A.APPLIED else staff
    if detail:
        adoption_services.report_add(adoption=adoption, actor=reporter, data=_report(detail, today))
    if status == A.APPLIED:
        adoption_services.adoption_update(
            adoption=adoption, actor=reporter, data={"status": A.APPLIED}
        )


def _report(detail: dict, today: date) -> dict:
    data = dict(detail, period=f"Tháng {today:%m/%Y}")
    for name in ("processing_days_before", "processing_days_after"):
        if name in data:
            data[name] = Decimal(data[name])
    return data


def adopt_voluntary(initiative, username, cast, people):
    """Follow-up step: an agency adopts the initiative from the registry and starts on it."""
    adoption = adoption_services.adoption_create_voluntary(
        initiative=initiative, actor=people[username]
    )
    adoption_services.adoption_update(
        adoption=adoption, actor=people[username], data={"status": A.IN_PROGRESS}
    )
