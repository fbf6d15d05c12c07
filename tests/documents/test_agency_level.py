"""Documents of an agency's own (cơ sở) track (issue 13): issued in the agency's name ("SỞ TƯ
PHÁP" at the top left, its head's signature), numbered in the agency's own books ("001/GCN-STP"),
which run beside the province's without touching them."""

import pytest

from documents import issuing
from documents.models import DocumentKind

from .conftest import act
from .helpers import pdf_text

pytestmark = pytest.mark.django_db


def issued(initiative, transition, kind):
    documents = issuing.issue_for_act(act(initiative, transition).pk)
    return [d for d in documents if d.kind == kind]


def test_a_cơ_sở_recognition_is_the_agencys_document(track, at_agency_state, at_state):
    initiative = at_agency_state("recognized")
    provincial = at_state("recognized")

    certificates = issued(initiative, "recognize", DocumentKind.CERTIFICATE)
    provincial_certificates = issued(provincial, "recognize", DocumentKind.CERTIFICATE)

    assert [c.number for c in certificates] == ["001/GCN-STP", "002/GCN-STP"]
    assert [c.number for c in provincial_certificates] == ["001/GCN-SKKN", "002/GCN-SKKN"]
    text = pdf_text(certificates[0])
    assert "SỞ TƯ PHÁP" in text and "cấp cơ sở" in text
    [decision] = issued(initiative, "recognize", DocumentKind.RECOGNITION_DECISION)
    decision_text = pdf_text(decision)
    assert "SỞ TƯ PHÁP" in decision_text and "GIÁM ĐỐC" in decision_text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" not in decision_text
    assert "Theo đề nghị của Hội đồng sáng kiến Sở Tư pháp" in decision_text
    assert "Sở Khoa học và Công nghệ" not in decision_text


def test_the_agencys_receipt_minutes_and_refusal(track, at_agency_state):
    accepted = at_agency_state("awaiting_decision")
    [receipt] = issued(accepted, "submit", DocumentKind.RECEIPT)
    receipt_text = pdf_text(receipt)
    assert "SỞ TƯ PHÁP" in receipt_text and "SỞ KHOA HỌC VÀ CÔNG NGHỆ" not in receipt_text
    [minutes] = issued(accepted, "complete_scoring", DocumentKind.MINUTES)
    assert minutes.number.endswith("/BB-HĐSK-STP")
    assert "HỘI ĐỒNG SÁNG KIẾN SỞ TƯ PHÁP" in pdf_text(minutes)

    refused = at_agency_state("refused")
    [notice] = issued(refused, "reject", DocumentKind.REFUSAL_NOTICE)
    assert notice.number == "1/TB-STP"
    text = pdf_text(notice)
    assert "SỞ TƯ PHÁP" in text and "TL. THỦ TRƯỞNG" in text


def test_a_wards_decision_is_its_committees(province, at_state):
    from documents.wording import agency_body, head_title

    assert agency_body("UBND phường Phổ Yên") == {
        "parent": [], "body": ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHỔ YÊN"]
    }  # fmt: skip
    assert head_title("UBND phường Phổ Yên") == "Chủ tịch Ủy ban nhân dân phường Phổ Yên"
    assert agency_body("Sở Tư pháp")["body"] == ["SỞ TƯ PHÁP"]
    assert head_title("Sở Tư pháp") == "Thủ trưởng Sở Tư pháp"
