"""The receipt (Giấy biên nhận đơn) issued on submit and resubmit."""

import hashlib

import pytest

from documents import issuing
from documents.models import Document, DocumentKind
from workflow.models import IntakeEntry, TransitionLog

from .helpers import embedded_fonts, is_a4, page_sizes, pdf_text

pytestmark = pytest.mark.django_db


def submit_log(initiative, transition="submit"):
    return TransitionLog.objects.filter(initiative=initiative, transition=transition).latest("id")


def test_submit_issues_a_receipt_with_the_intake_number_and_what_was_received(at_state):
    initiative = at_state("department_review")
    log = submit_log(initiative)

    [receipt] = issuing.issue_for_act(log.pk)

    intake = IntakeEntry.objects.get(initiative=initiative)
    assert receipt.kind == DocumentKind.RECEIPT
    assert receipt.number == f"{intake.number}/{intake.year}"
    text = pdf_text(receipt)
    for fixed in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND TỈNH THÁI NGUYÊN",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "GIẤY BIÊN NHẬN",
        "Đơn yêu cầu công nhận sáng kiến",
        f"Số: {receipt.number}",
        "Nơi nhận:",
        "Ngày hẹn trả kết quả:",
    ):
        assert fixed in text, fixed
    assert initiative.title in text
    assert "Sở Tư pháp" in text
    assert "Nguyễn Thị Lan, Trần Văn Hùng" in text
    assert "1. Đơn yêu cầu công nhận sáng kiến." in text
    assert "2. quyet-dinh-co-so.pdf (Quyết định công nhận sáng kiến cấp cơ sở)." in text
    assert intake.promised_result_on.strftime("%d/%m/%Y") in text
    assert "Thái Nguyên, ngày" in text
    assert receipt.sha256 == hashlib.sha256(receipt.file.open("rb").read()).hexdigest()


def test_the_receipt_embeds_the_shipped_font_on_a4(at_state):
    initiative = at_state("department_review")
    [receipt] = issuing.issue_for_act(submit_log(initiative).pk)

    assert any("Liberation-Serif" in name for name in embedded_fonts(receipt))
    assert all(is_a4(size) for size in page_sizes(receipt))


def test_issuing_the_same_act_twice_makes_one_receipt(at_state):
    initiative = at_state("department_review")
    log = submit_log(initiative)

    first = issuing.issue_for_act(log.pk)
    second = issuing.issue_for_act(log.pk)

    assert [d.pk for d in first] == [d.pk for d in second]
    assert Document.objects.filter(kind=DocumentKind.RECEIPT).count() == 1


def test_resubmission_issues_a_new_receipt_keeping_the_intake_number(at_state, province):
    from workflow.services import initiative_resubmit

    initiative = at_state("revision_requested")
    [first] = issuing.issue_for_act(submit_log(initiative).pk)
    initiative_resubmit(initiative=initiative, actor=province.staff)

    [second] = issuing.issue_for_act(submit_log(initiative, "resubmit").pk)

    assert second.pk != first.pk
    assert second.number == first.number
    assert "nộp lại sau khi sửa đổi, bổ sung lần 1" in pdf_text(second)


def test_submitting_through_the_api_issues_the_receipt_once_committed(
    draft, province, api, eager, django_capture_on_commit_callbacks
):
    from workflow.scenarios import attach_agency_decision

    attach_agency_decision(draft, province.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = api(province.staff).post(
            f"/api/v1/initiatives/{draft.pk}/transitions/submit/", {}, format="json"
        )

    assert response.status_code == 200, response.content
    [receipt] = Document.objects.filter(initiative=draft, kind=DocumentKind.RECEIPT)
    assert receipt.log == submit_log(draft)


def test_a_broker_outage_does_not_break_the_submission(
    draft, province, api, monkeypatch, django_capture_on_commit_callbacks
):
    from documents.tasks import issue_act_documents
    from workflow.scenarios import attach_agency_decision

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(issue_act_documents, "delay", broker_down)
    attach_agency_decision(draft, province.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = api(province.staff).post(
            f"/api/v1/initiatives/{draft.pk}/transitions/submit/", {}, format="json"
        )

    assert response.status_code == 200
    assert not Document.objects.exists()  # the sweeper issues it later (test_versions.py)
