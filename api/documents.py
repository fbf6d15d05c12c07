"""The official documents of a dossier (issue 12):

GET /api/v1/initiatives/{id}/documents/   the documents the caller may read, oldest first
GET /api/v1/documents/{id}/download/      the file, to those who may see the dossier
GET /api/v1/documents/{id}/signed-scan/   the signed, stamped scan once uploaded (authoritative)

Certificates and decisions go to everyone who sees the dossier; receipts and notices (which
list confidential attachments or give reasons) only to those inside its review. 404 otherwise."""

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from common.files import DOCX, JPEG, PDF, PNG
from documents.models import Document
from documents.selectors import initiative_documents, visible_document
from documents.views import document_response, signed_scan_response
from initiatives.selectors import visible_initiatives


class DocumentSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    status_label = serializers.CharField(source="get_status_display")
    url = serializers.SerializerMethodField()
    signed_scan_url = serializers.SerializerMethodField()
    author = serializers.CharField(source="author.full_name", default=None)
    supersedes = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Document
        fields = [
            "id", "kind", "kind_label", "number", "issued_at", "version", "status",
            "status_label", "format", "sha256", "url", "verification_code", "author",
            "supersedes", "signed_scan_url", "signed_scan_sha256",
        ]  # fmt: skip

    def get_url(self, document) -> str:
        return reverse("api-document-download", kwargs={"pk": document.pk})

    def get_signed_scan_url(self, document) -> str | None:
        if not document.signed_scan:
            return None
        return reverse("api-document-signed-scan", kwargs={"pk": document.pk})


class InitiativeDocumentsView(APIView):
    @extend_schema(responses=DocumentSerializer(many=True))
    def get(self, request, pk):
        initiative = get_object_or_404(visible_initiatives(request.user), pk=pk)
        documents = initiative_documents(initiative, request.user)
        return Response(DocumentSerializer(documents, many=True).data)


class DocumentDownloadView(APIView):
    @extend_schema(responses={(200, PDF): OpenApiTypes.BINARY, (200, DOCX): OpenApiTypes.BINARY})
    def get(self, request, pk):
        return document_response(visible_document(request.user, pk))


class SignedScanDownloadView(APIView):
    @extend_schema(responses={(200, t): OpenApiTypes.BINARY for t in (PDF, PNG, JPEG)})
    def get(self, request, pk):
        return signed_scan_response(visible_document(request.user, pk))


urlpatterns = [
    path(
        "initiatives/<int:pk>/documents/",
        InitiativeDocumentsView.as_view(),
        name="initiative-documents",
    ),
    path(
        "documents/<int:pk>/download/",
        DocumentDownloadView.as_view(),
        name="api-document-download",
    ),
    path(
        "documents/<int:pk>/signed-scan/",
        SignedScanDownloadView.as_view(),
        name="api-document-signed-scan",
    ),
]
