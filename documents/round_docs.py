"""Tờ trình đề nghị công nhận sáng kiến (DESIGN §9): per round, a Word draft of the standing
office's proposal to the province's committee, from the dossiers the council recommends
(rounds.round_overview). For the standing office and the leaders; linked from the round page."""

import io

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.utils import timezone
from django.views import View

from common.files import DOCX, file_download
from workflow.rounds import may_see_round_page, round_detail, round_overview

from . import wording
from .certificate_zip import round_certificate_counts
from .council_minutes import _points
from .render import render_docx

BLANK = "......"


def round_proposal_context(item) -> dict:
    overview = round_overview(item)
    totals = {initiative.pk: review.total for initiative, review in overview["results"]}
    items = [
        {
            "index": index,
            "title": initiative.title,
            "authors": ", ".join(a.full_name for a in initiative.authors.all()),
            "agency": initiative.agency.name,
            "total": _points(totals.get(initiative.pk)),
        }
        for index, initiative in enumerate(overview["recommended"], start=1)
    ]
    issuer = wording.department_body()
    return {
        "issuer_parent": issuer["parent"][0],
        "issuer_body": issuer["body"][0],
        "number": f"{BLANK}/TTr-SKHCN",
        "place_date": wording.place_and_date(timezone.localdate()),
        "round_title": item.title,
        "province": f"tỉnh {settings.PROVINCE_NAME}",
        "department": settings.DOCUMENT_DEPARTMENT_BODY,
        "council_name": item.council.name if item.council_id else "Hội đồng sáng kiến",
        "count": len(items),
        "items": items,
        "signer_name": BLANK,
    }


def round_proposal_docx(item) -> bytes:
    return render_docx("round_proposal.docx", round_proposal_context(item))


class RoundProposalDraftView(LoginRequiredMixin, View):
    def get(self, request, pk):
        if not may_see_round_page(request.user):
            raise Http404
        item = round_detail(pk)
        if item is None:
            raise Http404
        name = f"to-trinh-de-nghi-cong-nhan-dot-{item.number}-{item.year}-du-thao.docx"
        return file_download(io.BytesIO(round_proposal_docx(item)), name=name, content_type=DOCX)


def round_documents_slot(ctx) -> dict | None:
    if not may_see_round_page(ctx["request"].user):
        return None
    # The round page gives the counts (workflow.round_page.round_summary), not the dossiers.
    return {
        "round": ctx["round"],
        "awaiting": ctx.get("recommended_awaiting", 0),
        # The "download all certificates" button (exports fills round_documents.actions).
        **round_certificate_counts(ctx["round"].pk),
    }
