"""Quyết định thành lập Hội đồng sáng kiến: the Word draft lists every member; a leader issues
the PDF once from the councils page (again only after a change, as the next version); the
members, reviewers and leaders download it; nobody else learns it exists."""

import io
import unicodedata

import pytest
from django.urls import reverse
from docx import Document as Docx

from common.exceptions import Conflict
from documents.council_docs import council_decision_issue, current_decision
from documents.models import Document, DocumentKind
from documents.wording import date_in_words

from .helpers import embedded_fonts, is_a4, page_sizes, pdf_text

pytestmark = pytest.mark.django_db


def docx_text(content: bytes) -> str:
    doc = Docx(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return unicodedata.normalize("NFC", "\n".join(parts))


@pytest.fixture
def council(province):
    """The provincial council with an outside expert, positions entered."""
    body = province.council_body
    body.members.filter(user=province.council[1]).update(position="Giám đốc Sở Nội vụ")
    province.seat(full_name="Trịnh Văn Khoa", role="expert", position="Trường Đại học Thái Nguyên")
    return body


def get(client, user, name, council):
    client.force_login(user)
    return client.get(reverse(f"documents:{name}", args=[council.pk]))


def test_the_word_draft_lists_every_member_with_role_and_position(client, province, council):
    response = get(client, province.reviewer, "council_decision_draft", council)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    text = docx_text(b"".join(response.streaming_content))
    assert "{{" not in text and "{%" not in text and "}}" not in text
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "ỦY BAN NHÂN DÂN",
        "TỈNH THÁI NGUYÊN",
        "Số: 1234/QĐ-UBND",
        f"Thái Nguyên, {date_in_words(council.decision_date)}",
        "Về việc thành lập Hội đồng sáng kiến tỉnh",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN",
        "Điều 1. Thành lập Hội đồng sáng kiến tỉnh gồm 4 thành viên có tên sau đây:",
        "Vũ Thị Mai",
        "Giám đốc Sở Nội vụ",
        "Chủ tịch",
        "Ủy viên thư ký",
        "Đỗ Quang Vinh",
        "Hoàng Văn Nam",
        "Trịnh Văn Khoa",
        "Trường Đại học Thái Nguyên",
        "Chủ tịch UBND tỉnh",
    ):
        assert expected in text, expected
    rows = (
        Docx(
            io.BytesIO(
                b"".join(
                    get(
                        client, province.leader, "council_decision_draft", council
                    ).streaming_content
                )
            )
        )
        .tables[1]
        .rows
    )
    assert [row.cells[1].text for row in rows[1:]] == [
        "Vũ Thị Mai", "Đỗ Quang Vinh", "Hoàng Văn Nam", "Trịnh Văn Khoa"
    ]  # fmt: skip


def test_a_leader_issues_the_pdf_with_the_councils_own_number(client, province, council):
    client.force_login(province.leader)
    response = client.post(reverse("documents:council_decision_issue", args=[council.pk]))

    assert response.status_code == 302
    document = current_decision(council)
    assert document.kind == DocumentKind.COUNCIL_DECISION and document.council == council
    assert document.number == "1234/QĐ-UBND" and document.version == 1
    assert document.issued_by == province.leader
    text = pdf_text(document)
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "TỈNH THÁI NGUYÊN",
        "Số: 1234/QĐ-UBND",
        f"Thái Nguyên, {date_in_words(council.decision_date)}",
        "QUYẾT ĐỊNH",
        "Về việc thành lập Hội đồng sáng kiến tỉnh",
        "gồm 4 thành viên",
        "Vũ Thị Mai",
        "Giám đốc Sở Nội vụ",
        "Trịnh Văn Khoa",
        "Chuyên gia",
        "Chủ tịch UBND tỉnh",
    ):
        assert expected in text, expected
    assert any("Liberation-Serif" in name for name in embedded_fonts(document))
    assert all(is_a4(size) for size in page_sizes(document))
    page = client.get(reverse("workflow:councils"))
    assert reverse("documents:council_decision", args=[council.pk]) in page.content.decode()


def test_issuing_again_unchanged_is_refused_and_after_a_change_is_a_new_version(province, council):
    first = council_decision_issue(council=council, actor=province.leader)

    with pytest.raises(Conflict):
        council_decision_issue(council=council, actor=province.leader)
    assert Document.objects.filter(kind=DocumentKind.COUNCIL_DECISION).count() == 1

    province.seat(full_name="Lê Thị Thu", role="member", position="Sở Tài chính")
    second = council_decision_issue(council=council, actor=province.leader)

    first.refresh_from_db()
    assert first.status == Document.Status.SUPERSEDED
    assert second.version == 2 and second.supersedes == first
    assert second.number == first.number
    assert "Lê Thị Thu" in pdf_text(second) and "Lê Thị Thu" not in pdf_text(first)
    assert current_decision(council) == second


def test_only_leaders_issue(client, province, council):
    for user in (province.reviewer, province.council[0], province.staff):
        client.force_login(user)
        response = client.post(reverse("documents:council_decision_issue", args=[council.pk]))
        assert response.status_code == 404, user
    assert current_decision(council) is None


@pytest.mark.parametrize(
    ("who", "draft", "pdf"),
    [
        ("leader", 200, 200),
        ("reviewer", 200, 200),
        ("secretary", 404, 200),
        ("member", 404, 200),
        ("agency_staff", 404, 404),
        ("outsider", 404, 404),
        ("other_council_member", 404, 404),
    ],
)
def test_who_downloads_the_draft_and_the_decision(client, province, council, who, draft, pdf):
    council_decision_issue(council=council, actor=province.leader)
    user = {
        "leader": province.leader,
        "reviewer": province.reviewer,
        "secretary": province.council[0],
        "member": province.council[1],
        "agency_staff": province.staff,
        "outsider": province.outsider,
        "other_council_member": province.council_stp,
    }[who]

    assert get(client, user, "council_decision_draft", council).status_code == draft
    assert get(client, user, "council_decision", council).status_code == pdf


def test_the_decision_is_404_before_it_is_issued(client, province, council):
    assert get(client, province.council[1], "council_decision", council).status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, council):
    response = client.get(reverse("documents:council_decision", args=[council.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
