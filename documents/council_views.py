"""Pages of a council's documents: the Word draft of the decision setting it up, issuing it as a
PDF (a leader, from the councils page) and downloading the issued decision."""

import io

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from common.exceptions import Conflict
from common.files import DOCX, file_download
from common.limits import MAX_ID

from .council_docs import (
    council_decision_docx,
    council_decision_issue,
    council_for,
    current_decision,
    may_draft,
    may_issue,
    may_read_decision,
)
from .council_minutes import completed_review_of, minutes_docx, runs_review
from .views import document_response


class CouncilDecisionDraftView(LoginRequiredMixin, View):
    def get(self, request, pk):
        council = council_for(request.user, pk, may_draft)
        name = f"quyet-dinh-thanh-lap-{slugify(council.name) or council.pk}-du-thao.docx"
        return file_download(
            io.BytesIO(council_decision_docx(council)), name=name, content_type=DOCX
        )


class CouncilDecisionIssueView(LoginRequiredMixin, View):
    def post(self, request, pk):
        council = council_for(request.user, pk, may_issue)
        try:
            document = council_decision_issue(council=council, actor=request.user)
        except (Conflict, PermissionDenied) as error:
            messages.error(request, str(error))
        else:
            if document.version > 1:
                messages.success(
                    request,
                    _("The decision was issued again as version %(version)s.")
                    % {"version": document.version},
                )
            else:
                messages.success(request, _("The decision setting up the council was issued."))
        return redirect(f"{reverse('workflow:councils')}#council-{council.pk}")


class CouncilDecisionDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        council = council_for(request.user, pk, may_read_decision)
        document = current_decision(council)
        if document is None:
            raise Http404
        return document_response(document)


class MinutesDraftView(LoginRequiredMixin, View):
    """The Word draft of a dossier's council minutes: for reviewers, leaders and the council's
    secretary, once the meeting is recorded (404 otherwise)."""

    def get(self, request, pk):
        review = completed_review_of(pk, request.user) if 0 < pk <= MAX_ID else None
        if review is None or not runs_review(review.initiative, review.council_id, request.user):
            raise Http404
        content = minutes_docx(review.initiative, review)
        code = slugify(review.initiative.code) or str(pk)
        return file_download(
            io.BytesIO(content), name=f"bien-ban-hop-{code}-du-thao.docx", content_type=DOCX
        )
