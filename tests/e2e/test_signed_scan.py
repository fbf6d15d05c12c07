"""The signed scan in the browser: the reviewer opens "Upload the signed copy" under the
recognition decision on the dossier page, picks the scan, confirms it cannot be replaced and
sends it; the page says so, links the signed copy, and the registry links it for anyone."""

import pytest
from playwright.sync_api import expect

from documents.models import Document, DocumentKind
from documents.services import Rendered, document_issue
from tests.browser import screenshot

from .helpers import PDF, vi

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_reviewer_uploads_the_signed_decision(new_page, province, at_state, tmp_path):
    initiative = at_state("recognized")
    decision = document_issue(
        kind=DocumentKind.RECOGNITION_DECISION, act_key="e2e:d", verifiable=True,
        number=initiative.decision_number, initiative=initiative,
        build=lambda d: Rendered(PDF, Document.Format.PDF, "Quyết định"),
    )  # fmt: skip
    scan = tmp_path / "quyet-dinh-da-ky.pdf"
    scan.write_bytes(PDF)

    reviewer = new_page(province.reviewer)
    reviewer.goto(f"/initiatives/{initiative.pk}/")
    upload = reviewer.locator(f"#signed-scan-{decision.pk}")
    upload.locator("summary").click()
    upload.locator("input[type=file]").set_input_files(str(scan))
    upload.locator("input[name=confirm]").check()
    screenshot(reviewer, "90-reviewer-signed-scan-upload")
    upload.locator("button[type=submit]").click()

    expect(reviewer.locator(".messages")).to_contain_text(
        vi("The signed copy of %(document)s no. %(number)s was uploaded.",
           document=vi("Recognition decision"), number=decision.number)
    )  # fmt: skip
    expect(reviewer.locator(f"a[href='/documents/{decision.pk}/signed-scan/']")).to_have_count(1)
    expect(reviewer.locator(f"#signed-scan-{decision.pk}")).to_have_count(0)
    expect(reviewer.locator("#timeline .timeline-signed-scan")).to_have_count(1)

    visitor = new_page(None)
    visitor.goto("/registry/")
    expect(visitor.locator(".registry-decision-scan")).to_have_count(1)
    assert reviewer.js_errors == [] and visitor.js_errors == []
