"""Export jobs (Excel, or another file such as a zip of documents): start a job from a page's
filters, watch its progress, download the file, start a failed job again.

Only the user who started a job sees its page and its file; anyone else gets a 404. A file
about one thing (a round) that the user may not have is refused with a 404 as well; a second
start while the same job is still running shows that job (common.file_export).
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from common.files import file_download

from . import registry, services
from .models import ACTIVE, ExportJob


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


def own_jobs(request):
    return ExportJob.objects.filter(user=request.user)


class ExportStartView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, kind):
        builder = registry.builder(kind)
        if builder is None:
            raise Http404
        if not services.may_start(builder, request.user, page_query(request)):
            if registry.is_file(builder):
                raise Http404
            raise PermissionDenied(_("You may not run this export."))
        job = services.export_start(
            user=request.user,
            kind=kind,
            params={
                "query": page_query(request),
                "language": translation.get_language(),
                "back": back_url(request),
            },
        )
        return redirect("exports:job", job.pk)


class ExportRestartView(LoginRequiredMixin, View):
    """ "Try again" on a failed job: a new job with the same filters, language and way back."""

    http_method_names = ["post"]

    def post(self, request, pk):
        job = get_object_or_404(own_jobs(request), pk=pk)
        return redirect("exports:job", services.export_restart(user=request.user, job=job).pk)


class ExportJobView(LoginRequiredMixin, DetailView):
    """The job's progress; htmx polls the status part every second until it is done. A job
    whose worker died is failed here as soon as it is stale, not only by the beat task."""

    context_object_name = "job"

    def get_queryset(self):
        return own_jobs(self.request)

    def get_object(self, queryset=None):
        return services.fresh(super().get_object(queryset))

    def get_template_names(self):
        if self.request.headers.get("HX-Request") == "true":
            return ["exports/export_job_status.html"]
        return ["exports/export_job.html"]

    def get_context_data(self, **kwargs):
        job = self.object
        return super().get_context_data(
            title=services.job_title(job),
            heading=services.job_heading(job),
            icon=services.job_icon(job),
            active=job.status in ACTIVE,
            poll_url=reverse("exports:job", args=[job.pk]),
            download_url=reverse("exports:download", args=[job.pk]),
            restart_url=reverse("exports:restart", args=[job.pk]),
            file_name=services.file_name(job),
            back=job.params.get("back", ""),
            **kwargs,
        )


def job_download(user, pk):
    """The file of the user's own finished job (404 for anyone else's, or none yet)."""
    job = get_object_or_404(
        ExportJob.objects.filter(user=user), pk=pk, status=ExportJob.Status.DONE
    )
    if not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404
    return file_download(
        handle, name=services.file_name(job), content_type=services.content_type(job)
    )


class ExportDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        return job_download(request.user, pk)
