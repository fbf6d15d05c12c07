"""Export housekeeping: a job whose worker died is failed after EXPORT_STALE_MINUTES (by the
beat task and when its page polls) and can be started again; files and jobs older than
EXPORT_RETENTION_DAYS are deleted by the beat task. Also the wiring: builders found per app,
the button on the dossier list through its slot, the model on its old table."""

import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from config.tables import CELERY_BEAT_SCHEDULE
from exports import registry, services, tasks
from exports.models import ExportJob
from tests.conftest import make_draft

pytestmark = pytest.mark.django_db
S = ExportJob.Status


def job_of(user, *, age: timedelta, status=S.PENDING, **fields) -> ExportJob:
    job = ExportJob.objects.create(user=user, kind="initiatives", status=status, **fields)
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - age)
    job.refresh_from_db()
    return job


# --- A worker that died ---------------------------------------------------------------------


def test_the_beat_task_fails_stale_jobs_only(province, settings):
    settings.EXPORT_STALE_MINUTES = 30
    old_pending = job_of(province.staff, age=timedelta(minutes=31))
    old_running = job_of(province.staff, age=timedelta(hours=2), status=S.RUNNING, progress=40)
    recent = job_of(province.staff, age=timedelta(minutes=29), status=S.RUNNING)
    done = job_of(province.staff, age=timedelta(days=1), status=S.DONE, progress=100)
    assert tasks.fail_stale_exports() == 2
    for job in (old_pending, old_running):
        job.refresh_from_db()
        assert job.status == S.FAILED and job.finished_at
        assert "30" in job.error
    for job, status in ((recent, S.RUNNING), (done, S.DONE)):
        job.refresh_from_db()
        assert job.status == status and not job.error
    assert tasks.fail_stale_exports() == 0


def test_the_stale_message_is_vietnamese_for_a_vietnamese_job(province):
    job = job_of(province.staff, age=timedelta(hours=1), params={"language": "vi"})
    services.export_fail_stale()
    job.refresh_from_db()
    assert "phút" in job.error and "Start it again" not in job.error


def test_a_polled_stale_job_is_failed_and_offers_to_try_again(client, province):
    job = job_of(province.staff, age=timedelta(hours=1), status=S.RUNNING, progress=10)
    client.force_login(province.staff)
    url = reverse("exports:job", args=[job.pk])
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    job.refresh_from_db()
    assert job.status == S.FAILED
    assert "hx-trigger" not in partial  # polling stops
    assert 'role="alert"' in partial and job.error in partial
    assert f'action="{reverse("exports:restart", args=[job.pk])}"' in partial


def test_a_worker_finishing_a_job_failed_as_stale_keeps_no_file(province, settings, monkeypatch):
    job = job_of(province.staff, age=timedelta(minutes=1))
    original = services._write

    def slow_worker(job, out):
        original(job, out)
        services.export_fail_stale(now=timezone.now() + timedelta(hours=1))  # meanwhile

    monkeypatch.setattr(services, "_write", slow_worker)
    assert services.export_build(job_id=job.pk) == "skipped"
    job.refresh_from_db()
    assert job.status == S.FAILED and not job.file
    assert not list((settings.MEDIA_ROOT / "exports").iterdir())


def test_try_again_starts_a_new_job_with_the_same_parameters(
    client, province, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(tasks.build_export, "delay", queued.append)
    make_draft(province, title="Một cửa số")
    params = {"query": {"q": "mot cua", "sort": "title"}, "language": "vi", "back": "/x/"}
    failed = job_of(
        province.staff, age=timedelta(hours=1), status=S.FAILED, error="Hết giờ", params=params
    )
    client.force_login(province.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exports:restart", args=[failed.pk]))
    again = ExportJob.objects.exclude(pk=failed.pk).get()
    assert response.status_code == 302
    assert response.url == reverse("exports:job", args=[again.pk])
    assert (again.user, again.kind, again.params) == (province.staff, "initiatives", params)
    assert again.status == S.PENDING and queued == [again.pk]  # for a worker to build
    failed.refresh_from_db()
    assert failed.status == S.FAILED  # the failed one stays as it was


def test_try_again_on_a_running_job_starts_nothing(client, province):
    running = job_of(province.staff, age=timedelta(minutes=1), status=S.RUNNING)
    client.force_login(province.staff)
    response = client.post(reverse("exports:restart", args=[running.pk]))
    assert response.url == reverse("exports:job", args=[running.pk])
    assert ExportJob.objects.get() == running
    assert client.get(reverse("exports:restart", args=[running.pk])).status_code == 405


def test_try_again_is_refused_to_one_who_lost_the_right(client, province):
    job = ExportJob.objects.create(user=province.staff, kind="adoption_matrix", status=S.FAILED)
    client.force_login(province.staff)  # staff never may export the matrix
    assert client.post(reverse("exports:restart", args=[job.pk])).status_code == 403
    assert ExportJob.objects.get() == job


# --- Retention ------------------------------------------------------------------------------


def stored(job: ExportJob, name: str) -> str:
    job.file.save(name, ContentFile(b"xlsx"), save=True)
    return job.file.path


def test_old_files_and_jobs_are_deleted_after_the_retention(province, settings):
    settings.EXPORT_RETENTION_DAYS = 7
    old = job_of(province.staff, age=timedelta(days=8), status=S.DONE)
    old_path = stored(old, "old.xlsx")
    failed = job_of(province.staff, age=timedelta(days=9), status=S.FAILED)
    kept = job_of(province.staff, age=timedelta(days=6), status=S.DONE)
    kept_path = stored(kept, "kept.xlsx")
    # A file no job names (a build interrupted after writing it): old, and recent.
    folder = settings.MEDIA_ROOT / "exports"
    orphan, fresh_orphan = folder / "orphan.xlsx", folder / "fresh-orphan.xlsx"
    for path in (orphan, fresh_orphan):
        path.write_bytes(b"xlsx")
    eight_days_ago = (timezone.now() - timedelta(days=8)).timestamp()
    os.utime(orphan, (eight_days_ago, eight_days_ago))

    assert tasks.purge_old_exports() == 2
    assert list(ExportJob.objects.all()) == [kept]
    assert not os.path.exists(old_path) and not orphan.exists()
    assert os.path.exists(kept_path) and fresh_orphan.exists()
    assert not ExportJob.objects.filter(pk=failed.pk).exists()
    assert tasks.purge_old_exports() == 0


def test_retention_without_any_export_yet(province):
    assert services.export_purge() == 0


def test_both_housekeeping_tasks_are_scheduled():
    tasks_run = {entry["task"] for entry in CELERY_BEAT_SCHEDULE.values()}
    assert {"exports.tasks.fail_stale_exports", "exports.tasks.purge_old_exports"} <= tasks_run


# --- Wiring ---------------------------------------------------------------------------------


def test_each_app_declares_its_builders():
    from adoption import export_builders as adoption_builders
    from initiatives import export_builders as initiative_builders

    assert registry.builder("initiatives") is initiative_builders.BUILDERS["initiatives"]
    assert registry.builder("reports") is adoption_builders.BUILDERS["reports"]
    assert registry.builder("adoption_matrix") is adoption_builders.BUILDERS["adoption_matrix"]
    assert registry.builder("salaries") is None
    with pytest.raises(ValueError):
        registry.register_builder("reports", initiative_builders.BUILDERS["initiatives"])


def test_the_dossier_list_gets_its_button_through_the_slot(client, province):
    client.force_login(province.staff)
    html = client.get(reverse("initiatives:list")).content.decode()
    assert f'action="{reverse("exports:start", args=["initiatives"])}"' in html


def test_the_model_keeps_the_table_it_had_in_adoption():
    assert ExportJob._meta.db_table == "adoption_exportjob"
