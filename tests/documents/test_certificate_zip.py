"""All the certificates of a round in one zip: built by an export job with a progress bar (never
in a request), holding exactly the certificates in force, each a PDF naming its holder, plus the
round's decision; for those who see the round page only, downloaded by the job's owner only."""

import io
import unicodedata
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from kombu.exceptions import OperationalError
from pypdf import PdfReader

from common.file_export import ZIP
from documents import builders
from documents.certificate_zip import member_name, round_certificate_counts
from documents.models import Document, DocumentKind
from documents.services import document_correct, documents_revoke
from documents.tasks import issue_act_documents
from exports import tasks as export_tasks
from exports.models import ExportJob
from tests.conftest import today
from tests.documents.conftest import act
from tests.documents.test_decisions import decide
from workflow.models import RoundDossier
from workflow.rounds import round_save

pytestmark = pytest.mark.django_db

S = ExportJob.Status
KIND = "round_certificates"


def new_round(province, number: int):
    return round_save(
        actor=province.reviewer,
        data={"year": today().year, "number": number, "title": f"Đợt {number}",
              "opens_on": today() - timedelta(days=60), "closes_on": today() - timedelta(days=1),
              "council": None, "decided_on": None},
    )  # fmt: skip


@pytest.fixture
def decided_round(province, at_state, eager, django_capture_on_commit_callbacks):
    """A round of two dossiers (two authors each) decided in one batch, certificates issued."""
    made = new_round(province, 1)
    dossiers = [at_state("awaiting_decision"), at_state("awaiting_decision")]
    for initiative in dossiers:
        RoundDossier.objects.create(round=made, initiative=initiative)
    with django_capture_on_commit_callbacks(execute=True):
        decide(province, made)
    return made, dossiers


def certificates():
    return Document.objects.filter(kind=DocumentKind.CERTIFICATE).order_by("sequence", "version")


def start(client, user, made):
    client.force_login(user)
    return client.post(reverse("exports:start", args=[KIND]), {"round": made.pk})


def build(client, user, made, capture):
    """The button's POST, the job run by the (eager) worker, the job page and the download."""
    with capture(execute=True):
        response = start(client, user, made)
    assert response.status_code == 302
    job = ExportJob.objects.get(user=user, kind=KIND)
    assert response.url == reverse("exports:job", args=[job.pk])
    job.refresh_from_db()
    assert job.status == S.DONE, job.error
    download = client.get(reverse("exports:download", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == ZIP
    assert download["Content-Disposition"].startswith("attachment;")
    assert ".zip" in download["Content-Disposition"]
    return job, zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_the_zip_holds_every_certificate_in_force_and_the_decision(
    client, province, decided_round, django_capture_on_commit_callbacks
):
    made, dossiers = decided_round
    first, *rest = certificates()
    # A correction supersedes the first certificate; the second dossier's recognition is revoked.
    corrected = document_correct(
        document=first,
        build=builders.certificate_builder(initiative=first.initiative, author=first.author),
    )
    documents_revoke(initiative=dossiers[1], kinds=[DocumentKind.CERTIFICATE])
    in_force = list(certificates().filter(status=Document.Status.ISSUED))
    assert [d.pk for d in in_force] == [corrected.pk, rest[0].pk]

    job, archive = build(client, province.leader, made, django_capture_on_commit_callbacks)

    decision = Document.objects.get(kind=DocumentKind.RECOGNITION_DECISION, round=made)
    expected = {member_name(d) for d in [*in_force, decision]}
    assert set(archive.namelist()) == expected
    assert "001-GCN-SKKN-nguyen-thi-lan.pdf" in expected
    for document in in_force:
        with archive.open(member_name(document)) as member:
            data = member.read()
        with document.file.open("rb") as stored:
            assert data == stored.read()  # the issued file, unchanged
        text = pdf_text(data)
        assert document.author.full_name in text and document.number in text
    assert "321/QĐ-UBND" in pdf_text(archive.read(member_name(decision)))
    assert job.progress == 100 and job.finished_at


def test_the_job_page_shows_the_progress_then_the_download(
    client, province, decided_round, django_capture_on_commit_callbacks
):
    made, _dossiers = decided_round
    job, _archive = build(client, province.reviewer, made, django_capture_on_commit_callbacks)
    page = client.get(reverse("exports:job", args=[job.pk])).content.decode()
    assert "Tệp nén (.zip)" in page and "Giấy chứng nhận của đợt" in page
    assert str(made) in page
    assert 'aria-valuenow="100"' in page and "hx-trigger" not in page
    assert 'http-equiv="refresh"' not in page
    assert reverse("exports:download", args=[job.pk]) in page


def test_progress_is_reported_while_the_zip_is_written(
    client, province, decided_round, monkeypatch, django_capture_on_commit_callbacks
):
    made, _dossiers = decided_round
    seen = []
    original = export_tasks.services.set_progress
    monkeypatch.setattr(
        export_tasks.services,
        "set_progress",
        lambda job_id, percent: (seen.append(percent), original(job_id, percent)),
    )
    job, _archive = build(client, province.leader, made, django_capture_on_commit_callbacks)
    assert seen == [20, 40, 60, 80, 99]  # after each of five files; 100 once stored
    assert job.progress == 100


@pytest.mark.parametrize("who", ["staff", "outsider", "council_stp", "anonymous"])
def test_only_those_seeing_the_round_page_start_it(client, province, decided_round, who):
    made, _dossiers = decided_round
    url = reverse("exports:start", args=[KIND])
    if who != "anonymous":
        client.force_login(getattr(province, who))
    response = client.post(url, {"round": made.pk})
    assert response.status_code == (302 if who == "anonymous" else 404)
    assert "login" in response.url if who == "anonymous" else True
    api = client.post(reverse("api-round-certificates-zip", args=[made.pk]))
    assert api.status_code in ((401, 403) if who == "anonymous" else (404,))
    assert not ExportJob.objects.exists()


def test_an_unknown_round_is_not_found(client, province):
    client.force_login(province.leader)
    assert client.post(reverse("exports:start", args=[KIND]), {"round": 999}).status_code == 404
    assert client.post(reverse("exports:start", args=[KIND])).status_code == 404
    assert client.post(reverse("api-round-certificates-zip", args=[999])).status_code == 404
    assert not ExportJob.objects.exists()


def test_only_the_owner_sees_the_job_and_downloads_the_zip(
    client, province, decided_round, django_capture_on_commit_callbacks
):
    made, _dossiers = decided_round
    job, _archive = build(client, province.leader, made, django_capture_on_commit_callbacks)
    # The reviewer may see the round page, but the job is the leader's.
    for user in (province.reviewer, province.staff):
        client.force_login(user)
        for url in (
            reverse("exports:job", args=[job.pk]),
            reverse("exports:download", args=[job.pk]),
            reverse("api-export-job", args=[job.pk]),
            reverse("api-export-job-download", args=[job.pk]),
        ):
            assert client.get(url).status_code == 404, url


def test_a_second_click_while_it_runs_reuses_the_job(
    client, province, decided_round, monkeypatch, django_capture_on_commit_callbacks
):
    made, _dossiers = decided_round
    queued = []
    monkeypatch.setattr(export_tasks, "enqueue", queued.append)  # the worker is busy
    with django_capture_on_commit_callbacks(execute=True):
        first = start(client, province.leader, made)
        second = start(client, province.leader, made)
        api = client.post(reverse("api-round-certificates-zip", args=[made.pk]))
    job = ExportJob.objects.get()
    assert first.url == second.url == reverse("exports:job", args=[job.pk])
    assert api.status_code == 202 and api.json()["id"] == job.pk
    assert queued == [job.pk]
    page = client.get(first.url).content.decode()
    assert "hx-trigger" in page  # still polling
    # Without JavaScript, the page reloads itself and links to itself.
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert "Tải lại trang để xem tiến độ" in page
    # Running counts as well; once done, a click builds a fresh zip.
    ExportJob.objects.filter(pk=job.pk).update(status=S.RUNNING)
    assert start(client, province.leader, made).url == first.url
    assert export_tasks.build_export.run(job.pk) == "skipped"  # claimed already
    ExportJob.objects.filter(pk=job.pk).update(status=S.DONE)
    with django_capture_on_commit_callbacks(execute=True):
        again = start(client, province.leader, made)
    assert again.url != first.url and ExportJob.objects.count() == 2
    # Another user's click is their own job.
    with django_capture_on_commit_callbacks(execute=True):
        start(client, province.reviewer, made)
    assert ExportJob.objects.filter(user=province.reviewer).count() == 1


def test_the_api_starts_the_job_and_serves_the_zip(
    client, province, decided_round, django_capture_on_commit_callbacks
):
    made, _dossiers = decided_round
    client.force_login(province.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("api-round-certificates-zip", args=[made.pk]))
    assert response.status_code == 202
    body = response.json()
    job = ExportJob.objects.get(pk=body["id"])
    assert body["url"] == reverse("api-export-job", args=[job.pk]) == response["Location"]
    assert body["page_url"] == reverse("exports:job", args=[job.pk])
    status = client.get(body["url"]).json()
    assert status["status"] == "done" and status["progress"] == 100
    assert status["download_url"] == reverse("api-export-job-download", args=[job.pk])
    download = client.get(status["download_url"])
    assert download.status_code == 200 and download["Content-Type"] == ZIP
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert len(archive.namelist()) == 5  # four certificates and the decision


def test_the_round_page_offers_the_zip_within_its_query_budget(
    client, province, decided_round, django_assert_max_num_queries
):
    made, _dossiers = decided_round
    client.force_login(province.leader)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("workflow:round", args=[made.pk])).content.decode()
    assert 'id="round-certificates-zip"' in page
    assert "Tải tất cả giấy chứng nhận (.zip)" in page
    assert "4 giấy chứng nhận còn hiệu lực." in page
    assert f'name="round" value="{made.pk}"' in page
    assert "round-certificates-pending" not in page


def test_the_round_page_says_how_many_certificates_are_still_being_issued(
    client, province, at_state
):
    made = new_round(province, 3)
    dossiers = [at_state("awaiting_decision"), at_state("awaiting_decision")]
    for initiative in dossiers:
        RoundDossier.objects.create(round=made, initiative=initiative)
    decide(province, made)  # on_commit not run: the tasks issuing the certificates are queued
    client.force_login(province.reviewer)
    url = reverse("workflow:round", args=[made.pk])
    assert round_certificate_counts(made.pk) == {"certificates": 0, "pending": 4}
    page = client.get(url).content.decode()
    assert "4 giấy chứng nhận đang được cấp: tệp .zip gồm các giấy chứng nhận đã cấp." in page
    assert "round-certificates-zip" not in page  # nothing to download yet

    issue_act_documents.run(act(dossiers[0], "recognize").pk)  # one task has run
    assert round_certificate_counts(made.pk) == {"certificates": 2, "pending": 2}
    page = client.get(url).content.decode()
    assert "2 giấy chứng nhận đang được cấp" in page and 'id="round-certificates-zip"' in page


def test_no_button_before_the_round_has_certificates(client, province, at_state):
    made = new_round(province, 2)
    RoundDossier.objects.create(round=made, initiative=at_state("awaiting_decision"))
    client.force_login(province.leader)
    page = client.get(reverse("workflow:round", args=[made.pk])).content.decode()
    assert "round-certificates-zip" not in page and "round-certificates" not in page


def test_without_a_broker_the_zip_is_never_built_in_the_request(
    client, province, decided_round, monkeypatch, django_capture_on_commit_callbacks
):
    made, _dossiers = decided_round

    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(export_tasks.build_export, "delay", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        response = start(client, province.leader, made)
    job = ExportJob.objects.get()
    assert response.url == reverse("exports:job", args=[job.pk])
    assert job.status == S.FAILED and not job.file
    page = client.get(response.url).content.decode()
    assert "Máy chủ tạo tệp đang không hoạt động. Vui lòng thử lại sau." in page
    assert reverse("exports:restart", args=[job.pk]) in page  # "Try again"
