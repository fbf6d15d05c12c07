"""The work list ("Việc cần làm"): what waits for this user, one query per kind of work."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from adoption.models import Adoption
from adoption.selectors import awaiting_report_q
from agencies import roles
from initiatives.models import Initiative, Status
from workflow.models import CouncilAssignment


@dataclass
class WorkItem:
    initiative: Initiative
    action: str
    due: date | None = None
    note: str = ""
    url_name: str = "workflow:detail"


@dataclass
class Section:
    key: str
    title: str
    items: list
    truncated: bool = False  # more items wait than the work list shows

    @property
    def more_url(self) -> str:
        name, query = MORE_LINKS.get(self.key, ("initiatives:list", ""))
        return reverse(name) + query


# A work list shows the most urgent items of each kind; the full list is one click away.
SECTION_LIMIT = 20
MORE_LINKS = {
    "drafts": ("initiatives:list", "?status=draft"),
    "revisions": ("initiatives:list", "?status=revision_requested"),
    "adoption_reports": ("adoption:my_adoptions", ""),
    "review": ("workflow:review_queue", ""),
    "complete_scoring": ("workflow:review_queue", ""),
    "sheets": ("workflow:council_list", ""),
    "decisions": ("workflow:decisions", ""),
    "rollout": ("workflow:decisions", ""),
}


def _first(queryset):
    """One more than the limit, so the page knows whether to offer "see all"."""
    return queryset[: SECTION_LIMIT + 1]


def _dossiers(**filters):
    return Initiative.objects.filter(**filters).select_related("agency", "field")


def agency_work(user) -> list[Section]:
    agencies = roles.agency_member_ids(user)
    if not agencies:
        return []
    drafts = _first(_dossiers(agency_id__in=agencies, status=Status.DRAFT).order_by("-updated_at"))
    revisions = _first(
        _dossiers(agency_id__in=agencies, status=Status.REVISION_REQUESTED).order_by("revision_due")
    )
    adoptions = _first(
        Adoption.objects.filter(awaiting_report_q(), agency_id__in=agencies)
        .select_related("initiative__agency", "initiative__field", "agency")
        .order_by("due_date")
    )
    return [
        Section("drafts", _("Drafts to finish"),
                [WorkItem(i, _("Finish and submit"), url_name="initiatives:edit") for i in drafts]),
        Section("revisions", _("Revisions requested"),
                [WorkItem(i, _("Answer the revision request"), i.revision_due) for i in revisions]),
        Section("adoption_reports", _("Adoption reports due"),
                [WorkItem(a.initiative, _("Report on adoption"), a.due_date, a.agency.name)
                 for a in adoptions]),
    ]  # fmt: skip


def reviewer_work(user) -> list[Section]:
    if not roles.is_reviewer(user):
        return []
    queue = _first(_dossiers(status=Status.DEPARTMENT_REVIEW).order_by("submitted_at"))
    scoring = _first(
        _dossiers(status=Status.COUNCIL_REVIEW)
        .annotate(
            members=Count("council_assignments", filter=Q(council_assignments__recused=False)),
            submitted=Count(
                "council_assignments",
                filter=Q(
                    council_assignments__recused=False,
                    council_assignments__sheet__submitted_at__isnull=False,
                ),
            ),
        )
        .order_by("decision_due")
    )
    return [
        Section("review", _("Dossiers to check"),
                [WorkItem(i, _("Check the dossier"), i.review_due) for i in queue]),
        Section("complete_scoring", _("Council scoring"),
                [WorkItem(i, _("Complete scoring") if i.submitted == i.members
                          else _("Waiting for the council"), i.decision_due,
                          _("%(done)s of %(total)s sheets submitted")
                          % {"done": i.submitted, "total": i.members})
                 for i in scoring]),
    ]  # fmt: skip


def council_work(user) -> list[Section]:
    if not roles.is_council_member(user):
        return []
    assignments = _first(
        CouncilAssignment.objects.filter(
            member=user, recused=False, initiative__status=Status.COUNCIL_REVIEW
        )
        .filter(Q(sheet__isnull=True) | Q(sheet__submitted_at__isnull=True))
        .select_related("initiative__agency", "initiative__field")
        .order_by("initiative__decision_due")
    )
    return [
        Section("sheets", _("Score sheets to fill"),
                [WorkItem(a.initiative, _("Score and vote"), a.initiative.decision_due,
                          url_name="workflow:scoresheet") for a in assignments]),
    ]  # fmt: skip


def leader_work(user) -> list[Section]:
    if not roles.is_leader(user):
        return []
    decisions = _first(_dossiers(status=Status.AWAITING_DECISION).order_by("decision_due"))
    recognized = _first(_dossiers(status=Status.RECOGNIZED).order_by("decided_at"))
    return [
        Section("decisions", _("Decisions to take"),
                [WorkItem(i, _("Recognize or decline"), i.decision_due) for i in decisions]),
        Section("rollout", _("Recognized, rollout not started"),
                [WorkItem(i, _("Start rollout")) for i in recognized]),
    ]  # fmt: skip


def work_sections(user) -> list[Section]:
    sections = agency_work(user) + reviewer_work(user) + council_work(user) + leader_work(user)
    for section in sections:
        section.truncated = len(section.items) > SECTION_LIMIT
        section.items = section.items[:SECTION_LIMIT]
    return [section for section in sections if section.items]
