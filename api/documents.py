"""The official documents of a dossier (issue 12):

GET /api/v1/initiatives/{id}/documents/   the documents the caller may read, oldest first
GET /api/v1/documents/{id}/download/      the file, to those who may see the dossier
GET /api/v1/documents/{id}/signed-scan/   the signed, stamped scan once uploaded (authoritative)
POST /api/v1/documents/{id}/signed-scan/  multipart `file`: a reviewer or leader uploads it, once
                                          (201 the document; 400 a bad file or a document no
                                          leader signs; 403 may not upload; 409 already there)

Certificates and decisions go to everyone who sees the dossier; receipts and notices (which
list confidential attachments or give reasons) only to those inside its review. 404 otherwise."""

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from common.files import DOCX, JPEG, PDF, PNG
from documents.models import Document
from documents.selectors import initiative_documents, signed_document, visible_document
from documents.services import document_attach_signed_scan
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


class SignedScanUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class SignedScanView(APIView):
    @extend_schema(responses={(200, t): OpenApiTypes.BINARY for t in (PDF, PNG, JPEG)})
    def get(self, request, pk):
        return signed_scan_response(signed_document(request.user, pk))

    @extend_schema(request=SignedScanUploadSerializer, responses={201: DocumentSerializer})
    def post(self, request, pk):
        document = signed_document(request.user, pk)  # 404 before anything is read
        serializer = SignedScanUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = document_attach_signed_scan(
            document=document, file=serializer.validated_data["file"], actor=request.user
        )
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


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
        SignedScanView.as_view(),
        name="api-document-signed-scan",
    ),
]
