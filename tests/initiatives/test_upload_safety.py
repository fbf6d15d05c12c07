"""Issue 8, item 9: hostile dossier attachments are refused before anything is stored, through
the API and the web page; what is stored is typed by its content and downloaded under a clean
name that cannot pass for another kind of file."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from initiatives.models import Attachment
from tests.conftest import make_draft
from tests.malicious_files import HOSTILE, HTML, PDF, docx, stored_files, zip_bomb_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(province):
    """A draft with no attachment yet (not even the cơ sở decision): only what a test uploads."""
    return make_draft(province, agency_decision=False)


def api_upload(client, initiative, name, content):
    return client.post(
        f"/api/v1/initiatives/{initiative.pk}/attachments/",
        {"file": SimpleUploadedFile(name, content), "kind": "minh_chung"},
        format="multipart",
    )


def web_upload(client, initiative, name, content, htmx=False):
    url = reverse("initiatives:attachment_upload", args=[initiative.pk])
    headers = {"HX-Request": "true"} if htmx else {}
    data = {"file": SimpleUploadedFile(name, content), "kind": "minh_chung"}
    return client.post(url, data, headers=headers)


def flashed(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(("name", "build", "reason"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_are_refused_through_the_api(draft, province, api, name, build, reason):
    response = api_upload(api(province.staff), draft, name, build())
    assert response.status_code == 400, response.data
    message = " ".join(response.data["file"])
    assert f"Tệp “{name}” bị từ chối: " in message and reason in message, message
    assert not Attachment.objects.exists() and stored_files() == []


@pytest.mark.parametrize(("name", "build", "reason"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_are_refused_through_the_page(client, draft, province, name, build, reason):
    client.force_login(province.staff)
    response = web_upload(client, draft, name, build())
    assert response.status_code == 302  # back to the dossier form, the reason on top
    assert any(f"Tệp “{name}” bị từ chối: " in m and reason in m for m in flashed(response))
    assert not Attachment.objects.exists() and stored_files() == []


def test_htmx_upload_of_a_zip_bomb_shows_the_reason_in_the_panel(client, draft, province):
    client.force_login(province.staff)
    response = web_upload(client, draft, "bomb.docx", zip_bomb_docx(), htmx=True)
    html = response.content.decode()
    # 200 so that htmx swaps the panel in; the refusal sits next to the file field.
    assert response.status_code == 200 and html.lstrip().startswith('<div id="attachments">')
    assert "Tệp “bomb.docx” bị từ chối" in html and "300,0\xa0MB" in html and "is-invalid" in html
    assert not Attachment.objects.exists() and stored_files() == []


def test_an_ordinary_word_file_with_a_chart_is_still_accepted(draft, province, api):
    """Charts keep their data as an embedded .xlsx; printer settings are .bin parts of Excel."""
    content = docx(
        ("word/charts/chart1.xml", b"<c:chartSpace/>"),
        ("word/embeddings/Microsoft_Excel_Worksheet.xlsx", b"PK"),
        ("word/media/image1.png", b"\x89PNG"),
        ("word/printerSettings/printerSettings1.bin", b"\x00" * 64),
    )
    response = api_upload(api(province.staff), draft, "mo-ta.docx", content)
    assert response.status_code == 201, response.data


def test_the_name_never_decides_the_type(draft, province, api, client):
    """An HTML page named .pdf is refused; a PDF named .html is stored, served and offered
    for download as a PDF — never under a name a browser would open as a web page."""
    staff = api(province.staff)
    refused = api_upload(staff, draft, "x.pdf", HTML)
    assert refused.status_code == 400
    assert "Nội dung tệp “x.pdf” không thuộc định dạng được chấp nhận" in refused.data["file"][0]
    assert not Attachment.objects.exists() and stored_files() == []

    created = api_upload(staff, draft, "x.html", PDF)
    assert created.status_code == 201, created.data
    assert created.data["name"] == "x.html.pdf"
    assert created.data["content_type"] == "application/pdf"
    [stored] = stored_files()
    assert stored.suffix == ".pdf" and "x.html" not in stored.name

    client.force_login(province.staff)
    attachment = Attachment.objects.get()
    for response in (
        staff.get(created.data["url"]),
        client.get(reverse("initiatives:attachment", args=[attachment.pk])),
    ):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="x.html.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert b"".join(response.streaming_content) == PDF


def test_an_uploaded_name_loses_bidi_and_invisible_characters(draft, province, api):
    # U+202E shows "hoá đơn‮fdp.exe" as "hoá đơnexe.pdf"; a zero-width space hides in it too.
    created = api_upload(api(province.staff), draft, "hoá đơn\u200b\u202efdp.exe", PDF)
    assert created.status_code == 201, created.data
    assert created.data["name"] == "hoá đơnfdp.exe.pdf"
    download = api(province.staff).get(created.data["url"])
    assert "%E2%80%AE" not in download["Content-Disposition"]
    assert download["Content-Disposition"].endswith(".pdf")


def test_names_stored_before_the_fix_are_cleaned_at_download(draft, province, api, client):
    attachment = Attachment(
        initiative=draft,
        kind="minh_chung",
        original_name="..\\..\\Hồ sơ\r\n\u202egpj.exe",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=province.staff,
    )
    attachment.file.save("legacy.pdf", ContentFile(PDF), save=False)
    attachment.save()
    client.force_login(province.staff)
    for response in (
        client.get(reverse("initiatives:attachment", args=[attachment.pk])),
        api(province.staff).get(f"/api/v1/attachments/{attachment.pk}/download/"),
    ):
        assert response.status_code == 200
        disposition = response["Content-Disposition"]
        assert disposition == "attachment; filename*=utf-8''H%E1%BB%93%20s%C6%A1%20gpj.exe.pdf"
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
