"""All the certificates of a round in one zip, in a real browser: the leader clicks the button on
the round page, watches the job's progress bar reach done, and downloads one zip holding every
certificate in force and the round's decision."""

import io
import zipfile

import pytest
from playwright.sync_api import expect

from documents.models import Document, DocumentKind
from exports import tasks as export_tasks
from exports.models import ExportJob
from tests.browser import screenshot
from tests.documents.conftest import eager  # noqa: F401
from tests.documents.test_certificate_zip import new_round
from tests.documents.test_decisions import decide
from workflow.models import RoundDossier

from .helpers import vi
from .test_documents import downloaded
from .test_rounds_and_persons import audited

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_leader_downloads_all_certificates_of_a_round(
    new_page,
    province,
    at_state,
    monkeypatch,
    eager,  # noqa: F811
):
    made = new_round(province, 1)
    for initiative in (at_state("awaiting_decision"), at_state("awaiting_decision")):
        RoundDossier.objects.create(round=made, initiative=initiative)
    decide(province, made)  # committed: the (eager) tasks issue the four certificates
    assert Document.objects.filter(kind=DocumentKind.CERTIFICATE).count() == 4
    queued = []
    monkeypatch.setattr(export_tasks, "enqueue", queued.append)  # the worker takes it later

    leader = new_page(province.leader)
    audited(leader, f"/rounds/{made.pk}/")  # axe-core: WCAG 2 A/AA
    expect(leader.locator("#round-certificates")).to_contain_text("4 giấy chứng nhận")
    button = leader.locator("#round-certificates-zip")
    expect(button).to_have_text(vi("Download all certificates (.zip)"))
    screenshot(leader, "69-round-certificates")
    button.click()
    leader.wait_for_url("**/exports/jobs/*/")
    job = ExportJob.objects.get()
    assert queued == [job.pk]
    bar = leader.locator("#export-job-bar")
    expect(bar).to_have_text("0 %")
    expect(leader.locator("h1")).to_contain_text(vi("Zip archive"))
    screenshot(leader, "70-round-certificates-zip-waiting")

    assert export_tasks.build_export(job.pk) == "done"  # the worker builds it
    expect(bar).to_have_text("100 %")  # the next poll shows it done
    audited(leader, f"/exports/jobs/{job.pk}/")
    download = leader.locator("#export-download")
    expect(download).to_contain_text(".zip")
    leader.wait_for_timeout(800)  # the bar's own width transition
    screenshot(leader, "71-round-certificates-zip-ready")
    archive = zipfile.ZipFile(io.BytesIO(downloaded(leader, download)))
    names = archive.namelist()
    assert len(names) == 5  # four certificates and the decision
    assert all(name.endswith(".pdf") for name in names)
    assert leader.js_errors == []
