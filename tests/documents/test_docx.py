"""Word drafts: every placeholder filled, the Vietnamese text exact, one annex row per dossier."""

import io
import unicodedata

import pytest
from docx import Document as Docx

from common import clock
from documents.drafts import recognition_decision_docx
from documents.wording import date_in_words

pytestmark = pytest.mark.django_db


def all_text(content: bytes) -> str:
    doc = Docx(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return unicodedata.normalize("NFC", "\n".join(parts))


def test_the_recognition_decision_draft_is_filled(at_state, province):
    first = at_state("recognized")
    second = at_state("recognized", title="Liên thông thủ tục đăng ký khai sinh")
    when = clock.today()

    content = recognition_decision_docx(
        [first, second],
        number="125/QĐ-UBND",
        decision_date=when,
        signer_name="Nguyễn Văn A",
        signer_authority="vice_chairman",
    )

    text = all_text(content)
    assert "{{" not in text and "{%" not in text and "}}" not in text
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
        "TỈNH THÁI NGUYÊN",
        "Số: 125/QĐ-UBND",
        f"Thái Nguyên, {date_in_words(when)}",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN",
        "Điều 1. Công nhận 2 sáng kiến có phạm vi ảnh hưởng cấp tỉnh",
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn A",
        "DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN",
        first.title,
        "Liên thông thủ tục đăng ký khai sinh",
        "Nguyễn Thị Lan, Trần Văn Hùng",
    ):
        assert expected in text, expected
    annex = Docx(io.BytesIO(content)).tables[-1]
    assert [row.cells[0].text for row in annex.rows] == ["STT", "1", "2"]


def test_a_draft_without_number_and_date_leaves_dotted_blanks(at_state):
    content = recognition_decision_docx([at_state("recognized")])

    text = all_text(content)
    assert "{{" not in text and "{%" not in text
    assert "Số: ....../QĐ-UBND" in text
    assert "Thái Nguyên, ngày ...... tháng ...... năm ......" in text


def test_a_template_a_province_replaced_is_used(at_state, tmp_path, monkeypatch):
    from docx import Document as NewDocx

    from documents import render

    custom = NewDocx()
    custom.add_paragraph("Mẫu riêng của tỉnh: {{ number }} — {{ count }} sáng kiến")
    custom.save(tmp_path / "recognition_decision.docx")
    monkeypatch.setattr(render, "DOCX_DIR", tmp_path)

    text = all_text(recognition_decision_docx([at_state("recognized")], number="9/QĐ-UBND"))

    assert text.strip() == "Mẫu riêng của tỉnh: 9/QĐ-UBND — 1 sáng kiến"
