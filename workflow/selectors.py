"""Reads for the workflow: history, council work, and what a council member may see."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Q,
)
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from agencies import roles
from agencies.models import Agency
from common.known_count import Chained
from initiatives.models import AttachmentKind, Initiative, Status
from initiatives.rules import (
    REQUIRED_FIELDS,
    request_date,
    requires_agency_decision,
    submission_problems,
)
from initiatives.selectors import initiative_detail_queryset

from .models import (
    CouncilAssignment,
    CouncilMember,
    CouncilReview,
    EarlierCouncilRound,
    EarlierScoreSheet,
    Rubric,
    TransitionLog,
)

# Recusal lives in recusal.py; callers name it here.
from .recusal import recusal_reason, register_recusal_rule  # noqa: F401
from .sheet_counts import sheet_counts


def council_visibility(user) -> Q | None:
    """Council members see the dossiers they score (registered with initiatives); a recused
    member has a conflict of interest and does not see the council's dossier."""
    if not roles.is_council_member(user):
        return None
    assigned = CouncilAssignment.objects.filter(
        initiative=OuterRef("pk"), member=user, recused=False
    )
    return Q(Exists(assigned))


def on_council_of(initiative, user) -> bool:
    """A member of the council assigned to this dossier now, not recused: one of the
    insiders who read its confidential parts (initiatives.permissions.sees_confidential)."""
    if not roles.is_council_member(user):
        return False
    return CouncilAssignment.objects.filter(
        initiative_id=initiative.pk, member=user, recused=False
    ).exists()


def is_council_secretary(initiative, user) -> bool:
    """The secretary seat (ủy viên thư ký) of the council assigned to this dossier, still in
    office: registered with initiatives.permissions for complete_scoring."""
    if not getattr(user, "is_authenticated", False):
        return False
    return CouncilReview.objects.filter(
        initiative_id=initiative.pk,
        council__members__user=user,
        council__members__role=CouncilMember.Role.SECRETARY,
        council__members__is_active=True,
    ).exists()


# What a log entry's details may show. Dates and decision references are what the agency is
# told anyway; who sits on the council is for those inside the review. Keys not listed here
# (including any added later) are shown to nobody through the history.
PUBLIC_LOG_DETAILS = frozenset(
    {"reply_due", "decision_number", "decision_date", "scope", "signer_name",
     "signer_authority", "against_council", "target_agencies", "report_due", "grounds",
     "appeal_due", "outcome", "complex", "meeting_date"}
)  # fmt: skip
INSIDER_LOG_DETAILS = PUBLIC_LOG_DETAILS | {"council_members", "council", "present"}


def log_details_for(initiative, user) -> frozenset:
    inside = roles.oversees_province(user) or on_council_of(initiative, user)
    return INSIDER_LOG_DETAILS if inside else PUBLIC_LOG_DETAILS


def initiative_history(initiative):
    return TransitionLog.objects.filter(initiative=initiative).select_related("actor")


def latest_revision_request(initiative):
    """The reviewer's latest list of what is missing, or None."""
    return initiative_history(initiative).filter(transition="request_revision").last()


def active_rubric() -> Rubric:
    return Rubric.objects.filter(is_active=True).prefetch_related("criteria").latest("version")


def assignment_for(initiative, user):
    return (
        CouncilAssignment.objects.filter(initiative=initiative, member=user)
        .select_related("sheet")
        .first()
    )


def eligible_assignments(initiative):
    """Members who score: not recused, and still active (a departed member cannot block); an
    outside expert's seat has no account and always scores."""
    return (
        CouncilAssignment.objects.filter(initiative=initiative, recused=False)
        .filter(Q(member__isnull=True) | Q(member__is_active=True))
        .select_related("member", "council_member", "sheet__entered_by")
    )


# --- Web screens (reviewer, council, leader): shaped reads, a constant number of queries ------


def active_agencies():
    """Every agency that can be asked to adopt an initiative, by name."""
    return Agency.objects.filter(is_active=True).order_by("name")


# No restriction: the default of the lists' `within` (workflow.tracks gives a reader's).
EVERY_TRACK = Q()


def _dossiers(status):
    return Initiative.objects.filter(status=status).select_related("agency", "field")


def review_queue(within=EVERY_TRACK):
    """Dossiers to check (`within`: the tracks the reader checks), the oldest first."""
    return _dossiers(Status.DEPARTMENT_REVIEW).filter(within).order_by("submitted_at", "id")


def scoring_in_progress(within=EVERY_TRACK):
    """Dossiers with the council, each with its number of members and of submitted sheets."""
    return sheet_counts(
        _dossiers(Status.COUNCIL_REVIEW).filter(within),
        expected="sheets_expected",
        submitted="sheets_submitted",
    ).order_by("decision_due", "id")


def council_assignments_of(user) -> Chained:
    """A member's assignments, recused ones included, with the sheet (or None) joined: the
    dossiers being scored now first, the nearest decision deadline first; then the others, the
    newest assignment first. Two lists read one after the other (common.known_count.Chained),
    each from an index, so a page does not sort the member's whole history."""
    every = CouncilAssignment.objects.filter(member=user)
    mine = every.select_related("initiative__agency", "initiative__field", "sheet")
    now = Q(initiative__status=Status.COUNCIL_REVIEW)
    return Chained(
        mine.filter(now).order_by("initiative__decision_due", "-id"),
        mine.exclude(now).order_by("-id"),
        total=every,
    )


def awaiting_decision(within=EVERY_TRACK):
    return (
        _dossiers(Status.AWAITING_DECISION)
        .filter(within)
        .select_related("council_review")
        .order_by("decision_due", "id")
    )


def recognized_awaiting_rollout(within=EVERY_TRACK):
    return _dossiers(Status.RECOGNIZED).filter(within).order_by("decided_at", "id")


# Apps above workflow add what they show about a rollout to the decisions page's list
# (adoption: how many agencies adopt each initiative) as an annotation, so the list keeps a
# constant number of queries; the matching column comes through the "rollout_list" slots.
_rollout_shapers: list = []


def register_rollout_list(shaper) -> None:
    """`shaper(queryset) -> queryset` for in_rollout(); idempotent."""
    if shaper not in _rollout_shapers:
        _rollout_shapers.append(shaper)


def in_rollout(within=EVERY_TRACK):
    queryset = _dossiers(Status.ROLLOUT).filter(within).order_by("decided_at", "id")
    for shaper in _rollout_shapers:
        queryset = shaper(queryset)
    return queryset


def scoring_rows(initiative):
    """The council's sheets for a score table: (criteria, [assignment]), each assignment with
    .submitted_sheet (None until submitted) and .score_list (scores in criteria order).

    Callers decide who may see them (never one member another's before complete_scoring);
    under a secret ballot the table never shows a vote (see table_of).
    """
    review = getattr(initiative, "council_review", None)
    if review is None:
        return [], []
    criteria = list(review.rubric.criteria.all())
    rows = list(eligible_assignments(initiative).order_by("id"))
    for row in rows:
        row.submitted_sheet = sheet = submitted_sheet(row)
        row.score_list = [as_decimal(sheet.scores.get(c.code)) if sheet else None for c in criteria]
    return criteria, rows


def table_of(review, criteria, rows, **extra) -> dict:
    """A score table for _score_table.html: `rows` are the members' sheets by name, `seats`
    every seat by name with its sheet (who has submitted: a has-voted mark).

    Under a secret ballot (`secret`) there is no vote column, and `rows` are the submitted
    sheets without names (ballots): with a lopsided tally, the one low score and its comment
    next to a name would tell that member's vote. `missing` names who has not submitted."""
    secret = review is not None and review.is_secret
    table = {"criteria": criteria, "rows": rows, "seats": rows, "secret": secret, "means": [],
             **extra}  # fmt: skip
    if secret:
        table["missing"] = [row.member_name for row in rows if row.submitted_sheet is None]
        table["rows"] = ballots(rows)
        # A single sheet beside the names of those who did not submit is that member's.
        table["withheld"] = len(table["rows"]) == 1 and bool(table["missing"])
        if table["withheld"]:
            table["rows"] = []
    return table


@dataclass
class Ballot:
    """A submitted sheet of a secret round, shown without its member: "Sheet 2", its scores
    and its comment."""

    label: str
    score_list: list
    comment: str


def ballots(rows) -> list[Ballot]:
    """The submitted sheets, unnamed, in an order that follows neither the seats nor the
    submissions: by total, then scores, then comment."""
    sheets = [row for row in rows if row.submitted_sheet is not None]

    def key(row):
        scores = [score or Decimal(0) for score in row.score_list]
        return sum(scores), scores, row.submitted_sheet.comment

    return [
        Ballot(_("Sheet %(number)s") % {"number": number}, row.score_list,
               row.submitted_sheet.comment)
        for number, row in enumerate(sorted(sheets, key=key), start=1)
    ]  # fmt: skip


def submitted_sheet(assignment):
    """The assignment's sheet once submitted (locked), else None."""
    sheet = getattr(assignment, "sheet", None)
    return sheet if sheet is not None and sheet.is_locked else None


def as_decimal(value) -> Decimal | None:
    """Scores are stored as strings in JSON; pages show them as localised numbers."""
    return None if value in (None, "") else Decimal(str(value))


# --- The dossier page -------------------------------------------------------------------------


def dossier_queryset(user):
    logs = TransitionLog.objects.select_related("actor").order_by("created_at", "id")
    return (
        initiative_detail_queryset(user)
        .select_related(
            "council_review__rubric",
            "council_review__council",
            "intake",
            "intake_round_entry__round",
            "promoted_to",
        )
        .prefetch_related(
            Prefetch("transition_logs", queryset=logs), "council_review__rubric__criteria"
        )
    )


def completed_review(initiative):
    review = getattr(initiative, "council_review", None)
    return review if review is not None and review.completed_at else None


def score_summary(review) -> list[dict]:
    """Per-criterion means of a completed council review, in rubric order."""
    return [
        {"criterion": c, "mean": as_decimal(review.mean_scores.get(c.code))}
        for c in review.rubric.criteria.all()
    ]


def council_table(initiative, review) -> dict | None:
    """Every member's submitted sheet with the means row: shown once scoring is complete,
    with who was at the meeting (an absent member's sheet is kept but not counted)."""
    if review is None:
        return None
    criteria, rows = scoring_rows(initiative)
    means = [row["mean"] for row in score_summary(review)]
    return table_of(review, criteria, rows, means=means, total=review.total, presence=True)


def earlier_council_rounds(initiative) -> list[dict]:
    """Rounds that ended (sent back during scoring, or completed and reopened by a granted
    appeal), each as a score table (see _score_table.html) with the round's result when it
    had one. For reviewers and leaders only: callers decide."""
    sheets = EarlierScoreSheet.objects.filter(recused=False).select_related(
        "member", "council_member", "entered_by"
    )
    rounds = (
        EarlierCouncilRound.objects.filter(initiative=initiative)
        .select_related("rubric", "council")
        .prefetch_related("rubric__criteria", Prefetch("sheets", queryset=sheets))
    )
    tables = []
    for earlier in rounds:
        # A round migrated from a dossier without a council review has no rubric: the
        # newest one's criteria name the columns (scores keep their criterion codes).
        rubric = earlier.rubric or Rubric.objects.order_by("-version").first()
        criteria = list(rubric.criteria.all()) if rubric else []
        rows = list(earlier.sheets.all())
        for row in rows:
            row.submitted_sheet = row if row.submitted_at else None
            row.score_list = [as_decimal(row.scores.get(c.code)) for c in criteria]
        # A completed round reopened by a granted appeal shows its result with the sheets.
        means = [as_decimal(earlier.mean_scores.get(c.code)) for c in criteria]
        tables.append(
            table_of(earlier, criteria, rows, round=earlier, ended=True,
                     means=means if earlier.completed_at else [], total=earlier.total,
                     presence=earlier.meeting_date is not None)
        )  # fmt: skip
    return tables


def completeness(initiative) -> dict:
    """The reviewer's checklist: each submission condition, the authors' total, attachments."""
    problems = submission_problems(initiative, today=request_date(initiative))
    fields = [
        {
            "label": initiative._meta.get_field(name).verbose_name,
            "ok": name not in problems,
            "problems": problems.get(name, []),
        }
        for name in (*REQUIRED_FIELDS, "state_funded")
    ]
    rules = [
        (_("Authors' contributions total 100%"), "authors"),
        (_("Truthfulness declared"), "truthfulness_declared"),
        *((capfirst(initiative._meta.get_field(name).verbose_name), name)
          for name in ("public_order_declared", "no_ip_protection_declared")),
    ]  # fmt: skip
    conditions = [
        {"label": label, "ok": key not in problems, "problems": problems.get(key, [])}
        for label, key in rules
    ]
    kinds = [a.kind for a in initiative.attachments.all()]
    agency_decision_required = requires_agency_decision(initiative)
    attachments = [
        {
            "kind": kind,
            "label": label,
            "count": kinds.count(kind),
            "ok": kind in kinds,
            "optional": kind == AttachmentKind.KHAC,
            "required": kind == AttachmentKind.QUYET_DINH_CO_SO and agency_decision_required,
        }
        for kind, label in AttachmentKind.choices
    ]
    return {
        "fields": fields,
        "conditions": conditions,
        "attachments": attachments,
        "authors_total": sum(a.contribution_percent for a in initiative.authors.all()),
        "ready": not problems,
        "agency_decision_required": agency_decision_required,
    }
