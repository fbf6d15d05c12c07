"""Official documents in a real browser: the leader drafts the recognition decision in Word,
recognizes the dossier, and its documents appear on the dossier page and in its timeline; the
certificate downloads as a PDF whose first page is rendered to PNG (tests/artifacts/documents/)
for a person to look at; anyone checks it at /verify/<code>/, and after a revocation the same
page says it is revoked at once. The council papers page gives the blank score sheet."""

import io
import re
from datetime import date

import pytest
from docx import Document as Docx
from playwright.sync_api import expect

from documents.models import Document, DocumentKind
from tests.browser import screenshot
from tests.documents.conftest import eager  # noqa: F401
from tests.documents.test_artifacts import pdf_to_png, to_png

from .helpers import STATUS_VI, dmy, to_top, vi
from .test_rounds_and_persons import audited

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def downloaded(page, locator) -> bytes:
    with page.expect_download() as info:
        locator.click()
    return open(info.value.path(), "rb").read()


def docx_text(content: bytes) -> str:
    docx = Docx(io.BytesIO(content))
    cells = [c.text for t in docx.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in docx.paragraphs] + cells)


def recognize(leader, pk):
    leader.goto(f"/initiatives/{pk}/transitions/recognize/")
    leader.locator('[name="decision_number"]').fill("125/QĐ-UBND")
    leader.locator('[name="decision_date"]').fill(dmy(date.today()))
    leader.locator('[name="signer"]').fill("Ngô Thanh Sơn")
    leader.locator('input[name="signer_authority"][value="vice_chairman"]').check()
    leader.locator('input[name="scope"][value="provincial"]').check()
    leader.locator("#confirm-button").click()
    leader.wait_for_url(re.compile(rf".*/initiatives/{pk}/$"))


def test_recognition_issues_documents_anyone_can_verify_until_revoked(
    new_page,
    province,
    at_state,
    eager,  # noqa: F811
):
    initiative = at_state("awaiting_decision")
    leader = new_page(province.leader)
    audited(leader, f"/initiatives/{initiative.pk}/")

    # Before signing: the decision as a Word draft the office edits, no placeholder left.
    draft = docx_text(downloaded(leader, leader.locator("#recognition-draft")))
    assert initiative.title in draft and "QUYẾT ĐỊNH" in draft
    assert "{{" not in draft and "{%" not in draft

    # The council papers: the blank score sheet of a member, as a PDF.
    audited(leader, f"/documents/initiatives/{initiative.pk}/council-papers/")
    blank = downloaded(leader, leader.locator("#score-sheets a").first)
    assert blank.startswith(b"%PDF")
    assert pdf_to_png(blank, "browser-score-sheet-blank").stat().st_size > 10_000

    recognize(leader, initiative.pk)
    expect(leader.locator(".status-badge").first).to_have_text(STATUS_VI["recognized"])
    certificates = Document.objects.filter(initiative=initiative, kind=DocumentKind.CERTIFICATE)
    assert certificates.count() == initiative.authors.count() == 2
    table = leader.locator("#documents")
    expect(table).to_contain_text(vi("Recognition decision"))
    expect(table).to_contain_text(vi("Initiative certificate"))
    for certificate in certificates:
        expect(table).to_contain_text(certificate.number)
    entry = leader.locator('#timeline [data-transition="recognize"] .timeline-documents li')
    expect(entry).to_have_count(3)  # the decision and a certificate per author
    leader.locator("#h-documents").scroll_into_view_if_needed()
    screenshot(leader, "66-dossier-documents")

    # The certificate as the author downloads it; its first page for a person to look at.
    certificate = certificates.select_related("author").first()
    row = table.locator("tr", has_text=certificate.author.full_name)
    pdf = downloaded(leader, row.get_by_role("link", name=re.compile(vi("Download"))))
    assert pdf == certificate.file.open("rb").read()
    png = to_png(certificate, "browser-certificate")
    assert png.stat().st_size > 10_000

    # Anyone, without logging in, checks the code printed on it.
    public = new_page()
    audited(public, f"/verify/{certificate.verification_code}/")
    expect(public.locator("#verify-result")).to_have_attribute("data-status", "issued")
    expect(public.locator("#verify-facts")).to_contain_text(initiative.title)
    expect(public.locator("#verify-facts")).not_to_contain_text("1980")  # no birth date
    screenshot(public, "67-verify-genuine")

    # The leader revokes the recognition: the same page says so at once.
    leader.goto(f"/initiatives/{initiative.pk}/transitions/revoke/")
    leader.locator('[name="decision_number"]').fill("215/QĐ-UBND")
    leader.locator('[name="decision_date"]').fill(dmy(date.today()))
    leader.locator('[name="comment"]').fill("Sáng kiến sao chép giải pháp đã được công nhận.")
    leader.locator("#confirm-button").click()
    leader.wait_for_url(re.compile(rf".*/initiatives/{initiative.pk}/$"))
    public.reload()
    expect(public.locator("#verify-result")).to_have_attribute("data-status", "revoked")
    expect(public.locator("#verify-result")).to_contain_text("215/QĐ-UBND")
    to_top(public)
    screenshot(public, "68-verify-revoked")
    expect(leader.locator('#documents tr[data-status="revoked"]')).to_have_count(3)
    assert leader.js_errors == [] and public.js_errors == []
