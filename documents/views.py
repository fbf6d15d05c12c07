"""Pages of official documents: the public verification page (anyone checks a certificate or
decision by the code printed on it or its QR code), the download of a dossier's documents (to
those who may see the dossier; receipts and notices to those inside its review), and the upload
of the signed, stamped scan of a document a leader signs (reviewers and leaders, once)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from common.exceptions import Conflict, UploadTooLarge
from common.files import ALLOWED_TYPES, DOCX, PDF, file_download

from .models import Document
from .selectors import (
    download_name,
    signed_document,
    verifiable_document,
    verification,
    visible_document,
)
from .services import document_attach_signed_scan

CONTENT_TYPES = {Document.Format.PDF: PDF, Document.Format.DOCX: DOCX}


class VerifyView(TemplateView):
    template_name = "documents/verify.html"

    def get(self, request, *args, **kwargs):
        document = verifiable_document(kwargs["code"])
        context = self.get_context_data(
            code=kwargs["code"], facts=verification(document) if document else None
        )
        # An unknown code is a 404, so a crawler does not index guesses as pages.
        return self.render_to_response(context, status=200 if document else 404)


def document_response(document: Document):
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return file_download(
        handle, name=download_name(document), content_type=CONTENT_TYPES[document.format]
    )


def signed_scan_response(document: Document):
    """The signed, stamped scan: the authoritative copy once uploaded."""
    if not document.signed_scan:
        raise Http404
    extension = document.signed_scan.name.rsplit(".", 1)[-1]
    content_type = next((t for t, ext in ALLOWED_TYPES.items() if ext == extension), PDF)
    try:
        handle = document.signed_scan.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = download_name(document).rsplit(".", 1)[0] + f"-ban-ky.{extension}"
    return file_download(handle, name=name, content_type=content_type)


class DocumentDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        return document_response(visible_document(request.user, pk))


class SignedScanDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        return signed_scan_response(signed_document(request.user, pk))


class SignedScanUploadView(LoginRequiredMixin, View):
    """The reviewer's (or leader's) upload of the signed, stamped scan, from the dossier page or
    the councils page: every refusal comes back there as a message; nothing is kept from a
    refused upload."""

    def post(self, request, pk):
        document = signed_document(request.user, pk)
        back = self.back(request, document)
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose the scanned file of the signed document."))
        elif not request.POST.get("confirm"):
            messages.error(
                request, _("Confirm that the signed copy cannot be replaced once uploaded.")
            )
        else:
            self.attach(request, document, upload)
        return redirect(back)

    def attach(self, request, document, upload):
        try:
            document_attach_signed_scan(document=document, file=upload, actor=request.user)
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
        except (UploadTooLarge, Conflict) as error:
            messages.error(request, str(error.message))
        except PermissionDenied as error:
            messages.error(request, str(error) or _("You may not upload this signed copy."))
        else:
            messages.success(
                request,
                _("The signed copy of %(document)s no. %(number)s was uploaded.")
                % {"document": document.get_kind_display(), "number": document.number},
            )

    @staticmethod
    def back(request, document) -> str:
        """Where the form was (a page of this site), else the page the document belongs to."""
        target = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
        if document.initiative_id:
            return reverse("workflow:detail", args=[document.initiative_id]) + "#documents"
        if document.council_id:
            return f"{reverse('workflow:councils')}#council-{document.council_id}"
        dossiers = (document.data or {}).get("dossiers") or []
        if dossiers:
            return reverse("workflow:detail", args=[dossiers[0]]) + "#documents"
        return reverse("home")
