"""Export jobs through the API (issue 12: all the certificates of a round in one zip):

POST /api/v1/rounds/{id}/certificates-zip/   start the zip of the round's certificates in force
                                             (and its recognition decision): 202 with the job;
                                             while the caller's job for that round is still
                                             waiting or running, that job (202 again)
GET  /api/v1/export-jobs/{id}/               the job: status (pending, running, done, failed),
                                             progress (percent), error, download_url once done
GET  /api/v1/export-jobs/{id}/download/      the file of a finished job

A job is its owner's: anyone else gets 404. A round is for those who see the round page (the
standing office, the leaders): 404 for anyone else and for a round that does not exist. The
zip holds the certificates issued when the job runs (those still being issued are not waited
for); each member is a PDF named by its number and holder."""

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from common.file_export import ZIP
from exports import registry, services
from exports.models import ExportJob
from exports.views import job_download

ROUND_CERTIFICATES = "round_certificates"


class ExportJobSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    title = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = [
            "id", "kind", "title", "status", "status_label", "progress", "error", "created_at",
            "finished_at", "url", "page_url", "download_url",
        ]  # fmt: skip

    def get_title(self, job) -> str:
        return str(services.job_title(job))

    def get_url(self, job) -> str:
        return reverse("api-export-job", kwargs={"pk": job.pk})

    def get_page_url(self, job) -> str:
        return reverse("exports:job", args=[job.pk])

    def get_download_url(self, job) -> str | None:
        if job.status != ExportJob.Status.DONE:
            return None
        return reverse("api-export-job-download", kwargs={"pk": job.pk})


class RoundCertificatesZipView(APIView):
    @extend_schema(request=None, responses={202: ExportJobSerializer})
    def post(self, request, pk):
        builder = registry.builder(ROUND_CERTIFICATES)
        query = {"round": str(pk)}
        if builder is None or not services.may_start(builder, request.user, query):
            return Response(status=404)
        job = services.export_start(
            user=request.user,
            kind=ROUND_CERTIFICATES,
            params={"query": query, "language": translation.get_language()},
        )
        data = ExportJobSerializer(job).data
        return Response(data, status=202, headers={"Location": data["url"]})


class ExportJobView(APIView):
    @extend_schema(responses=ExportJobSerializer)
    def get(self, request, pk):
        job = get_object_or_404(ExportJob.objects.filter(user=request.user), pk=pk)
        return Response(ExportJobSerializer(services.fresh(job)).data)


class ExportJobDownloadView(APIView):
    @extend_schema(responses={(200, ZIP): OpenApiTypes.BINARY})
    def get(self, request, pk):
        return job_download(request.user, pk)


urlpatterns = [
    path(
        "rounds/<int:pk>/certificates-zip/",
        RoundCertificatesZipView.as_view(),
        name="api-round-certificates-zip",
    ),
    path("export-jobs/<int:pk>/", ExportJobView.as_view(), name="api-export-job"),
    path(
        "export-jobs/<int:pk>/download/",
        ExportJobDownloadView.as_view(),
        name="api-export-job-download",
    ),
]
