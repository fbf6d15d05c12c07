"""The leader's decisions as documents: the recognition decision with its annexed list (one for a
whole round decided in one batch) and the decision revoking a recognition (PDF + Word draft)."""

import io
import unicodedata
from datetime import timedelta

import pytest
from docx import Document as Docx

from documents import issuing
from documents.models import Document, DocumentKind
from documents.wording import date_in_words
from tests.conftest import today
from workflow.models import RoundDossier
from workflow.round_decision import round_decide
from workflow.rounds import round_save

from .conftest import act
from .helpers import embedded_fonts, is_a4, page_sizes, pdf_text

pytestmark = pytest.mark.django_db

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Nơi nhận:")


def assert_pdf(document, *expected):
    text = pdf_text(document).replace("/ ", "/")
    for fixed in (*MOTTO, f"Số: {document.number}", *expected):
        assert fixed in text, f"{fixed!r} not in {text!r}"
    assert any("Liberation-Serif" in name for name in embedded_fonts(document))
    assert all(is_a4(size) for size in page_sizes(document))


def recognition_decisions():
    return Document.objects.filter(kind=DocumentKind.RECOGNITION_DECISION)


def test_recognizing_issues_the_decision_as_signed_with_its_annexed_list(at_state):
    initiative = at_state("recognized")
    initiative.benefit_amount_vnd = 380_000_000
    initiative.save(update_fields=["benefit_amount_vnd"])
    log = act(initiative, "recognize")

    documents = issuing.issue_for_act(log.pk)

    [decision] = [d for d in documents if d.kind == DocumentKind.RECOGNITION_DECISION]
    assert len([d for d in documents if d.kind == DocumentKind.CERTIFICATE]) == 2
    assert decision.number == initiative.decision_number
    assert decision.initiative == initiative and decision.verification_code
    assert_pdf(
        decision,
        "ỦY BAN NHÂN DÂN",
        "TỈNH THÁI NGUYÊN",
        "QUYẾT ĐỊNH",
        "Về việc công nhận sáng kiến",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN",
        "Điều 1. Công nhận 1 sáng kiến có phạm vi ảnh hưởng cấp tỉnh",
        "PHỤ LỤC",
        "DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN",
        f"(Kèm theo Quyết định số {initiative.decision_number} "
        f"{date_in_words(initiative.decision_date)}",
        initiative.title,
        "Nguyễn Thị Lan, Trần Văn Hùng",
        "380.000.000 đồng",
        initiative.signer_name,
        f"Mã xác thực: {decision.verification_code}",
    )


def test_issuing_the_recognition_twice_makes_one_decision(at_state):
    log = act(at_state("recognized"), "recognize")

    first = issuing.issue_for_act(log.pk)
    second = issuing.issue_for_act(log.pk)

    assert [d.pk for d in first] == [d.pk for d in second]
    assert recognition_decisions().count() == 1


@pytest.fixture
def round_of_two(province, at_state):
    made = round_save(
        actor=province.reviewer,
        data={"year": today().year, "number": 1, "title": "Đợt I",
              "opens_on": today() - timedelta(days=60), "closes_on": today() - timedelta(days=1),
              "council": None, "decided_on": None},
    )  # fmt: skip
    dossiers = [
        at_state("awaiting_decision"),
        at_state("awaiting_decision", title="Liên thông thủ tục đăng ký khai sinh"),
    ]
    for initiative in dossiers:
        RoundDossier.objects.create(round=made, initiative=initiative)
    return made, dossiers


def decide(province, made):
    round_decide(
        round=made,
        actor=province.leader,
        decision_number="321/QĐ-UBND",
        decision_date=today(),
        signer_name="Nguyễn Văn A",
        signer_authority="vice_chairman",
    )


def test_a_round_decision_is_one_document_listing_every_recognized_dossier(
    province, round_of_two, eager, django_capture_on_commit_callbacks
):
    made, dossiers = round_of_two
    with django_capture_on_commit_callbacks(execute=True):
        decide(province, made)
    for initiative in dossiers:  # a task run twice issues nothing new
        issuing.issue_for_act(act(initiative, "recognize").pk)

    [decision] = recognition_decisions()
    assert decision.number == "321/QĐ-UBND"
    assert decision.round == made and decision.initiative is None
    assert sorted(decision.data["dossiers"]) == sorted(d.pk for d in dossiers)
    assert_pdf(
        decision,
        "Điều 1. Công nhận 2 sáng kiến có phạm vi ảnh hưởng cấp tỉnh",
        dossiers[0].title,
        "Liên thông thủ tục đăng ký khai sinh",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn A",
    )


def test_the_round_decision_is_listed_and_downloadable_with_each_of_its_dossiers(
    province, round_of_two, api, eager, django_capture_on_commit_callbacks
):
    made, dossiers = round_of_two
    with django_capture_on_commit_callbacks(execute=True):
        decide(province, made)
    [decision] = recognition_decisions()

    for initiative in dossiers:
        response = api(province.staff).get(f"/api/v1/initiatives/{initiative.pk}/documents/")
        assert decision.pk in [d["id"] for d in response.json()]
    download = api(province.staff).get(f"/api/v1/documents/{decision.pk}/download/")
    assert download.status_code == 200


def test_a_revocation_issues_the_decision_naming_the_original_one_and_every_author(at_state):
    initiative = at_state("revoked")
    issuing.issue_for_act(act(initiative, "recognize").pk)
    log = act(initiative, "revoke")

    pdf, draft = issuing.issue_for_act(log.pk)

    initiative.refresh_from_db()
    assert pdf.kind == draft.kind == DocumentKind.REVOCATION_DECISION
    assert (pdf.format, draft.format) == ("pdf", "docx")
    assert pdf.number == initiative.revocation_number
    assert pdf.verification_code and pdf.status == Document.Status.ISSUED
    original = (
        f"Quyết định số {initiative.decision_number} ngày {initiative.decision_date:%d/%m/%Y}"
    )
    assert_pdf(
        pdf,
        "Về việc hủy bỏ công nhận sáng kiến",
        f"Căn cứ {original}",
        f"Điều 1. Hủy bỏ việc công nhận sáng kiến “{initiative.title}”",
        "- Sáng kiến sao chép giải pháp đã được bảo hộ; hủy bỏ quyết định công nhận.",
        "1. Nguyễn Thị Lan",
        "2. Trần Văn Hùng",
        "Các Giấy chứng nhận sáng kiến số 001/GCN-SKKN, 002/GCN-SKKN hết hiệu lực",
    )
    assert Document.objects.get(kind=DocumentKind.RECOGNITION_DECISION).status == "revoked"


def test_the_revocation_draft_is_a_filled_word_document(at_state):
    initiative = at_state("revoked")
    _pdf, draft = issuing.issue_for_act(act(initiative, "revoke").pk)

    doc = Docx(io.BytesIO(draft.file.open("rb").read()))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    text = unicodedata.normalize("NFC", "\n".join(parts))
    assert "{{" not in text and "{%" not in text and "}}" not in text
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"Số: {initiative.revocation_number}",
        "Về việc hủy bỏ công nhận sáng kiến",
        f"Hủy bỏ việc công nhận sáng kiến “{initiative.title}”",
        f"Quyết định số {initiative.decision_number}",
        "Nguyễn Thị Lan",
        "Trần Văn Hùng",
    ):
        assert expected in text, expected
    assert issuing.issue_for_act(act(initiative, "revoke").pk)[1].pk == draft.pk
