"""Adoption's part of the work list: the reports an agency owes, soonest first."""

from django.utils.translation import gettext_lazy as _

from agencies import roles
from workflow.worklist import Section, WorkItem, first

from .models import Adoption
from .selectors import awaiting_report_q

ORDER = 30  # right after the agency's revision requests


def adoption_work(user) -> list[Section]:
    agencies = roles.agency_member_ids(user)
    if not agencies:
        return []
    adoptions = first(
        Adoption.objects.filter(awaiting_report_q(), agency_id__in=agencies)
        .select_related("initiative__agency", "initiative__field", "agency")
        .order_by("due_date")
    )
    items = [
        WorkItem(a.initiative, _("Report on adoption"), a.due_date, a.agency.name)
        for a in adoptions
    ]
    return [
        Section("adoption_reports", _("Adoption reports due"), items, ("adoption:my_adoptions", ""))
    ]
