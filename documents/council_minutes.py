"""Biên bản họp Hội đồng and Biên bản kiểm phiếu (DESIGN §9), issued when a council's meeting on
a dossier is recorded (complete_scoring): the meeting date, the members present against the
quorum, the mean score per criterion and the total, the tally and the recommendation.

Under a secret ballot the papers state the tally only: no member's name stands against a vote,
and the votes are not read at all (the sheets keep only a has-voted mark anyway). Under an open
vote the vote count lists how each member present voted, as the meeting saw it.

The papers stay inside the review: reviewers, leaders and the council's secretary read them
(selectors.may_read), never the applicant nor the other members."""

import math
from decimal import Decimal

from django.utils import timezone, translation

from initiatives import permissions as can
from initiatives.selectors import visible_initiatives
from workflow.council_body import CouncilMember
from workflow.models import CouncilAssignment, CouncilReview, ScoreSheet, Vote

from . import wording
from .issuing import act_key, register_act
from .models import Document, DocumentKind
from .render import DOCUMENT_LANGUAGE, render_docx, render_pdf
from .services import Rendered, document_issue


def runs_review(initiative, council_id, user) -> bool:
    """Who reads a dossier's council papers: those who check and decide it on its track (the
    Department's reviewers and the leaders, or the agency's secretary and head at cơ sở level),
    administrators, and the secretary of the council that assessed it."""
    if not getattr(user, "is_authenticated", False):
        return False
    if can.runs_track(initiative, user):
        return True
    return (
        bool(council_id)
        and CouncilMember.objects.filter(
            council_id=council_id, user=user, role=CouncilMember.Role.SECRETARY
        ).exists()
    )


def reads_council_papers(document: Document, user) -> bool:
    """Minutes and score sheets of a dossier (see runs_review)."""
    if document.initiative is None:
        return False
    return runs_review(document.initiative, document.council_id, user)


def _points(value) -> str:
    """ "12,50": two decimals, a comma as in Vietnamese writing."""
    if value in (None, ""):
        return "—"
    return f"{Decimal(str(value)):.2f}".replace(".", ",")


def _issuer(review) -> dict:
    if review.council_id:
        parent = wording.council_parent(review.council)
        return {"parent": [parent], "body": [wording.upper(review.council.name)]}
    return wording.department_body()


def _needed(review) -> int:
    council = review.council
    num, den = (council.quorum_numerator, council.quorum_denominator) if council else (2, 3)
    return math.ceil(num * review.named_count / den) if den else review.named_count


def minutes_context(document: Document, *, initiative, review) -> dict:
    """What the minutes state; the members' votes only under an open vote."""
    assignments = list(
        CouncilAssignment.objects.filter(initiative=initiative)
        .select_related("member", "council_member")
        .order_by("id")
    )
    present = [a for a in assignments if a.present]
    secret = review.is_secret
    votes = []
    if not secret:
        sheets = {
            s.assignment_id: s
            for s in ScoreSheet.objects.filter(assignment__in=present, submitted_at__isnull=False)
        }
        labels = {Vote.AGREE: "Đồng ý", Vote.DISAGREE: "Không đồng ý"}
        votes = [
            {"name": a.member_name, "vote": labels.get(getattr(sheets.get(a.pk), "vote", ""), "—")}
            for a in present
        ]
    criteria = list(review.rubric.criteria.order_by("order", "id"))
    meeting = review.meeting_date or timezone.localdate(review.completed_at)
    return {
        "title": f"Biên bản họp Hội đồng: {initiative.title}",
        "issuer": _issuer(review),
        "number": document.number,
        "place_date": wording.place_and_date(meeting),
        "council_name": review.council.name if review.council_id else "Hội đồng sáng kiến",
        "meeting_date": wording.date_in_words(meeting),
        "initiative_title": initiative.title,
        "initiative_code": initiative.code or "",
        "agency": initiative.agency.name,
        "named": review.named_count,
        "present_count": review.present_count,
        "needed": _needed(review),
        "quorum_met": review.present_count >= _needed(review),
        "present": [a.member_name for a in present],
        "means": [
            {
                "name": c.name,
                "max": _points(c.max_points),
                "mean": _points(review.mean_scores.get(c.code)),
            }
            for c in criteria
        ],
        "total": _points(review.total),
        "pass_total": _points(review.rubric.pass_total),
        "secret": secret,
        "agree": review.agree_count,
        "disagree": review.disagree_count,
        "not_voting": review.not_voting_count,
        "denominator": review.majority_denominator,
        "votes": votes,
        "recommended": review.recommended,
        "recipients": ["Sở Khoa học và Công nghệ"],
        "signature": {"authority": ["THƯ KÝ HỘI ĐỒNG"], "title": "", "name": _secretary(review)},
        "chair": _chair(review),
    }


def _seat_name(review, role) -> str:
    if not review.council_id:
        return ""
    seat = review.council.members.filter(role=role, is_active=True).order_by("order", "id").first()
    return seat.full_name if seat else ""


def _secretary(review) -> str:
    return _seat_name(review, CouncilMember.Role.SECRETARY)


def _chair(review) -> str:
    return _seat_name(review, CouncilMember.Role.CHAIR)


def minutes_builder(*, initiative, review):
    def build(document: Document) -> Rendered:
        with translation.override(DOCUMENT_LANGUAGE):
            context = minutes_context(document, initiative=initiative, review=review)
        return Rendered(
            content=render_pdf("documents/pdf/minutes.html", context),
            format=Document.Format.PDF,
            title=context["title"],
            data={
                "title": initiative.title,
                "total": context["total"],
                "agree": context["agree"],
                "disagree": context["disagree"],
                "recommended": review.recommended,
            },
        )

    return build


def minutes_docx(initiative, review) -> bytes:
    """The Word draft of the minutes, for the secretary to finish before the council signs."""
    from types import SimpleNamespace

    with translation.override(DOCUMENT_LANGUAGE):
        context = minutes_context(
            SimpleNamespace(number="......"), initiative=initiative, review=review
        )
    issuer = context["issuer"]
    if context["secret"]:
        votes_line = "Bỏ phiếu kín: chỉ công bố kết quả kiểm phiếu."
    else:
        votes_line = "; ".join(f"{row['name']}: {row['vote']}" for row in context["votes"])
    context.update(
        issuer_parent=" ".join(issuer["parent"]),
        issuer_body=" ".join(issuer["body"]),
        present_names=", ".join(context["present"]),
        voting="bỏ phiếu kín" if context["secret"] else "biểu quyết công khai",
        votes_line=votes_line,
        recommendation="đề nghị công nhận sáng kiến"
        if context["recommended"]
        else "không đề nghị công nhận sáng kiến",
        secretary=context["signature"]["name"] or "......",
    )
    return render_docx("minutes.docx", context)


def completed_review_of(initiative_pk, user):
    """The completed council review of a dossier the user sees (None otherwise)."""
    return (
        CouncilReview.objects.select_related("council", "rubric", "initiative__agency")
        .filter(
            initiative__in=visible_initiatives(user),
            initiative_id=initiative_pk,
            completed_at__isnull=False,
        )
        .first()
    )


def issue_minutes(log, initiative) -> list[Document]:
    review = (
        CouncilReview.objects.select_related("council", "rubric")
        .filter(initiative=initiative, completed_at__isnull=False)
        .first()
    )
    if review is None:  # the round was reopened since: nothing to state
        return []
    return [
        document_issue(
            kind=DocumentKind.MINUTES,
            act_key=act_key(log),
            on=review.meeting_date or timezone.localdate(log.created_at),
            build=minutes_builder(initiative=initiative, review=review),
            initiative=initiative,
            council_id=review.council_id,
            log=log,
            issued_by=log.actor,
        )
    ]


register_act("complete_scoring", issue_minutes)
