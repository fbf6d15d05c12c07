"""Excel exports: start a job from a page's filters, watch its progress, download the file.

Only the user who started a job sees its page and its file; anyone else gets a 404.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from common.files import file_download

from . import exports
from .models import ExportJob

ACTIVE = (ExportJob.Status.PENDING, ExportJob.Status.RUNNING)


def page_query(request) -> dict:
    """The page's filters, whether the button posted them as fields or in its query string."""
    query = {key: request.GET.get(key) for key in request.GET}
    query.update({key: request.POST.get(key) for key in request.POST})
    query.pop("csrfmiddlewaretoken", None)
    return query


def back_url(request) -> str:
    """The page the export was started from, if it is one of ours."""
    referer = request.headers.get("Referer", "")
    allowed = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return referer if allowed else ""


class ExportStartView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, kind):
        export = exports.EXPORTS.get(kind)
        if export is None:
            raise Http404
        if not export.allowed(request.user):
            raise PermissionDenied(_("You may not run this export."))
        job = exports.export_start(
            user=request.user,
            kind=kind,
            query=page_query(request),
            language=translation.get_language(),
            back=back_url(request),
        )
        return redirect("adoption:export_job", job.pk)


def own_jobs(request):
    return ExportJob.objects.filter(user=request.user)


class ExportJobView(LoginRequiredMixin, DetailView):
    """The job's progress; htmx polls the status part every second until it is done."""

    context_object_name = "job"

    def get_queryset(self):
        return own_jobs(self.request)

    def get_template_names(self):
        if self.request.headers.get("HX-Request") == "true":
            return ["adoption/export_job_status.html"]
        return ["adoption/export_job.html"]

    def get_context_data(self, **kwargs):
        job = self.object
        export = exports.EXPORTS.get(job.kind)
        return super().get_context_data(
            title=export.title if export else job.kind,
            active=job.status in ACTIVE,
            poll_url=reverse("adoption:export_job", args=[job.pk]),
            download_url=reverse("adoption:export_download", args=[job.pk]),
            file_name=exports.file_name(job),
            back=job.params.get("back", ""),
            **kwargs,
        )


class ExportDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        job = get_object_or_404(own_jobs(request), pk=pk, status=ExportJob.Status.DONE)
        if not job.file:
            raise Http404
        try:
            handle = job.file.open("rb")
        except FileNotFoundError:
            raise Http404
        return file_download(handle, name=exports.file_name(job), content_type=exports.XLSX)


urlpatterns = [
    path("exports/<slug:kind>/", ExportStartView.as_view(), name="export_start"),
    path("exports/jobs/<int:pk>/", ExportJobView.as_view(), name="export_job"),
    path("exports/jobs/<int:pk>/download/", ExportDownloadView.as_view(), name="export_download"),
]
