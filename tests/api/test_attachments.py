"""Uploads are recognised by content and size; downloads go through a permission check."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import make_draft
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(province):
    """A draft with no attachment yet (not even the cơ sở decision): only what a test uploads."""
    return make_draft(province, agency_decision=False)


PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(client, pk, name, content, kind="minh_chung"):
    return client.post(
        f"/api/v1/initiatives/{pk}/attachments/",
        {"file": SimpleUploadedFile(name, content), "kind": kind},
        format="multipart",
    )


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bien-ban.pdf", PDF, "application/pdf"),
        ("anh.png", PNG, "image/png"),
        (
            "mo-ta.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_allowed_files_are_stored_with_their_real_type(
    draft, province, api, name, content, expected
):
    response = upload(api(province.staff), draft.pk, name, content)
    assert response.status_code == 201, response.data
    assert response.data["content_type"] == expected
    assert response.data["name"] == name and response.data["size"] == len(content)
    detail = api(province.staff).get(f"/api/v1/initiatives/{draft.pk}/").data
    assert [a["name"] for a in detail["attachments"]] == [name]


def test_a_renamed_executable_is_refused_with_a_clear_message(draft, province, api):
    with nothing_changes(draft):
        response = upload(api(province.staff), draft.pk, "bao-cao.pdf", b"MZ\x90\x00 not a pdf")
    assert response.status_code == 400
    message = " ".join(response.data["file"])
    assert "bao-cao.pdf" in message and "PDF" in message
    assert not draft.attachments.exists()


def test_a_zip_that_is_not_an_office_file_is_refused(draft, province, api):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("virus.exe", "x")
    with nothing_changes(draft):
        response = upload(api(province.staff), draft.pk, "x.docx", buffer.getvalue())
    assert response.status_code == 400


def test_a_file_over_the_limit_is_refused_with_413(draft, province, api, settings):
    assert settings.ATTACHMENT_MAX_BYTES == 20 * 1024 * 1024
    big = PDF + b"0" * (settings.ATTACHMENT_MAX_BYTES + 1 - len(PDF))
    with nothing_changes(draft):
        response = upload(api(province.staff), draft.pk, "qua-lon.pdf", big)
    assert response.status_code == 413
    assert "20" in response.data["detail"] and "qua-lon.pdf" in response.data["detail"]
    assert not draft.attachments.exists()


def test_download_only_for_those_who_see_the_dossier(draft, province, api):
    created = upload(api(province.staff), draft.pk, "bien-ban.pdf", PDF).data
    url = created["url"]

    own = api(province.head).get(url)
    assert own.status_code == 200
    assert b"".join(own.streaming_content) == PDF
    assert "bien-ban.pdf" in own["Content-Disposition"]

    assert api(province.other_staff).get(url).status_code == 404
    assert api(province.reviewer).get(url).status_code == 404  # still a draft
    assert api().get(url).status_code == 401


def test_no_upload_once_submitted(at_state, province, api):
    initiative = at_state("department_review")
    with nothing_changes(initiative):
        response = upload(api(province.staff), initiative.pk, "late.pdf", PDF)
    assert response.status_code == 409


def test_other_agency_cannot_upload(draft, province, api):
    with nothing_changes(draft):
        response = upload(api(province.other_staff), draft.pk, "x.pdf", PDF)
    assert response.status_code == 404


def test_adopting_agency_reads_the_public_part_only(at_state, province, api):
    """Phổ Yên is asked to adopt: it reads the dossier, never what is confidential."""
    initiative = at_state("draft")
    initiative.confidential_info = "Mã nguồn phần mềm nội bộ"
    initiative.save()
    initiative.authors.update(birth_date="1980-01-02")
    public = upload(api(province.staff), initiative.pk, "mo-ta.pdf", PDF).data
    secret = (
        api(province.staff)
        .post(
            f"/api/v1/initiatives/{initiative.pk}/attachments/",
            {"file": SimpleUploadedFile("bi-mat.pdf", PDF), "kind": "khac", "confidential": True},
            format="multipart",
        )
        .data
    )
    from workflow.scenarios import advance

    advance(initiative, "rollout", province.cast())

    adopter = api(province.other_staff)
    detail = adopter.get(f"/api/v1/initiatives/{initiative.pk}/")
    assert detail.status_code == 200
    assert detail.data["confidential_info"] is None
    # The public files: the agency's cơ sở decision (every submitted dossier carries it) and this.
    names = [a["name"] for a in detail.data["attachments"]]
    assert names == ["quyet-dinh-co-so.pdf", "mo-ta.pdf"]
    assert all(a["birth_date"] is None for a in detail.data["authors"])
    assert "Mã nguồn" not in str(detail.data)
    assert adopter.get(public["url"]).status_code == 200
    assert adopter.get(secret["url"]).status_code == 404
    # The submitting agency and the reviewer still see everything.
    own = api(province.staff).get(f"/api/v1/initiatives/{initiative.pk}/").data
    assert own["confidential_info"] == "Mã nguồn phần mềm nội bộ"
    assert api(province.reviewer).get(secret["url"]).status_code == 200


def test_macro_enabled_office_files_are_refused(draft, province, api):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", "macro")
    with nothing_changes(draft):
        response = upload(api(province.staff), draft.pk, "macro.docx", buffer.getvalue())
    assert response.status_code == 400


def test_stored_name_follows_the_content_not_the_client(draft, province, api):
    created = upload(api(province.staff), draft.pk, "trang.html", PDF)
    assert created.status_code == 201
    stored = draft.attachments.get().file.name
    assert stored.endswith(".pdf") and "trang" not in stored
    # Offered back under a name whose extension tells what it is (issue 8, item 9).
    assert created.data["name"] == "trang.html.pdf"


def test_adopting_agency_does_not_see_the_review_process(at_state, province, api, client):
    initiative = at_state("rollout")
    adopter = api(province.other_staff)
    assert adopter.get(f"/api/v1/initiatives/{initiative.pk}/").data["score_summary"] is None
    assert adopter.get(f"/api/v1/initiatives/{initiative.pk}/history/").status_code == 403
    client.force_login(province.other_staff)
    page = client.get(f"/initiatives/{initiative.pk}/").content.decode()
    assert 'id="h-timeline"' not in page
    client.force_login(province.staff)
    assert 'id="h-timeline"' in client.get(f"/initiatives/{initiative.pk}/").content.decode()
