"""Uploading the signed, stamped scan of a document a leader signs: from the dossier page (and the
councils page for a council's decision) and through the API. Reviewers and leaders upload it,
once; every refusal comes back as a message on the page (a status in the API) and leaves nothing
behind; the dossier's timeline says whose upload made the signed copy authoritative."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.council_docs import council_decision_issue
from documents.models import Document, DocumentKind
from documents.services import Rendered, document_attach_signed_scan, document_issue
from tests.malicious_files import docx
from tests.unchanged import nothing_changes
from workflow.models import TransitionLog

from .conftest import act
from .test_decisions import decide, recognition_decisions, round_of_two  # noqa: F401

pytestmark = pytest.mark.django_db

SCAN = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00"
)
NOT_A_SCAN = b"MZ\x90\x00 not a scan"
CONTENT = b"%PDF-1.7\n%%EOF\n"


def plain(document) -> Rendered:
    return Rendered(CONTENT, Document.Format.PDF, f"Văn bản {document.number}")


@pytest.fixture
def papers(at_state):
    """A recognized dossier with its recognition decision and its receipt (never signed)."""
    initiative = at_state("recognized")
    decision = document_issue(
        kind=DocumentKind.RECOGNITION_DECISION, act_key="t:decision", verifiable=True,
        number=initiative.decision_number, build=plain, initiative=initiative,
        log=act(initiative, "recognize"),
    )  # fmt: skip
    receipt = document_issue(kind=DocumentKind.RECEIPT, act_key="t:receipt", number="7/2026",
                             build=plain, initiative=initiative)  # fmt: skip
    return initiative, decision, receipt


def upload(content=SCAN, name="quyet-dinh-da-ky.pdf"):
    return SimpleUploadedFile(name, content)


def dossier_url(initiative):
    return reverse("workflow:detail", args=[initiative.pk])


def post_scan(client, user, document, content=SCAN, name="quyet-dinh-da-ky.pdf", confirm=True):
    client.force_login(user)
    data = {"file": upload(content, name)}
    if confirm:
        data["confirm"] = "1"
    return client.post(reverse("documents:signed_scan_upload", args=[document.pk]), data)


def page_messages(client, response) -> str:
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def scan_logs(initiative):
    return TransitionLog.objects.filter(initiative=initiative, transition="signed_scan")


# --- The dossier page -----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["reviewer", "leader"])
def test_reviewers_and_leaders_get_the_upload_form_for_signed_documents_only(
    who, client, province, papers
):
    initiative, decision, receipt = papers
    client.force_login(getattr(province, who))

    html = client.get(dossier_url(initiative)).content.decode()

    assert "Tải lên bản có chữ ký" in html
    assert reverse("documents:signed_scan_upload", args=[decision.pk]) in html
    assert reverse("documents:signed_scan_upload", args=[receipt.pk]) not in html
    assert 'accept=".pdf,.png,.jpg,.jpeg"' in html
    assert "không thể thay thế" in html  # the confirmation: it cannot be replaced later


def test_the_agency_sees_no_upload_form(client, province, papers):
    initiative, decision, _receipt = papers
    client.force_login(province.staff)

    html = client.get(dossier_url(initiative)).content.decode()

    assert reverse("documents:signed_scan_upload", args=[decision.pk]) not in html


def test_a_reviewer_uploads_the_signed_decision_from_the_dossier_page(client, province, papers):
    initiative, decision, _receipt = papers

    response = post_scan(client, province.reviewer, decision)

    assert response.status_code == 302 and response["Location"].startswith(dossier_url(initiative))
    decision.refresh_from_db()
    assert decision.signed_scan_sha256 == hashlib.sha256(SCAN).hexdigest()
    with decision.signed_scan.open("rb") as handle:
        assert handle.read() == SCAN
    html = page_messages(client, response)
    assert f"Bản có chữ ký của Quyết định công nhận số {decision.number} đã được tải lên" in html
    assert reverse("documents:signed_scan", args=[decision.pk]) in html  # the signed copy
    assert reverse("documents:signed_scan_upload", args=[decision.pk]) not in html  # no 2nd form
    # The timeline: who made the signed copy authoritative.
    [log] = scan_logs(initiative)
    assert log.actor == province.reviewer and log.source == log.target == "recognized"
    timeline = html[html.index('id="timeline"') :]
    assert (
        f"Bản có chữ ký của Quyết định công nhận số {decision.number} "
        f"đã được tải lên bởi {province.reviewer.get_full_name()}."
    ) in timeline
    assert "Đã tải lên bản có chữ ký" in timeline
    # The recognize entry links the decision's signed copy beside the issued file.
    start = timeline.index('data-transition="recognize"')
    recognize = timeline[start : timeline.index('data-transition="signed_scan"')]
    assert reverse("documents:signed_scan", args=[decision.pk]) in recognize


def test_a_picture_is_accepted_too(client, province, papers):
    _initiative, decision, _receipt = papers

    post_scan(client, province.leader, decision, PNG, "scan.png")

    decision.refresh_from_db()
    assert decision.signed_scan.name.endswith(".png")


def test_the_agency_may_not_upload_and_nothing_changes(client, province, papers):
    _initiative, decision, _receipt = papers

    with nothing_changes(decision):
        response = post_scan(client, province.staff, decision)

    assert "Chỉ chuyên viên thẩm định và lãnh đạo" in page_messages(client, response)


def test_who_cannot_see_the_dossier_gets_404(client, province, papers):
    _initiative, decision, _receipt = papers

    with nothing_changes(decision):
        assert post_scan(client, province.outsider, decision).status_code == 404


def test_anonymous_is_sent_to_log_in(client, papers):
    _initiative, decision, _receipt = papers
    url = reverse("documents:signed_scan_upload", args=[decision.pk])

    with nothing_changes(decision):
        response = client.post(url, {"file": upload(), "confirm": "1"})

    assert response.status_code == 302 and "login" in response["Location"]


def test_a_file_that_is_no_scan_is_refused_with_a_message(client, province, papers):
    initiative, decision, _receipt = papers

    with nothing_changes(decision):
        response = post_scan(client, province.reviewer, decision, NOT_A_SCAN, "virus.pdf")

    html = page_messages(client, response)
    assert "Nội dung tệp “virus.pdf” không thuộc định dạng được chấp nhận." in html
    assert not scan_logs(initiative).exists()


def test_a_word_file_is_no_scan(client, province, papers, settings):
    _initiative, decision, _receipt = papers
    with nothing_changes(decision):
        response = post_scan(client, province.reviewer, decision, docx(), "ban-ky.docx")

    assert "Bản quét có chữ ký phải là tệp PDF, PNG hoặc JPEG." in page_messages(client, response)


def test_a_file_too_big_is_refused_with_a_message(client, province, papers, settings):
    _initiative, decision, _receipt = papers
    settings.ATTACHMENT_MAX_BYTES = 20

    with nothing_changes(decision):
        response = post_scan(client, province.reviewer, decision)

    assert "giới hạn" in page_messages(client, response)


def test_a_second_upload_is_refused_and_the_first_scan_stays(client, province, papers):
    initiative, decision, _receipt = papers
    post_scan(client, province.reviewer, decision)
    decision.refresh_from_db()

    with nothing_changes(decision):
        response = post_scan(client, province.leader, decision, SCAN + b"%khac\n")

    assert "Văn bản này đã có bản quét có chữ ký." in page_messages(client, response)
    assert scan_logs(initiative).count() == 1


def test_without_the_confirmation_nothing_is_uploaded(client, province, papers):
    _initiative, decision, _receipt = papers

    with nothing_changes(decision):
        response = post_scan(client, province.reviewer, decision, confirm=False)

    assert "không thể thay thế" in page_messages(client, response)


def test_a_document_no_leader_signs_takes_no_scan(client, province, papers):
    _initiative, _decision, receipt = papers

    with nothing_changes(receipt):
        response = post_scan(client, province.reviewer, receipt)

    assert "Chỉ văn bản do lãnh đạo ký" in page_messages(client, response)


def test_the_dossier_page_keeps_its_query_budget(
    client, province, papers, django_assert_max_num_queries
):
    initiative, _decision, _receipt = papers
    for i in range(5):
        document_issue(kind=DocumentKind.CERTIFICATE, act_key=f"t:c{i}", build=plain,
                       verifiable=True, initiative=initiative)  # fmt: skip
    client.force_login(province.reviewer)

    with django_assert_max_num_queries(15):
        html = client.get(dossier_url(initiative)).content.decode()

    assert html.count("signed-scan-form") == 6


# --- A round's one decision: a line on each dossier's timeline --------------------------------


def test_the_round_decisions_scan_goes_on_every_dossiers_timeline(
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

    response = post_scan(client, province.reviewer, decision)

    assert response.status_code == 302
    for initiative in dossiers:
        assert scan_logs(initiative).get().data["number"] == "321/QĐ-UBND"
        html = client.get(dossier_url(initiative)).content.decode()
        assert reverse("documents:signed_scan", args=[decision.pk]) in html


# --- The council's decision, on the councils page ---------------------------------------------


@pytest.fixture
def council_decision(province):
    return council_decision_issue(council=province.council_body, actor=province.leader)


def test_the_councils_page_offers_the_upload_then_the_signed_copy(
    client, province, council_decision
):
    client.force_login(province.reviewer)
    councils = reverse("workflow:councils")
    url = reverse("documents:signed_scan_upload", args=[council_decision.pk])
    assert url in client.get(councils).content.decode()

    response = client.post(url, {"file": upload(), "confirm": "1", "next": councils})

    assert response.status_code == 302 and response["Location"] == councils
    html = client.get(councils).content.decode()
    assert reverse("documents:signed_scan", args=[council_decision.pk]) in html
    assert url not in html
    # The members the decision names read it; nobody else learns it exists.
    client.force_login(province.council[0])
    scan = client.get(reverse("documents:signed_scan", args=[council_decision.pk]))
    assert scan.status_code == 200 and b"".join(scan.streaming_content) == SCAN
    client.force_login(province.outsider)
    assert (
        client.get(reverse("documents:signed_scan", args=[council_decision.pk])).status_code == 404
    )


def test_a_council_member_may_not_upload_the_councils_decision(client, province, council_decision):
    with nothing_changes(council_decision):
        response = post_scan(client, province.council[0], council_decision)
    assert response.status_code == 302
    with nothing_changes(council_decision):
        assert post_scan(client, province.outsider, council_decision).status_code == 404


def test_a_next_elsewhere_is_not_followed(client, province, papers):
    initiative, decision, _receipt = papers
    client.force_login(province.reviewer)

    response = client.post(
        reverse("documents:signed_scan_upload", args=[decision.pk]),
        {"file": upload(), "confirm": "1", "next": "https://evil.example/"},
    )

    assert response["Location"].startswith(dossier_url(initiative))


# --- The API ---------------------------------------------------------------------------------


def api_post(api, user, document, content=SCAN, name="ban-ky.pdf"):
    client = api(user) if user else api()
    return client.post(
        f"/api/v1/documents/{document.pk}/signed-scan/",
        {"file": upload(content, name)},
        format="multipart",
    )


def test_the_api_takes_the_scan_once(api, province, papers):
    initiative, decision, _receipt = papers

    response = api_post(api, province.reviewer, decision)

    assert response.status_code == 201
    body = response.json()
    assert body["id"] == decision.pk and body["kind"] == "recognition_decision"
    assert body["signed_scan_sha256"] == hashlib.sha256(SCAN).hexdigest()
    scan = api(province.staff).get(body["signed_scan_url"])
    assert scan.status_code == 200 and b"".join(scan.streaming_content) == SCAN
    assert scan_logs(initiative).count() == 1
    decision.refresh_from_db()
    with nothing_changes(decision):
        again = api_post(api, province.leader, decision, SCAN + b"%x\n")
    assert again.status_code == 409
    assert again.json() == {"detail": "Văn bản này đã có bản quét có chữ ký.", "status": "issued"}


def test_the_api_refusals(api, province, papers, settings):
    _initiative, decision, receipt = papers

    with nothing_changes(decision, receipt):
        bad = api_post(api, province.reviewer, decision, NOT_A_SCAN, "virus.pdf")
        assert bad.status_code == 400 and "virus.pdf" in bad.json()["file"][0]
        missing = api(province.reviewer).post(
            f"/api/v1/documents/{decision.pk}/signed-scan/", {}, format="multipart"
        )
        assert missing.status_code == 400 and "file" in missing.json()
        unsigned = api_post(api, province.reviewer, receipt)
        assert unsigned.status_code == 400
        assert "Chỉ văn bản do lãnh đạo ký" in unsigned.json()["non_field_errors"][0]
        forbidden = api_post(api, province.staff, decision)
        assert forbidden.status_code == 403 and "detail" in forbidden.json()
        assert api_post(api, province.outsider, decision).status_code == 404
        assert api_post(api, province.outsider, receipt).status_code == 404
        assert api_post(api, None, decision).status_code == 401
        settings.ATTACHMENT_MAX_BYTES = 20
        assert api_post(api, province.reviewer, decision).status_code == 413


def test_the_service_refuses_a_word_draft_of_a_signed_kind(province, at_state):
    initiative = at_state("recognized")
    draft = document_issue(
        kind=DocumentKind.REVOCATION_DECISION, act_key="t:draft", number="9/QĐ-UBND",
        initiative=initiative,
        build=lambda d: Rendered(b"PK\x03\x04", Document.Format.DOCX, "Dự thảo"),
    )  # fmt: skip
    from django.core.exceptions import ValidationError

    with nothing_changes(draft), pytest.raises(ValidationError):
        document_attach_signed_scan(document=draft, file=upload(), actor=province.reviewer)


# --- An agency's own (cơ sở) track ------------------------------------------------------------


def test_the_agency_head_uploads_the_signed_cơ_sở_decision_not_the_province(
    client, api, province, track, at_agency_state
):
    initiative = at_agency_state("recognized")
    decision = document_issue(
        kind=DocumentKind.RECOGNITION_DECISION, act_key="t:agency-decision", verifiable=True,
        number=initiative.decision_number, build=plain, initiative=initiative,
    )  # fmt: skip
    url = f"/api/v1/documents/{decision.pk}/signed-scan/"
    assert api(province.reviewer).post(url, {"file": upload()}).status_code == 404
    assert api(province.staff).post(url, {"file": upload()}).status_code == 403

    response = post_scan(client, track.head, decision)

    assert "bản có chữ ký" in page_messages(client, response).lower()
    decision.refresh_from_db()
    assert decision.signed_scan_sha256 == hashlib.sha256(SCAN).hexdigest()
