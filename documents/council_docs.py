"""Quyết định thành lập Hội đồng sáng kiến (DESIGN §9): the decision that sets up a council.

A Word draft is always there for leaders and reviewers to prepare the paper; the PDF is issued by
a leader from the councils page, with the council's own decision number, date and signer. Issued
once: issuing again after the council changed is a correction (the next version, the previous
one superseded); issuing again with nothing changed is refused."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from agencies import roles
from agencies.models import Agency
from common.exceptions import Conflict
from workflow.council_body import Council, CouncilMember
from workflow.councils import may_manage_council, may_manage_councils
from workflow.tracks import deciding_agency_ids

from . import wording
from .models import Document, DocumentKind
from .render import DOCUMENT_LANGUAGE, render_docx, render_pdf
from .services import Rendered, document_correct, document_issue, may_attach_signed_scan


def act_key(council) -> str:
    return f"council:{council.pk}"


# --- Who may do what ---------------------------------------------------------------------------


def may_draft(user, council=None) -> bool:
    """Leaders and reviewers prepare the province's councils' paper, an agency's secretary and
    head their agency's own (and administrators)."""
    if user.is_superuser:
        return True
    if council is not None and not _by_committee(council):
        return council.body_id in roles.secretary_agency_ids(user) | deciding_agency_ids(user)
    return roles.is_leader(user) or roles.is_reviewer(user)


def may_issue(user, council=None) -> bool:
    if council is None:
        return may_manage_councils(user)
    return may_manage_council(user, council)


def may_read_decision(user, council) -> bool:
    """Those who prepare it, and the members the decision names (their user accounts)."""
    if may_draft(user, council):
        return True
    return CouncilMember.objects.filter(council=council, user=user).exists()


def council_for(user, pk, check) -> Council:
    """The council `pk` if `check(user[, council])` allows it; 404 otherwise (never 403 for an
    unknown council)."""
    council = Council.objects.select_related("body").filter(pk=pk).first()
    if council is None or not check(user, council):
        raise Http404
    return council


# --- What the decision states ------------------------------------------------------------------


def _seats(council):
    return list(council.members.filter(is_active=True).order_by("order", "id"))


def _by_committee(council) -> bool:
    """Set up by the province's committee (its chairman signs), not by an agency's head."""
    return council.body.kind == Agency.Kind.PROVINCIAL and council.body.parent_id is None


def _issuer(council) -> dict:
    if _by_committee(council):
        return wording.province_committee()
    return wording.agency_body(council.body.name)


def _decider(council) -> str:
    if _by_committee(council):
        return wording.upper(f"Chủ tịch Ủy ban nhân dân tỉnh {settings.PROVINCE_NAME}")
    return wording.upper(wording.head_title(council.body.name))


def _authority(council) -> str:
    return "CHỦ TỊCH" if _by_committee(council) else "THỦ TRƯỞNG"


def _quorum(council) -> str:
    return f"{council.quorum_numerator}/{council.quorum_denominator}"


def _term(council) -> str:
    if council.term_ends_on:
        return f"Nhiệm kỳ của Hội đồng đến {wording.date_in_words(council.term_ends_on)}."
    return ""


def council_decision_context(council) -> dict:
    seats = _seats(council)
    issuer = _issuer(council)
    with translation.override(DOCUMENT_LANGUAGE):
        members = [
            {
                "index": index,
                "name": seat.full_name,
                "position": seat.position,
                "role": str(seat.get_role_display()),
            }
            for index, seat in enumerate(seats, start=1)
        ]
        voting = (
            "bỏ phiếu kín" if council.voting == Council.Voting.SECRET else "biểu quyết công khai"
        )
    return {
        "title": f"Quyết định thành lập {council.name}",
        "issuer": issuer,
        "issuer_parent": " ".join(issuer["parent"]) or issuer["body"][0],
        "issuer_body": issuer["body"][-1],
        "number": council.decision_number,
        "place_date": wording.place_and_date(council.decision_date),
        "council_name": council.name,
        "decider_upper": _decider(council),
        "count": len(members),
        "members": members,
        "voting": voting,
        "quorum": _quorum(council),
        "term": _term(council),
        "recipients": ["Như Điều 4"],
        # Who proposed it: the Department for the province's council, the agency's own
        # secretariat for a council an agency sets up for its cơ sở track.
        "proposer": f"Giám đốc {settings.DOCUMENT_DEPARTMENT_BODY}"
        if _by_committee(council)
        else f"bộ phận phụ trách công tác sáng kiến của {council.body.name}",
        "authority": _authority(council),
        "signer_name": council.decision_signer,
        "signature": {"authority": [_authority(council)], "name": council.decision_signer},
    }


def council_decision_docx(council) -> bytes:
    """The Word draft: officials edit it before signing."""
    context = council_decision_context(council)
    return render_docx("council_decision.docx", context)


def _snapshot(context) -> dict:
    """What the issued decision states: compared to tell a change from a second click."""
    return {
        "title": context["title"],
        "number": context["number"],
        "date": context["place_date"],
        "signer": context["signer_name"],
        "voting": context["voting"],
        "quorum": context["quorum"],
        "term": context["term"],
        "members": [[m["name"], m["position"], m["role"]] for m in context["members"]],
    }


def council_decision_builder(council):
    def build(document: Document) -> Rendered:
        context = council_decision_context(council)
        document.number = council.decision_number  # the council's own number, on every version
        return Rendered(
            content=render_pdf("documents/pdf/council_decision.html", context),
            format=Document.Format.PDF,
            title=context["title"],
            data=_snapshot(context),
        )

    return build


def current_decision(council) -> Document | None:
    return (
        Document.objects.filter(
            kind=DocumentKind.COUNCIL_DECISION,
            act_key=act_key(council),
            status=Document.Status.ISSUED,
        )
        .order_by("-version")
        .first()
    )


def council_decision_issue(*, council, actor) -> Document:
    """Issue the council's decision, or its next version when the council changed since."""
    if not may_issue(actor, council):
        raise PermissionDenied(_("Only leaders issue the decision setting up a council."))
    current = current_decision(council)
    if current is None:
        return document_issue(
            kind=DocumentKind.COUNCIL_DECISION,
            act_key=act_key(council),
            number=council.decision_number,
            on=council.decision_date,
            build=council_decision_builder(council),
            council=council,
            issued_by=actor,
        )
    if current.data == _snapshot(council_decision_context(council)):
        raise Conflict(_("This decision is already issued and the council has not changed since."))
    return document_correct(
        document=current, build=council_decision_builder(council), issued_by=actor
    )


def council_documents_slot(ctx) -> dict | None:
    """What the councils page shows of a council's decision to this user (None: nothing). The
    decisions and seats of the whole page are read once (kept on the request): a constant
    number of queries however many councils the page lists."""
    request, council = ctx["request"], ctx["council"]
    page = getattr(request, "_council_documents", None)
    if page is None:
        user = request.user
        ids = [c.pk for c in ctx.get("councils") or [council]]
        decisions = Document.objects.filter(
            kind=DocumentKind.COUNCIL_DECISION, council_id__in=ids, status=Document.Status.ISSUED
        )
        page = {
            "decisions": {d.council_id: d for d in decisions.order_by("version")},
            "seated": set(
                CouncilMember.objects.filter(user=user, council_id__in=ids).values_list(
                    "council_id", flat=True
                )
            ),
        }
        request._council_documents = page
    drafts = may_draft(request.user, council)
    if not (drafts or council.pk in page["seated"]):
        return None
    return {
        "council": council,
        "decision": page["decisions"].get(council.pk),
        "may_draft": drafts,
        "may_issue": may_issue(request.user, council),
        "may_upload_scans": may_attach_signed_scan(request.user, council=council),
    }
