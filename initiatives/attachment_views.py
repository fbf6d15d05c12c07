"""The attachment panel of a dossier: upload, delete (htmx or plain POST) and download."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from agencies import roles
from common.exceptions import Conflict, UploadTooLarge
from common.files import file_download
from common.forms import add_service_errors

from . import services
from .forms import AttachmentForm
from .models import Attachment
from .permissions import sees_confidential
from .rules import agency_decision_status
from .selectors import visible_initiatives

# --- Attachments -----------------------------------------------------------------------------


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def attachments_context(request, initiative, form=None, notice="", error="") -> dict:
    user = request.user
    return {
        "initiative": initiative,
        "attachments": [
            a
            for a in initiative.attachments.all()
            if not a.confidential or sees_confidential(initiative, user)
        ],
        "upload_form": form or AttachmentForm(initiative_pk=initiative.pk),
        "can_edit_attachments": initiative.is_editable
        and roles.acts_for_agency(user, initiative.agency_id),
        "attachment_notice": notice,
        "attachment_error": error,
        "max_upload": settings.ATTACHMENT_MAX_BYTES,
        "agency_decision": agency_decision_status(initiative),
    }


class _AttachmentChangeView(LoginRequiredMixin, View):
    """Upload and delete answer htmx with the attachment panel, plain POSTs with a redirect."""

    http_method_names = ["post"]
    panel_template = "initiatives/_attachments.html"

    @staticmethod
    def owned(user, initiative):
        """Only the submitting agency changes attachments; others who may see the dossier are
        refused before anything is read or answered (403; invisible dossiers are 404)."""
        if not roles.acts_for_agency(user, initiative.agency_id):
            raise PermissionDenied(_("Only the submitting agency can edit this dossier."))
        return initiative

    def respond(self, initiative, *, notice="", form=None, error=""):
        request = self.request
        if is_htmx(request):
            context = attachments_context(request, initiative, form, notice, error)
            return render(request, self.panel_template, context)
        problems = [p for field in (form.errors.values() if form else ()) for p in field]
        for problem in [*problems, *([error] if error else [])]:
            messages.error(request, problem)
        if notice:
            messages.success(request, notice)
        if not initiative.is_editable:  # the letter of appeal, added from the dossier page
            return redirect(reverse("workflow:detail", args=[initiative.pk]) + "#appeal")
        return redirect(reverse("initiatives:edit", args=[initiative.pk]) + "#attachments")


class AttachmentUploadView(_AttachmentChangeView):
    def post(self, request, pk):
        initiative = get_object_or_404(visible_initiatives(request.user), pk=pk)
        self.owned(request.user, initiative)
        form = AttachmentForm(request.POST, request.FILES, initiative_pk=pk)
        if form.is_valid():
            try:
                attachment = services.attachment_add(
                    initiative=initiative, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except UploadTooLarge as error:
                form.add_error("file", error.message)
            except Conflict as conflict:
                form.add_error(None, conflict.message)
            else:
                notice = _("“%(name)s” has been attached.") % {"name": attachment.original_name}
                return self.respond(initiative, notice=notice)
        return self.respond(initiative, form=form)


def visible_attachment(user, pk) -> Attachment:
    """An attachment of a dossier the user may see (404 otherwise), with its dossier."""
    visible = visible_initiatives(user)
    return get_object_or_404(
        Attachment.objects.filter(initiative__in=visible).select_related("initiative"), pk=pk
    )


class AttachmentDeleteView(_AttachmentChangeView):
    def post(self, request, pk):
        attachment = visible_attachment(request.user, pk)
        initiative = self.owned(request.user, attachment.initiative)
        try:
            services.attachment_delete(attachment=attachment, actor=request.user)
        except Conflict as conflict:
            return self.respond(initiative, error=conflict.message)
        notice = _("“%(name)s” has been removed.") % {"name": attachment.original_name}
        return self.respond(initiative, notice=notice)


class AttachmentDownloadView(LoginRequiredMixin, View):
    """Files are private: served only to those who may see the dossier (and its secrets)."""

    def get(self, request, pk):
        attachment = visible_attachment(request.user, pk)
        if attachment.confidential and not sees_confidential(attachment.initiative, request.user):
            raise Http404
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404
        return file_download(
            handle, name=attachment.original_name, content_type=attachment.content_type
        )
