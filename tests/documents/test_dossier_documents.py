"""The documents on the dossier page and in the API, with the dossier's visibility: certificates
for everyone who sees the dossier, the receipt (it lists confidential attachments) only inside
its review; 404 to everyone else."""

import hashlib

import pytest
from django.urls import reverse

from documents.models import Document, DocumentKind
from documents.services import Rendered, document_issue

from .conftest import act

pytestmark = pytest.mark.django_db

CONTENT = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def plain(document) -> Rendered:
    return Rendered(CONTENT, Document.Format.PDF, f"Văn bản {document.number}")


@pytest.fixture
def issued(at_state):
    """A dossier in rollout (Phổ Yên adopts it) with its receipt and one certificate."""
    initiative = at_state("rollout")
    receipt = document_issue(
        kind=DocumentKind.RECEIPT,
        act_key="t:receipt",
        number="1/2026",
        build=plain,
        initiative=initiative,
        log=act(initiative, "submit"),
    )
    author = initiative.authors.first()
    certificate = document_issue(kind=DocumentKind.CERTIFICATE, act_key="t:cert", build=plain,
                                 verifiable=True, initiative=initiative, author=author)  # fmt: skip
    return initiative, receipt, certificate


def page_client(client, user):
    client.force_login(user)
    return client


def test_the_dossier_page_lists_its_documents(client, province, issued):
    initiative, receipt, certificate = issued

    page = page_client(client, province.staff).get(f"/initiatives/{initiative.pk}/")

    text = page.content.decode()
    assert 'id="documents"' in text
    assert "Giấy biên nhận đơn" in text and "Giấy chứng nhận sáng kiến — Nguyễn Thị Lan" in text
    assert reverse("documents:download", args=[receipt.pk]) in text
    assert reverse("documents:download", args=[certificate.pk]) in text
    assert "001/GCN-SKKN" in text and "đã ban hành" in text


def test_an_adopting_agency_sees_the_certificate_but_not_the_receipt(client, province, issued):
    initiative, receipt, certificate = issued
    adopter = page_client(client, province.other_staff)

    text = adopter.get(f"/initiatives/{initiative.pk}/").content.decode()

    assert reverse("documents:download", args=[certificate.pk]) in text
    assert reverse("documents:download", args=[receipt.pk]) not in text
    assert adopter.get(reverse("documents:download", args=[receipt.pk])).status_code == 404
    response = adopter.get(reverse("documents:download", args=[certificate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == CONTENT


def test_those_who_cannot_see_the_dossier_get_404(client, province, issued):
    _initiative, receipt, certificate = issued
    outsider = page_client(client, province.outsider)

    for document in (receipt, certificate):
        assert outsider.get(reverse("documents:download", args=[document.pk])).status_code == 404


def test_anonymous_is_sent_to_log_in(client, issued):
    _initiative, receipt, _certificate = issued

    response = client.get(reverse("documents:download", args=[receipt.pk]))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_the_api_lists_and_streams_them(api, province, issued):
    initiative, receipt, certificate = issued

    body = api(province.reviewer).get(f"/api/v1/initiatives/{initiative.pk}/documents/").json()

    assert [d["id"] for d in body] == [receipt.pk, certificate.pk]
    first, second = body
    assert first["kind"] == "receipt" and first["verification_code"] is None
    assert second["kind"] == "certificate" and second["verification_code"]
    assert second["number"] == "001/GCN-SKKN" and second["version"] == 1
    assert second["status"] == "issued" and second["author"] == "Nguyễn Thị Lan"
    assert second["sha256"] == hashlib.sha256(CONTENT).hexdigest()
    download = api(province.reviewer).get(second["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == CONTENT


def test_the_api_answers_by_the_dossiers_visibility(api, province, issued):
    initiative, receipt, certificate = issued
    url = f"/api/v1/initiatives/{initiative.pk}/documents/"

    adopter = api(province.other_staff).get(url).json()
    assert [d["id"] for d in adopter] == [certificate.pk]
    assert api(province.outsider).get(url).status_code == 404
    assert api().get(url).status_code == 401
    download = f"/api/v1/documents/{receipt.pk}/download/"
    assert api(province.other_staff).get(download).status_code == 404
    assert api(province.outsider).get(download).status_code == 404
    assert api().get(download).status_code == 401


def test_the_person_registry_names_the_certificate_in_force(api, province, issued):
    from agencies.models import Person
    from documents import builders
    from documents.services import document_correct

    initiative, _receipt, certificate = issued
    person = Person.objects.create(full_name="Nguyễn Thị Lan", agency=province.stp)
    initiative.authors.filter(pk=certificate.author_id).update(person=person)
    url = f"/api/v1/persons/{person.pk}/recognitions/"

    [row] = api(province.outsider).get(url).json()["results"]
    assert row["certificate_number"] == "001/GCN-SKKN"

    build = builders.certificate_builder(initiative=initiative, author=certificate.author)
    document_correct(document=certificate, build=build)
    [row] = api(province.outsider).get(url).json()["results"]
    assert row["certificate_number"] == "001/GCN-SKKN"  # the corrected version keeps it
