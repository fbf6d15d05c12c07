"""The notices issued on the workflow's acts: the revision request, the refusal of the
application (reject, expire) and the non-recognition — each a numbered PDF to the agency."""

from datetime import timedelta

import pytest
import time_machine

from common import clock
from documents import issuing
from documents.models import Document, DocumentKind
from documents.wording import date_in_words
from workflow.services import initiative_expire

from .conftest import act
from .helpers import embedded_fonts, is_a4, page_sizes, pdf_text

pytestmark = pytest.mark.django_db

FIXED = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "THÔNG BÁO",
    "Nơi nhận:",
    "Kính gửi: Sở Tư pháp.",
)


def text_of(document) -> str:
    """The PDF's text; a line may break after the slash of "13/2012/NĐ-CP"."""
    return pdf_text(document).replace("/ ", "/")


def assert_pdf(document, *expected):
    text = text_of(document)
    for fixed in (*FIXED, f"Số: {document.number}", *expected):
        assert fixed in text, f"{fixed!r} not in {text!r}"
    assert any("Liberation-Serif" in name for name in embedded_fonts(document))
    assert all(is_a4(size) for size in page_sizes(document))
    return text


def test_a_revision_request_issues_the_notice_with_the_list_and_the_deadline(at_state):
    initiative = at_state("revision_requested")
    log = act(initiative, "request_revision")

    [notice] = issuing.issue_for_act(log.pk)

    due = initiative.revision_due
    assert notice.kind == DocumentKind.REVISION_NOTICE
    assert notice.number == "1/TB-SKHCN"
    assert notice.initiative == initiative and notice.log == log
    assert_pdf(
        notice,
        "UBND TỈNH THÁI NGUYÊN",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "Về việc yêu cầu sửa đổi, bổ sung đơn yêu cầu công nhận sáng kiến",
        "Căn cứ Điều 6 Điều lệ Sáng kiến ban hành kèm theo Nghị định số 13/2012/NĐ-CP "
        "ngày 02 tháng 3 năm 2012 của Chính phủ;",
        initiative.title,
        "1. Bổ sung biên bản họp hội đồng sáng kiến cơ sở và số liệu minh chứng.",
        f"Thời hạn sửa đổi, bổ sung: đến hết {date_in_words(due)} ({due:%d/%m/%Y}).",
        "Nguyễn Thị Lan, Trần Văn Hùng",
    )


def test_every_line_of_the_request_is_an_item_of_the_list(at_state, province):
    from workflow.services import initiative_request_revision

    initiative = at_state("department_review")
    initiative_request_revision(
        initiative=initiative,
        actor=province.reviewer,
        comment="- Bổ sung bản mô tả sáng kiến.\n- Ký xác nhận của thủ trưởng đơn vị.",
    )

    [notice] = issuing.issue_for_act(act(initiative, "request_revision").pk)

    text = pdf_text(notice)
    assert "1. Bổ sung bản mô tả sáng kiến." in text
    assert "2. Ký xác nhận của thủ trưởng đơn vị." in text


def test_issuing_the_notice_twice_makes_one_document(at_state):
    log = act(at_state("revision_requested"), "request_revision")

    first = issuing.issue_for_act(log.pk)
    second = issuing.issue_for_act(log.pk)

    assert [d.pk for d in first] == [d.pk for d in second]
    assert Document.objects.filter(kind=DocumentKind.REVISION_NOTICE).count() == 1


def test_notices_of_a_kind_are_numbered_on_without_gaps(at_state):
    numbers = [
        issuing.issue_for_act(act(at_state("revision_requested"), "request_revision").pk)[0].number
        for _ in range(2)
    ]
    assert numbers == ["1/TB-SKHCN", "2/TB-SKHCN"]


def test_a_refusal_issues_the_notice_with_its_grounds_reasons_and_the_appeal_right(at_state):
    initiative = at_state("refused")
    log = act(initiative, "reject")

    [notice] = issuing.issue_for_act(log.pk)

    last_day = clock.today() + timedelta(days=90)
    assert notice.kind == DocumentKind.REFUSAL_NOTICE
    assert_pdf(
        notice,
        "Về việc từ chối chấp nhận đơn yêu cầu công nhận sáng kiến",
        "Căn cứ từ chối:",
        "- Trùng với đơn đã nộp trước.",
        "- Nội dung trùng với sáng kiến đã được công nhận.",
        "có quyền khiếu nại theo quy định của Luật Khiếu nại trong thời hạn 90 ngày",
        f"(đến hết ngày {last_day:%d/%m/%Y})",
        initiative.title,
    )


def test_an_expired_request_issues_a_refusal_notice_naming_the_missed_deadline(at_state):
    initiative = at_state("revision_requested")
    due = initiative.revision_due
    with time_machine.travel(due + timedelta(days=2)):
        initiative_expire(initiative=initiative)
        [notice] = issuing.issue_for_act(act(initiative, "expire").pk)

    assert notice.kind == DocumentKind.REFUSAL_NOTICE
    assert_pdf(
        notice,
        "- Đơn vẫn chưa đầy đủ sau thời hạn sửa đổi, bổ sung.",
        f"không được sửa đổi, bổ sung trong thời hạn (đến hết ngày {due:%d/%m/%Y})",
        "(Thông báo điện tử do hệ thống cấp)",
    )


def test_a_decline_issues_the_non_recognition_notice_with_reasons_and_appeal(at_state):
    initiative = at_state("rejected")

    [notice] = issuing.issue_for_act(act(initiative, "decline").pk)

    assert notice.kind == DocumentKind.NON_RECOGNITION_NOTICE
    assert notice.number == "1/TB-UBND"
    assert_pdf(
        notice,
        "ỦY BAN NHÂN DÂN",
        "TỈNH THÁI NGUYÊN",
        "Về việc không công nhận sáng kiến",
        "Ủy ban nhân dân tỉnh Thái Nguyên thông báo không công nhận sáng kiến nêu trên.",
        "- Hiệu quả thực tế chưa được chứng minh.",
        "có quyền khiếu nại",
        "TM. ỦY BAN NHÂN DÂN",
    )
