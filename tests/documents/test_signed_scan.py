"""The signed, stamped scan a reviewer uploads becomes the authoritative copy; checked like every
upload, attached once, never replaced."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from common.exceptions import Conflict
from documents.models import Document, DocumentKind
from documents.services import Rendered, document_attach_signed_scan, document_issue
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db

SCAN = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def certificate(at_state):
    initiative = at_state("recognized")
    return document_issue(
        kind=DocumentKind.CERTIFICATE,
        act_key="t:1",
        verifiable=True,
        initiative=initiative,
        build=lambda d: Rendered(b"%PDF-1.7\n%%EOF\n", Document.Format.PDF, "GCN"),
    )


def upload(content=SCAN, name="ban-ky.pdf"):
    return SimpleUploadedFile(name, content)


def test_a_reviewer_attaches_the_signed_scan(province, certificate):
    checksum = certificate.sha256

    document = document_attach_signed_scan(
        document=certificate, file=upload(), actor=province.reviewer
    )

    document.refresh_from_db()
    assert document.signed_scan_sha256 == hashlib.sha256(SCAN).hexdigest()
    with document.signed_scan.open("rb") as handle:
        assert handle.read() == SCAN
    assert document.sha256 == checksum  # the issued file is untouched


def test_it_is_never_replaced(province, certificate):
    document_attach_signed_scan(document=certificate, file=upload(), actor=province.reviewer)
    certificate.refresh_from_db()

    with nothing_changes(certificate), pytest.raises(Conflict):
        document_attach_signed_scan(
            document=certificate, file=upload(SCAN + b"%x\n"), actor=province.leader
        )


def test_an_agency_user_cannot_attach_one(province, certificate):
    with nothing_changes(certificate), pytest.raises(PermissionDenied):
        document_attach_signed_scan(document=certificate, file=upload(), actor=province.staff)


def test_a_file_that_is_no_scan_is_refused(province, certificate):
    with nothing_changes(certificate), pytest.raises(ValidationError):
        document_attach_signed_scan(
            document=certificate, file=upload(b"MZ\x90\x00 not a scan", "virus.pdf"),
            actor=province.reviewer,
        )  # fmt: skip


def test_the_signed_copy_is_offered_with_the_dossiers_visibility(
    client, api, province, certificate
):
    document_attach_signed_scan(document=certificate, file=upload(), actor=province.reviewer)
    initiative = certificate.initiative

    client.force_login(province.outsider)
    assert client.get(f"/documents/{certificate.pk}/signed-scan/").status_code == 404
    client.force_login(province.staff)
    page = client.get(f"/initiatives/{initiative.pk}/").content.decode()
    assert f"/documents/{certificate.pk}/signed-scan/" in page
    response = client.get(f"/documents/{certificate.pk}/signed-scan/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SCAN
    [row] = api(province.staff).get(f"/api/v1/initiatives/{initiative.pk}/documents/").json()
    assert row["signed_scan_sha256"] == hashlib.sha256(SCAN).hexdigest()
    scan = api(province.staff).get(row["signed_scan_url"])
    assert scan.status_code == 200 and b"".join(scan.streaming_content) == SCAN
    assert api(province.outsider).get(row["signed_scan_url"]).status_code == 404
