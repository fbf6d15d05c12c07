"""Phiếu đánh giá sáng kiến (DESIGN §9): a council member's score sheet on a dossier, as a PDF
rendered on demand (one document per request) — blank, for a meeting held on paper (the frozen
rubric's criteria with their maximum points, the dossier, the member's name), or filled (the
member's submitted scores and comment).

The blank sheet is for the member, the council's secretary, reviewers and leaders. The filled
sheet is for the member and, under an open vote, for them too; under a secret ballot it is the
member's alone, and it never states a vote (the sheet holds none: the ballot went to the urn)."""

import io

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.utils import translation
from django.utils.text import slugify
from django.views import View

from common.files import PDF, file_download
from common.limits import MAX_ID
from initiatives import permissions as can
from initiatives.selectors import visible_initiatives
from workflow.models import CouncilAssignment, CouncilReview, ScoreSheet, Vote

from . import wording
from .council_minutes import _points, runs_review
from .render import DOCUMENT_LANGUAGE, render_pdf


def _is_member(assignment, user) -> bool:
    if assignment.member_id is not None:
        return assignment.member_id == user.pk
    return assignment.council_member_id is not None and assignment.council_member.user_id == user.pk


def _runs_review(review, user) -> bool:
    return runs_review(review.initiative, review.council_id, user)


def may_read_sheet(assignment, review, user, *, filled: bool) -> bool:
    if _is_member(assignment, user):
        return True
    if filled and review.is_secret:
        return False
    return _runs_review(review, user)


def sheet_context(assignment, review, sheet=None) -> dict:
    initiative = assignment.initiative
    scores = sheet.scores if sheet else {}
    criteria = [
        {
            "index": index,
            "name": c.name,
            "max": _points(c.max_points),
            "score": _points(scores.get(c.code)) if sheet else "",
        }
        for index, c in enumerate(review.rubric.criteria.order_by("order", "id"), start=1)
    ]
    vote = ""
    if sheet and not review.is_secret and sheet.vote:
        vote = {Vote.AGREE: "Đồng ý đề nghị công nhận", Vote.DISAGREE: "Không đồng ý"}[sheet.vote]
    total = sum(
        (float(scores[c.code]) for c in review.rubric.criteria.all() if c.code in scores), 0.0
    )
    council = review.council
    return {
        "title": f"Phiếu đánh giá sáng kiến: {initiative.title}",
        "issuer": (
            {"parent": [wording.council_parent(council)], "body": [wording.upper(council.name)]}
            if council
            else wording.department_body()
        ),
        "number": "",
        "place_date": wording.place_and_date(review.meeting_date)
        if review.meeting_date
        else f"{settings.PROVINCE_NAME}, ngày ...... tháng ...... năm ......",
        "initiative_title": initiative.title,
        "initiative_code": initiative.code or "",
        "agency": initiative.agency.name,
        "member_name": assignment.member_name,
        "member_role": str(assignment.council_member.get_role_display())
        if assignment.council_member_id
        else "",
        "criteria": criteria,
        "pass_total": _points(review.rubric.pass_total),
        "filled": sheet is not None,
        "total": _points(total) if sheet else "",
        "comment": sheet.comment if sheet else "",
        "vote": vote,
        "secret": review.is_secret,
        "recipients": [],
        "signature": {"authority": ["NGƯỜI ĐÁNH GIÁ"], "title": "", "name": assignment.member_name},
    }


def score_sheet_pdf(assignment, review, sheet=None) -> bytes:
    with translation.override(DOCUMENT_LANGUAGE):
        context = sheet_context(assignment, review, sheet)
    return render_pdf("documents/pdf/score_sheet.html", context)


class ScoreSheetView(LoginRequiredMixin, View):
    """GET /documents/score-sheets/<assignment>/blank/ or …/filled/ (404 for anyone else)."""

    filled = False

    def get(self, request, pk):
        if not 0 < pk <= MAX_ID:  # SQLite cannot even be asked about a larger id
            raise Http404
        assignment = (
            CouncilAssignment.objects.select_related(
                "initiative__agency", "member", "council_member"
            )
            .filter(pk=pk, recused=False, initiative__in=visible_initiatives(request.user))
            .first()
        )
        review = (
            CouncilReview.objects.select_related("rubric", "council")
            .filter(initiative_id=assignment.initiative_id)
            .first()
            if assignment
            else None
        )
        if review is None or not may_read_sheet(
            assignment, review, request.user, filled=self.filled
        ):
            raise Http404
        sheet = None
        if self.filled:
            sheet = ScoreSheet.objects.filter(
                assignment=assignment, submitted_at__isnull=False
            ).first()
            if sheet is None:
                raise Http404
        content = score_sheet_pdf(assignment, review, sheet)
        kind = "da-cham" if self.filled else "trang"
        code = slugify(assignment.initiative.code) or str(assignment.initiative_id)
        name = f"phieu-danh-gia-{code}-{kind}.pdf"
        return file_download(io.BytesIO(content), name=name, content_type=PDF)


def council_papers(initiative, user) -> dict | None:
    """The score sheets this user may download for a dossier: their own, or everyone's for those
    running the review (the filled ones only under an open vote), and the minutes' Word draft
    for the latter once the meeting is recorded. None when there are none."""
    review = (
        CouncilReview.objects.select_related("rubric", "council")
        .filter(initiative=initiative)
        .first()
    )
    if review is None or not user.is_authenticated:
        return None
    assignments = list(
        CouncilAssignment.objects.filter(initiative=initiative, recused=False)
        .select_related("member", "council_member", "sheet")
        .order_by("id")
    )
    runs = _runs_review(review, user)
    rows = []
    for assignment in assignments:
        own = _is_member(assignment, user)
        if not (own or runs):
            continue
        sheet = getattr(assignment, "sheet", None)
        submitted = sheet is not None and sheet.submitted_at is not None
        rows.append(
            {"assignment": assignment, "filled": submitted and (own or not review.is_secret)}
        )
    if not rows:
        return None
    return {"score_sheets": rows, "minutes_draft": runs and review.completed_at is not None}


def council_papers_link(ctx) -> bool:
    """Whether the dossier page links to its council papers, from what the page already holds
    (no query): the dossier has a council review, and the reader is on its council or oversees
    the province. The papers page itself decides what each reader gets."""
    initiative, user = ctx["initiative"], ctx["request"].user
    if getattr(initiative, "council_review", None) is None:
        return False
    assignment = ctx.get("assignment")
    return can.runs_track(initiative, user) or (assignment is not None and not assignment.recused)
