"""Export jobs (an Excel workbook, or another file such as a zip of documents): start one,
build it (in a Celery worker), fail the ones whose worker died, start a failed one again, and
delete old files.

export_build is not one transaction on purpose: its progress must be seen by the polling page
while it runs. Each step is instead a conditional UPDATE on the job's status, so a job is built
once (the pending → running claim), and a job failed or deleted meanwhile keeps no file. The
file is written to a temporary file and stored from there: memory stays bounded however large.
"""

import logging
import tempfile
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from common.file_export import FileBuilder
from common.text import fold
from common.xlsx import XLSX, Progress

from . import registry, tasks
from .models import ACTIVE, ExportJob

logger = logging.getLogger(__name__)

S = ExportJob.Status
PROGRESS_EVERY = 200  # rows between two progress updates of a running job
FILE_DIR = "exports"
SPOOL_BYTES = 8 * 1024 * 1024  # a file larger than this is written to disk while it is built


def job_language(job: ExportJob) -> str:
    """The language of the request that started the job: headers and labels follow it."""
    return job.params.get("language") or settings.LANGUAGE_CODE


def job_title(job: ExportJob):
    builder = registry.builder(job.kind)
    if builder is None:
        return job.kind
    describe = getattr(builder, "describe", None)
    about = describe(job.params.get("query", {})) if describe else ""
    return f"{builder.title} — {about}" if about else builder.title


def job_heading(job: ExportJob):
    """What kind of job it is: "Excel export", or what the file builder calls itself."""
    builder = registry.builder(job.kind)
    return builder.heading if isinstance(builder, FileBuilder) else gettext("Excel export")


def job_icon(job: ExportJob) -> str:
    builder = registry.builder(job.kind)
    return builder.icon if isinstance(builder, FileBuilder) else "bi-file-earmark-excel"


def content_type(job: ExportJob) -> str:
    builder = registry.builder(job.kind)
    return builder.content_type if isinstance(builder, FileBuilder) else XLSX


def file_name(job: ExportJob) -> str:
    """ "ho-so-20250304-0915.xlsx": the export's title, folded to ASCII, and when it ran."""
    builder = registry.builder(job.kind)
    extension = builder.extension if isinstance(builder, FileBuilder) else "xlsx"
    with translation.override(job_language(job)):
        base = fold(str(job_title(job)))
    stamp = timezone.localtime(job.created_at).strftime("%Y%m%d-%H%M")
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in base).split())
    return f"{slug or 'export'}-{stamp}.{extension}"


def kept_query(builder, query: dict) -> dict:
    return {key: str(query[key]) for key in builder.params if query.get(key)}


def may_start(builder, user, query: dict) -> bool:
    """An Excel export depends on the user's roles only; a file on what its query names too."""
    if isinstance(builder, FileBuilder):
        return builder.allowed(user, kept_query(builder, query))
    return builder.allowed(user)


# --- Starting a job -------------------------------------------------------------------------


@transaction.atomic
def export_start(*, user, kind: str, params: dict) -> ExportJob:
    """Create the job and enqueue its build once the job row is committed. params: "query"
    (the page's filters; only the keys the builder knows are kept), "language", "back"."""
    builder = registry.builder(kind)
    query = params.get("query") or {}
    if builder is None or not may_start(builder, user, query):
        raise PermissionDenied(gettext("You may not run this export."))
    kept = kept_query(builder, query)
    if getattr(builder, "reuse_active", False):
        running = _active_job(user, kind, kept)
        if running is not None:
            return running
    job = ExportJob.objects.create(
        user=user,
        kind=kind,
        params={
            "query": kept,
            "language": params.get("language") or settings.LANGUAGE_CODE,
            "back": params.get("back") or "",
        },
    )
    transaction.on_commit(lambda: tasks.enqueue(job.pk))
    return job


def _active_job(user, kind: str, query: dict) -> ExportJob | None:
    """The user's job of this kind and query still waiting or running (a second click). The
    user's row is locked so two clicks at once make one job; a stale job is failed, not kept."""
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))
    for job in ExportJob.objects.filter(user=user, kind=kind, status__in=ACTIVE):
        if job.params.get("query", {}) == query and not export_fail_stale(job_id=job.pk):
            return job
    return None


def export_restart(*, user, job: ExportJob) -> ExportJob:
    """Try a finished (usually failed) job again: a new job with the same parameters. The
    owner only; a job still waiting or running is simply kept."""
    if job.user_id != user.pk:
        raise PermissionDenied
    if job.status in ACTIVE:
        return job
    return export_start(user=user, kind=job.kind, params=job.params)


# --- Building a job -------------------------------------------------------------------------


def set_progress(job_id: int, percent: int) -> None:
    ExportJob.objects.filter(pk=job_id, status=S.RUNNING).update(progress=percent)


def export_build(*, job_id: int) -> str:
    """Build one job's file. Idempotent: only the caller that moves the job from pending to
    running (a conditional UPDATE) builds it; any other delivery returns at once."""
    claimed = ExportJob.objects.filter(pk=job_id, status=S.PENDING).update(
        status=S.RUNNING, progress=0, error=""
    )
    if not claimed:
        return "skipped"
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    try:
        with (
            translation.override(job_language(job)),
            tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as out,
        ):
            _write(job, out)
            out.seek(0)
            job.file.save(file_name(job), File(out), save=False)
    except Exception as error:
        logger.exception("Export %s (%s) failed", job_id, job.kind)
        with translation.override(job_language(job)):
            message = failure_message(error)
        ExportJob.objects.filter(pk=job_id).update(
            status=S.FAILED, error=message, finished_at=timezone.now()
        )
        return "failed"
    finished = ExportJob.objects.filter(pk=job_id, status=S.RUNNING).update(
        status=S.DONE, progress=100, file=job.file.name, finished_at=timezone.now()
    )
    if not finished:  # failed as stale or deleted meanwhile: do not leave its file behind
        job.file.delete(save=False)
        return "skipped"
    return "done"


def _write(job: ExportJob, out) -> None:
    """The job's file, written into `out` by its builder (checked again: roles may change)."""
    builder = registry.builder(job.kind)
    if builder is None:
        raise ValueError(gettext("Unknown export."))
    query = job.params.get("query", {})
    if not may_start(builder, job.user, query):
        raise PermissionDenied(gettext("You may not run this export."))

    def progress_for(total: int, every: int = PROGRESS_EVERY) -> Progress:
        report = lambda percent: set_progress(job.pk, percent)  # noqa: E731
        return Progress(total, report, every=every)

    if isinstance(builder, FileBuilder):
        builder.write(job.user, query, progress_for, out)
    else:
        builder.build(job.user, query, progress_for).save(out)


def built_in_workers_only(job_id: int) -> bool:
    """A file (a zip of documents) is built by a worker, never in a request; a workbook may be."""
    kind = ExportJob.objects.filter(pk=job_id).values_list("kind", flat=True).first()
    return kind is not None and registry.is_file(registry.builder(kind))


def export_fail_unqueued(*, job_id: int) -> int:
    """The job could not be handed to a worker (the broker is down): failed, to start again."""
    job = ExportJob.objects.filter(pk=job_id).only("pk", "params").first()
    if job is None:
        return 0
    with translation.override(job_language(job)):
        message = gettext("The server that builds files is unavailable. Please try again later.")
    return ExportJob.objects.filter(pk=job_id, status=S.PENDING).update(
        status=S.FAILED, error=message, finished_at=timezone.now()
    )


def failure_message(error: Exception) -> str:
    """What the job page tells its owner: a refusal as it is, anything else plainly (the cause,
    possibly a database error, is in the log, not on the page)."""
    if isinstance(error, PermissionDenied):
        return str(error) or gettext("You may not run this export.")
    return gettext("The export could not be built. Please try again later.")


# --- Housekeeping (beat tasks; the job page also fails its own stale job) --------------------


def stale_message(job: ExportJob) -> str:
    with translation.override(job_language(job)):
        return gettext(
            "The export did not finish within %(minutes)s minutes: the server building it may "
            "have stopped. Start it again."
        ) % {"minutes": settings.EXPORT_STALE_MINUTES}


def export_fail_stale(*, job_id: int | None = None, now=None) -> int:
    """Mark failed the jobs still waiting or running EXPORT_STALE_MINUTES after they were
    started (their worker died or the queue lost them); returns how many. Each is a
    conditional UPDATE, so a worker that finishes at the same moment wins or loses cleanly."""
    cutoff = (now or timezone.now()) - timedelta(minutes=settings.EXPORT_STALE_MINUTES)
    stale = ExportJob.objects.filter(status__in=ACTIVE, created_at__lt=cutoff)
    if job_id is not None:
        stale = stale.filter(pk=job_id)
    failed = 0
    for job in stale.only("pk", "params"):
        failed += ExportJob.objects.filter(pk=job.pk, status__in=ACTIVE).update(
            status=S.FAILED, error=stale_message(job), finished_at=timezone.now()
        )
    return failed


def fresh(job: ExportJob) -> ExportJob:
    """The job as its page shows it: one whose worker died is failed as soon as it is stale."""
    if job.status in ACTIVE and export_fail_stale(job_id=job.pk):
        job.refresh_from_db()
    return job


def export_purge(*, now=None) -> int:
    """Delete the jobs started more than EXPORT_RETENTION_DAYS ago with their files, and any
    file left in the exports folder by no job (a build interrupted after writing it); returns
    how many jobs went. Files are not transactional: each is removed before its row."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.EXPORT_RETENTION_DAYS)
    old = ExportJob.objects.filter(created_at__lt=cutoff)
    storage = ExportJob._meta.get_field("file").storage
    for name in old.exclude(file="").values_list("file", flat=True):
        _delete(storage, name)
    deleted, _by_model = old.delete()
    _purge_orphans(storage, cutoff)
    return deleted


def _purge_orphans(storage, cutoff) -> None:
    try:
        _dirs, names = storage.listdir(FILE_DIR)
    except FileNotFoundError:
        return
    kept = set(ExportJob.objects.exclude(file="").values_list("file", flat=True))
    for name in names:
        path = f"{FILE_DIR}/{name}"
        if path not in kept and storage.get_modified_time(path) < cutoff:
            _delete(storage, path)


def _delete(storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:  # already gone, or the disk refuses: the next run tries again
        logger.warning("Could not delete export file %s", name)
