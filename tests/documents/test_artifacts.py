"""The first page of each kind of PDF the system issues, rendered to PNG with pdftoppm into
tests/artifacts/documents/ (not committed) for a person to look at the layout."""

import shutil
import subprocess
from pathlib import Path

import pytest

from documents import issuing
from tests.conftest import require_service

from .conftest import act

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "documents"


def to_png(document, name: str) -> Path:
    with document.file.open("rb") as handle:
        return pdf_to_png(handle.read(), name)


def pdf_to_png(content: bytes, name: str) -> Path:
    if shutil.which("pdftoppm") is None:
        require_service("pdftoppm", "apt-get install poppler-utils")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    pdf.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
         str(ARTIFACTS / name)],
        check=True, timeout=60,
    )  # fmt: skip
    return ARTIFACTS / f"{name}.png"


def test_first_pages_of_the_receipt_and_the_certificate(at_state):
    initiative = at_state("recognized")
    [receipt] = issuing.issue_for_act(act(initiative, "submit").pk)
    certificate = issuing.issue_for_act(act(initiative, "recognize").pk)[0]

    for document, name in ((receipt, "receipt"), (certificate, "certificate")):
        png = to_png(document, name)
        assert png.read_bytes().startswith(b"\x89PNG")
        assert png.stat().st_size > 10_000  # a page with text on it, not a blank


@pytest.mark.parametrize(
    ("state", "transition", "name"),
    [
        ("revision_requested", "request_revision", "revision_notice"),
        ("refused", "reject", "refusal_notice"),
        ("rejected", "decline", "non_recognition_notice"),
        ("recognized", "recognize", "recognition_decision"),
        ("revoked", "revoke", "revocation_decision"),
    ],
)
def test_first_pages_of_the_notices_and_decisions(at_state, state, transition, name):
    initiative = at_state(state)
    documents = issuing.issue_for_act(act(initiative, transition).pk)
    [document] = [d for d in documents if d.kind == name and d.format == "pdf"]

    png = to_png(document, name)
    assert png.read_bytes().startswith(b"\x89PNG")
    assert png.stat().st_size > 10_000


def test_first_pages_of_the_council_papers(at_state, province):
    from documents.council_docs import council_decision_issue

    initiative = at_state("awaiting_decision")
    [minutes] = issuing.issue_for_act(act(initiative, "complete_scoring").pk)
    decision = council_decision_issue(council=province.council_body, actor=province.leader)

    for document, name in ((minutes, "minutes"), (decision, "council_decision")):
        png = to_png(document, name)
        assert png.read_bytes().startswith(b"\x89PNG")
        assert png.stat().st_size > 10_000
