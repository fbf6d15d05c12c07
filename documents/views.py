"""Pages of official documents: the public verification page (anyone checks a certificate or
decision by the code printed on it or its QR code), and the download of a dossier's documents
(to those who may see the dossier; receipts and notices to those inside its review)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.views import View
from django.views.generic import TemplateView

from common.files import ALLOWED_TYPES, DOCX, PDF, file_download

from .models import Document
from .selectors import download_name, verifiable_document, verification, visible_document

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
        return signed_scan_response(visible_document(request.user, pk))
