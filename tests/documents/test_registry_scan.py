"""The public registry links the signed, stamped scan of the recognition decision once it is
uploaded — the authoritative copy of a public act, open to anyone — and nothing else of the
dossier's documents; the registry's query count does not grow with it."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Document, DocumentKind
from documents.services import Rendered, document_attach_signed_scan, document_issue
from initiatives.models import Initiative
from tests.initiatives.registry_data import API, REGISTRY, detail_url
from tests.initiatives.test_registry import count_queries, grow_registry

from .test_decisions import decide, recognition_decisions, round_of_two  # noqa: F401

pytestmark = pytest.mark.django_db

SCAN = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def plain(document) -> Rendered:
    return Rendered(b"%PDF-1.7\n%%EOF\n", Document.Format.PDF, "Văn bản")


def issue(initiative, kind=DocumentKind.RECOGNITION_DECISION, **about):
    return document_issue(
        kind=kind, act_key=f"t:{kind}:{initiative.pk}", verifiable=True,
        number=initiative.decision_number if kind == DocumentKind.RECOGNITION_DECISION else None,
        build=plain, initiative=initiative, **about,
    )  # fmt: skip


def sign(document, user):
    return document_attach_signed_scan(
        document=document, file=SimpleUploadedFile("ky.pdf", SCAN), actor=user
    )


def scan_url(initiative):
    return reverse("documents:registry_decision_scan", args=[initiative.pk])


def api_row(api, initiative):
    [row] = [r for r in api().get(API).json()["results"] if r["id"] == initiative.pk]
    return row


def test_the_registry_links_the_signed_decision_once_uploaded(client, api, province, at_state):
    initiative = at_state("recognized")
    decision = issue(initiative)
    assert scan_url(initiative) not in client.get(REGISTRY).content.decode()
    assert scan_url(initiative) not in client.get(detail_url(initiative)).content.decode()
    assert api_row(api, initiative)["signed_decision_url"] is None
    assert client.get(scan_url(initiative)).status_code == 404

    sign(decision, province.reviewer)

    for page in (REGISTRY, detail_url(initiative)):
        html = client.get(page).content.decode()
        assert scan_url(initiative) in html and "Quyết định đã ký" in html
    assert api_row(api, initiative)["signed_decision_url"] == scan_url(initiative)
    response = client.get(scan_url(initiative))  # anyone, no login
    assert response.status_code == 200 and b"".join(response.streaming_content) == SCAN
    assert "attachment" in response["Content-Disposition"]


def test_only_the_recognition_decisions_scan_is_public(client, api, province, at_state):
    initiative = at_state("recognized")
    issue(initiative)  # the decision, not signed yet
    certificate = issue(initiative, DocumentKind.CERTIFICATE, author=initiative.authors.first())
    sign(certificate, province.reviewer)

    assert scan_url(initiative) not in client.get(REGISTRY).content.decode()
    assert api_row(api, initiative)["signed_decision_url"] is None
    assert client.get(scan_url(initiative)).status_code == 404
    # The certificate's own scan stays with the dossier's visibility.
    signed = reverse("documents:signed_scan", args=[certificate.pk])
    assert client.get(signed).status_code == 302  # to the login page


def test_a_dossier_outside_the_registry_has_no_public_scan(client, province, at_state):
    initiative = at_state("recognized")
    sign(issue(initiative), province.reviewer)
    Initiative.objects.filter(pk=initiative.pk).update(status="revoked")  # out of the registry

    assert client.get(scan_url(initiative)).status_code == 404


def test_a_round_decisions_scan_is_linked_from_each_dossier_it_recognized(
    client,
    province,
    round_of_two,  # noqa: F811
    eager,
    django_capture_on_commit_callbacks,
):
    made, dossiers = round_of_two
    with django_capture_on_commit_callbacks(execute=True):
        decide(province, made)
    [decision] = recognition_decisions()
    decision = sign(decision, province.leader)

    html = client.get(REGISTRY).content.decode()
    for initiative in dossiers:
        assert scan_url(initiative) in html
        response = client.get(scan_url(initiative))
        assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == (
            decision.signed_scan_sha256
        )


@pytest.mark.parametrize("url", [REGISTRY, API])
def test_the_registry_query_count_does_not_change_with_signed_decisions(
    url, client, province, at_state
):
    grow_registry(province, 5)
    plain_count = count_queries(client, url)
    for i in range(3):
        initiative = at_state("recognized", title=f"Sáng kiến đã ký {i}")
        sign(issue(initiative), province.reviewer)

    assert count_queries(client, url) == plain_count


def test_the_registry_detail_query_count_does_not_change(client, province, at_state):
    initiative = at_state("recognized")
    decision = issue(initiative)
    before = count_queries(client, detail_url(initiative))
    sign(decision, province.reviewer)

    assert count_queries(client, detail_url(initiative)) == before
