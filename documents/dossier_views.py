"""Pages of a dossier's papers that are not issued documents: the council papers (score sheets,
blank or filled, and the minutes' Word draft) and the Word draft of the recognition decision
the leadership signs, for one dossier or for a round's recommended list (DESIGN §9)."""

import io

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from common.files import DOCX, file_download
from initiatives import permissions as can
from initiatives.models import Level, Scope, Status
from initiatives.selectors import visible_initiatives
from workflow.rounds import may_see_round_page, round_detail, round_overview

from .drafts import recognition_decision_docx
from .score_sheets import council_papers


class CouncilPapersView(LoginRequiredMixin, TemplateView):
    """GET /documents/initiatives/<pk>/council-papers/: what the reader may have of the
    council's papers on a dossier they see (404 when nothing)."""

    template_name = "documents/council_papers.html"

    def get(self, request, *args, **kwargs):
        initiative = get_object_or_404(visible_initiatives(request.user), pk=kwargs["pk"])
        papers = council_papers(initiative, request.user)
        if papers is None:
            raise Http404
        return self.render_to_response(self.get_context_data(initiative=initiative, **papers))


def _draft_response(initiatives, *, name: str, council=None, scope=Scope.PROVINCIAL):
    content = recognition_decision_docx(
        initiatives, council_name=council.name if council is not None else "", scope=scope
    )
    return file_download(io.BytesIO(content), name=name, content_type=DOCX)


def may_draft_recognition(initiative, user) -> bool:
    """Who checks and who decides on the dossier's track prepare the decision while it awaits
    it (the standing office and the leadership, or the agency's secretary and head)."""
    if initiative.status != Status.AWAITING_DECISION:
        return False
    return can.runs_track(initiative, user)


class RecognitionDraftView(LoginRequiredMixin, View):
    """GET /documents/initiatives/<pk>/recognition-decision/draft/: the Word draft of the
    decision recognizing one dossier awaiting the decision (404 otherwise)."""

    def get(self, request, pk):
        initiative = get_object_or_404(
            visible_initiatives(request.user).select_related("agency", "council_review__council"),
            pk=pk,
        )
        if not may_draft_recognition(initiative, request.user):
            raise Http404
        review = getattr(initiative, "council_review", None)
        code = slugify(initiative.code) or str(initiative.pk)
        return _draft_response(
            [initiative],
            name=f"quyet-dinh-cong-nhan-{code}-du-thao.docx",
            council=review.council if review is not None else None,
            scope=Scope.AGENCY if initiative.level == Level.AGENCY else Scope.PROVINCIAL,
        )


def round_awaiting_recommended(item) -> list:
    """What one decision for the round would recognize: the dossiers the council recommends
    that still await the decision."""
    recommended = round_overview(item)["recommended"]
    return [i for i in recommended if i.status == Status.AWAITING_DECISION]


class RoundRecognitionDraftView(LoginRequiredMixin, View):
    """GET /documents/rounds/<pk>/recognition-decision/draft/: one decision for the round's
    recommended dossiers awaiting it, with its annexed list (404 when there are none)."""

    def get(self, request, pk):
        if not may_see_round_page(request.user):
            raise Http404
        item = round_detail(pk)
        dossiers = round_awaiting_recommended(item) if item is not None else []
        if not dossiers:
            raise Http404
        return _draft_response(
            dossiers,
            name=f"quyet-dinh-cong-nhan-dot-{item.number}-{item.year}-du-thao.docx",
            council=item.council,
        )
