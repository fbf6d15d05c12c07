"""The work list ("Việc cần làm"): what waits for this user, one query per kind of work.

Workflow owns the list and the dossier sections (drafts, revisions, review, scoring, decisions);
apps above it add theirs through `register_work` at start-up (adoption: reports due), so this
module never imports them. The home page and the daily digest read the same list.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies import roles
from initiatives.models import Initiative, Status
from workflow.deadlines import LEGAL_BASIS
from workflow.models import CouncilAssignment, CouncilMember, DeadlineRule, ScoreSheet
from workflow.sheet_counts import sheet_counts
from workflow.tracks import PROVINCIAL, checked_by, decided_by

Stage = DeadlineRule.Stage


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
    more: tuple[str, str] = ("initiatives:list", "")  # URL name and query of the full list
    truncated: bool = False  # more items wait than the work list shows
    basis: str = ""  # the legal basis of the section's deadlines, shown under its title

    @property
    def more_url(self) -> str:
        name, query = self.more
        return reverse(name) + query


# A work list shows the most urgent items of each kind; the full list is one click away.
SECTION_LIMIT = 20
REVIEW_QUEUE = ("workflow:review_queue", "")
DECISIONS = ("workflow:decisions", "")


def first(queryset):
    """One more than the limit, so the page knows whether to offer "see all"."""
    return queryset[: SECTION_LIMIT + 1]


def _dossiers(**filters):
    return Initiative.objects.filter(**filters).select_related("agency", "field")


def agency_work(user) -> list[Section]:
    agencies = roles.agency_member_ids(user)
    if not agencies:
        return []
    drafts = first(_dossiers(agency_id__in=agencies, status=Status.DRAFT).order_by("-updated_at"))
    revisions = first(
        _dossiers(agency_id__in=agencies, status=Status.REVISION_REQUESTED).order_by("revision_due")
    )
    return [
        Section("drafts", _("Drafts to finish"),
                [WorkItem(i, _("Finish and submit"), url_name="initiatives:edit") for i in drafts],
                ("initiatives:list", "?status=draft")),
        Section("revisions", _("Revisions requested"),
                [WorkItem(i, _("Answer the revision request"), i.revision_due) for i in revisions],
                ("initiatives:list", "?status=revision_requested"),
                basis=LEGAL_BASIS[Stage.REVISION_REPLY]),
    ]  # fmt: skip


def reviewer_work(user) -> list[Section]:
    within = checked_by(user)
    # An administrator's own work list holds the roles they hold, not every dossier.
    if within is None or (user.is_superuser and not roles.is_reviewer(user)):
        return []
    queue = first(
        _dossiers(status=Status.DEPARTMENT_REVIEW).filter(within).order_by("submitted_at")
    )
    scoring = first(
        sheet_counts(
            _dossiers(status=Status.COUNCIL_REVIEW).filter(within),
            expected="members",
            submitted="submitted",
        ).order_by("decision_due", "id")
    )
    appeals = first(
        _dossiers(status=Status.APPEAL_REVIEW, appealed_from=Status.REFUSED)
        .filter(within)
        .order_by("appeal_due")
    )
    return [
        Section("review", _("Dossiers to check"),
                [WorkItem(i, _("Check the dossier"), i.review_due) for i in queue], REVIEW_QUEUE,
                basis=LEGAL_BASIS[Stage.DEPARTMENT_REVIEW]),
        Section("complete_scoring", _("Council scoring"),
                [WorkItem(i, _("Complete scoring") if i.submitted == i.members
                          else _("Waiting for the council"), i.decision_due,
                          _("%(done)s of %(total)s sheets submitted")
                          % {"done": i.submitted, "total": i.members})
                 for i in scoring], REVIEW_QUEUE, basis=LEGAL_BASIS[Stage.DECISION]),
        Section("appeals_refused", _("Appeals against refusals"),
                [appeal_item(i) for i in appeals],
                ("initiatives:list", "?status=appeal_review"),
                basis=LEGAL_BASIS[Stage.APPEAL_RESOLUTION]),
    ]  # fmt: skip


def council_work(user) -> list[Section]:
    if not roles.is_council_member(user):
        return []
    # From the dossiers being scored, nearest deadline first (an index), each checked for this
    # member's unsubmitted seat: a member of a busy council holds tens of thousands of seats.
    submitted = ScoreSheet.objects.filter(assignment=OuterRef("pk"), submitted_at__isnull=False)
    unscored = CouncilAssignment.objects.filter(
        initiative=OuterRef("pk"), member=user, recused=False
    ).filter(~Exists(submitted))
    to_score = first(
        _dossiers(status=Status.COUNCIL_REVIEW)
        .filter(Exists(unscored))
        .order_by("decision_due", "id")
    )
    # The council's secretary records the meeting of each dossier before it (complete_scoring).
    meetings = first(
        _dossiers(status=Status.COUNCIL_REVIEW, council_review__council__members__user=user,
                  council_review__council__members__role=CouncilMember.Role.SECRETARY,
                  council_review__council__members__is_active=True)
        .order_by("decision_due")
    )  # fmt: skip
    return [
        Section("sheets", _("Score sheets to fill"),
                [WorkItem(i, _("Score and vote"), i.decision_due, url_name="workflow:scoresheet")
                 for i in to_score],
                ("workflow:council_list", ""), basis=LEGAL_BASIS[Stage.DECISION]),
        Section("meetings", _("Council meetings to record"),
                [WorkItem(i, _("Record the meeting and complete scoring"), i.decision_due)
                 for i in meetings], ("workflow:council_list", ""),
                basis=LEGAL_BASIS[Stage.DECISION]),
    ]  # fmt: skip


def appeal_item(initiative) -> WorkItem:
    """A complex appeal has 45 days, not 30: its own item says so (the section cites 30)."""
    note = LEGAL_BASIS[Stage.APPEAL_RESOLUTION_COMPLEX] if initiative.appeal_complex else ""
    return WorkItem(initiative, _("Resolve the appeal"), initiative.appeal_due, note)


def leader_work(user) -> list[Section]:
    within = decided_by(user)
    if within is None or (user.is_superuser and not roles.is_leader(user)):
        return []
    decisions = first(
        _dossiers(status=Status.AWAITING_DECISION).filter(within).order_by("decision_due")
    )
    recognized = first(
        _dossiers(status=Status.RECOGNIZED).filter(within & PROVINCIAL).order_by("decided_at")
    )
    appeals = first(
        _dossiers(status=Status.APPEAL_REVIEW, appealed_from=Status.REJECTED)
        .filter(within)
        .order_by("appeal_due")
    )
    return [
        Section("decisions", _("Decisions to take"),
                [WorkItem(i, _("Recognize or decline"), i.decision_due) for i in decisions],
                DECISIONS, basis=LEGAL_BASIS[Stage.DECISION]),
        Section("rollout", _("Recognized, rollout not started"),
                [WorkItem(i, _("Start rollout")) for i in recognized], DECISIONS),
        Section("appeals_rejected", _("Appeals against non-recognitions"),
                [appeal_item(i) for i in appeals],
                ("initiatives:list", "?status=appeal_review"),
                basis=LEGAL_BASIS[Stage.APPEAL_RESOLUTION]),
    ]  # fmt: skip


# Providers in page order: (order, provider). Workflow's own sit at 10, 40, 60, 70; adoption's
# reports (30) come right after the agency's revisions.
_providers: list[tuple[int, Callable]] = [
    (10, agency_work),
    (40, reviewer_work),
    (60, council_work),
    (70, leader_work),
]


def register_work(provider: Callable, *, order: int) -> None:
    """Add a provider (user -> list[Section]) to every user's work list; idempotent."""
    global _providers
    kept = [(o, p) for o, p in _providers if p is not provider]
    _providers = sorted([*kept, (order, provider)], key=lambda pair: pair[0])


def work_sections(user) -> list[Section]:
    sections = [section for _order, provider in _providers for section in provider(user)]
    for section in sections:
        section.truncated = len(section.items) > SECTION_LIMIT
        section.items = section.items[:SECTION_LIMIT]
    return [section for section in sections if section.items]
