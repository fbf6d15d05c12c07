"""Regenerate the Word templates of documents/docx_templates/ (docxtpl placeholders inside).

    .venv/bin/python scripts/make_docx_templates.py

A province may instead edit the .docx files in Word and commit them: the code only fills the
placeholders ({{ name }}, {%tr for %} rows), so any layout keeping them works. The layout here is
NĐ 30/2020/NĐ-CP's: A4, margins 20/15/20/30 mm, Times New Roman 14 pt, the issuing body and
number at the top left, the national motto and the place and date at the top right.
"""

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

OUT = Path(__file__).resolve().parent.parent / "documents" / "docx_templates"
FONT = "Times New Roman"


def new_document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(3)
    return doc


def para(container, text="", *, bold=False, italic=False, size=None, align=None, underline=False):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    if size:
        run.font.size = Pt(size)
    return paragraph


def header(doc, issuer_lines, number, place_date):
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(70), Mm(95)
    center = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].text = ""
    for index, line in enumerate(issuer_lines):
        target = left.paragraphs[0] if index == 0 else left.add_paragraph()
        target.alignment = center
        run = target.add_run(line)
        run.bold = index == len(issuer_lines) - 1
        run.font.size = Pt(13)
    para(left, number, size=13, align=center)
    right.paragraphs[0].alignment = center
    country = right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    country.bold, country.font.size = True, Pt(13)
    para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, underline=True, align=center)
    para(right, place_date, italic=True, align=center)


def footer(doc, recipients, authority_lines, name):
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("Nơi nhận:").bold = True
    left.paragraphs[0].runs[0].italic = True
    for line in recipients:
        para(left, line, size=11)
    center = WD_ALIGN_PARAGRAPH.CENTER
    right.paragraphs[0].alignment = center
    for index, line in enumerate(authority_lines):
        target = right.paragraphs[0] if index == 0 else right.add_paragraph()
        target.alignment = center
        target.add_run(line).bold = True
    for _ in range(3):
        para(right, "")
    para(right, name, bold=True, align=center)


def recognition_decision():
    """Quyết định công nhận sáng kiến, with the annexed list (Phụ lục) of the initiatives."""
    doc = new_document()
    header(
        doc,
        ["ỦY BAN NHÂN DÂN", "{{ province_upper }}"],
        "Số: {{ number }}",
        "{{ place_date }}",
    )
    center = WD_ALIGN_PARAGRAPH.CENTER
    para(doc, "QUYẾT ĐỊNH", bold=True, align=center)
    para(doc, "Về việc công nhận sáng kiến {{ period }}", bold=True, align=center)
    para(doc, "", align=center)
    para(doc, "CHỦ TỊCH ỦY BAN NHÂN DÂN {{ province_upper }}", bold=True, align=center)
    for line in (
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Căn cứ Nghị định số 13/2012/NĐ-CP ngày 02 tháng 3 năm 2012 của Chính phủ ban hành "
        "Điều lệ Sáng kiến;",
        "Căn cứ Thông tư số 18/2013/TT-BKHCN ngày 01 tháng 8 năm 2013 của Bộ trưởng Bộ Khoa "
        "học và Công nghệ hướng dẫn thi hành một số quy định của Điều lệ Sáng kiến;",
        "Theo đề nghị của Hội đồng sáng kiến {{ council_name }}.",
    ):
        para(doc, line, italic=True)
    para(doc, "QUYẾT ĐỊNH:", bold=True, align=center)
    para(
        doc,
        "Điều 1. Công nhận {{ count }} sáng kiến có phạm vi ảnh hưởng {{ scope }} "
        "(có danh sách kèm theo).",
    )
    para(doc, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    para(
        doc,
        "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Khoa học và Công nghệ, thủ trưởng "
        "các cơ quan, đơn vị và các tác giả có tên tại Điều 1 chịu trách nhiệm thi hành "
        "Quyết định này.",
    )
    footer(
        doc,
        ["- Như Điều 3;", "- Lưu: VT."],
        ["{{ authority_first }}", "{{ authority_second }}"],
        "{{ signer_name }}",
    )
    doc.add_page_break()
    para(doc, "DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN", bold=True, align=center)
    para(doc, "(Kèm theo Quyết định số {{ number }} {{ date_words }})", italic=True, align=center)
    table = doc.add_table(rows=4, cols=5)
    table.style = "Table Grid"
    titles = ("STT", "Tên sáng kiến", "Tác giả", "Cơ quan, đơn vị", "Mã hồ sơ")
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.paragraphs[0].add_run(title).bold = True
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for item in items %}")
    values = ("{{ item.index }}", "{{ item.title }}", "{{ item.authors }}",
              "{{ item.agency }}", "{{ item.code }}")  # fmt: skip
    for cell, value in zip(table.rows[2].cells, values, strict=True):
        cell.paragraphs[0].add_run(value)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    return doc


def council_decision():
    """Quyết định thành lập Hội đồng sáng kiến, with its members (name, role, position)."""
    doc = new_document()
    header(
        doc, ["{{ issuer_parent }}", "{{ issuer_body }}"], "Số: {{ number }}", "{{ place_date }}"
    )
    center = WD_ALIGN_PARAGRAPH.CENTER
    para(doc, "QUYẾT ĐỊNH", bold=True, align=center)
    para(doc, "Về việc thành lập {{ council_name }}", bold=True, align=center)
    para(doc, "", align=center)
    para(doc, "{{ decider_upper }}", bold=True, align=center)
    for line in (
        "Căn cứ Nghị định số 13/2012/NĐ-CP ngày 02 tháng 3 năm 2012 của Chính phủ ban hành "
        "Điều lệ Sáng kiến;",
        "Căn cứ Thông tư số 18/2013/TT-BKHCN ngày 01 tháng 8 năm 2013 của Bộ trưởng Bộ Khoa "
        "học và Công nghệ hướng dẫn thi hành một số quy định của Điều lệ Sáng kiến;",
        "Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ.",
    ):
        para(doc, line, italic=True)
    para(doc, "QUYẾT ĐỊNH:", bold=True, align=center)
    para(doc, "Điều 1. Thành lập {{ council_name }} gồm {{ count }} thành viên có tên sau đây:")
    table = doc.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    titles = ("STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Nhiệm vụ trong Hội đồng")
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.paragraphs[0].add_run(title).bold = True
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for member in members %}")
    values = ("{{ member.index }}", "{{ member.name }}", "{{ member.position }}",
              "{{ member.role }}")  # fmt: skip
    for cell, value in zip(table.rows[2].cells, values, strict=True):
        cell.paragraphs[0].add_run(value)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    para(
        doc,
        "Điều 2. Hội đồng có nhiệm vụ xem xét, đánh giá các sáng kiến đề nghị công nhận và "
        "kiến nghị người có thẩm quyền công nhận sáng kiến; Hội đồng làm việc theo nguyên tắc "
        "{{ voting }}, họp khi có ít nhất {{ quorum }} tổng số thành viên tham dự.",
    )
    para(doc, "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. {{ term }}")
    para(
        doc,
        "Điều 4. Thủ trưởng các cơ quan, đơn vị có liên quan và các thành viên có tên tại "
        "Điều 1 chịu trách nhiệm thi hành Quyết định này.",
    )
    footer(doc, ["- Như Điều 4;", "- Lưu: VT."], ["{{ authority }}"], "{{ signer_name }}")
    return doc


def round_proposal():
    """Tờ trình đề nghị công nhận sáng kiến: the standing office to the province's committee,
    listing the dossiers the council recommends in a round."""
    doc = new_document()
    header(
        doc, ["{{ issuer_parent }}", "{{ issuer_body }}"], "Số: {{ number }}", "{{ place_date }}"
    )
    center = WD_ALIGN_PARAGRAPH.CENTER
    para(doc, "TỜ TRÌNH", bold=True, align=center)
    para(doc, "Về việc đề nghị công nhận sáng kiến {{ round_title }}", bold=True, align=center)
    para(doc, "Kính gửi: Ủy ban nhân dân {{ province }}.", align=center)
    para(
        doc,
        "Căn cứ Nghị định số 13/2012/NĐ-CP ngày 02 tháng 3 năm 2012 của Chính phủ ban hành "
        "Điều lệ Sáng kiến và kết quả đánh giá của {{ council_name }}, {{ department }} kính "
        "trình Ủy ban nhân dân tỉnh xem xét, công nhận {{ count }} sáng kiến {{ round_title }} "
        "được Hội đồng đề nghị công nhận (danh sách dưới đây).",
    )
    table = doc.add_table(rows=4, cols=5)
    table.style = "Table Grid"
    titles = ("STT", "Tên sáng kiến", "Tác giả", "Cơ quan, đơn vị", "Điểm trung bình")
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.paragraphs[0].add_run(title).bold = True
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for item in items %}")
    values = ("{{ item.index }}", "{{ item.title }}", "{{ item.authors }}",
              "{{ item.agency }}", "{{ item.total }}")  # fmt: skip
    for cell, value in zip(table.rows[2].cells, values, strict=True):
        cell.paragraphs[0].add_run(value)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    para(doc, "{{ department }} kính trình Ủy ban nhân dân tỉnh xem xét, quyết định./.")
    footer(doc, ["- Như trên;", "- Lưu: VT."], ["GIÁM ĐỐC"], "{{ signer_name }}")
    return doc


def minutes():
    """Biên bản họp Hội đồng and Biên bản kiểm phiếu; under a secret ballot the tally only."""
    doc = new_document()
    header(
        doc, ["{{ issuer_parent }}", "{{ issuer_body }}"], "Số: {{ number }}", "{{ place_date }}"
    )
    center = WD_ALIGN_PARAGRAPH.CENTER
    para(doc, "BIÊN BẢN HỌP HỘI ĐỒNG", bold=True, align=center)
    para(doc, "Đánh giá sáng kiến: {{ initiative_title }}", bold=True, align=center)
    para(
        doc,
        "Hôm nay, {{ meeting_date }}, {{ council_name }} họp đánh giá sáng kiến "
        "{{ initiative_title }} của {{ agency }}.",
    )
    para(
        doc,
        "1. Thành phần tham dự: {{ present_count }}/{{ named }} thành viên (cần tối thiểu "
        "{{ needed }} thành viên): {{ present_names }}.",
    )
    para(doc, "2. Kết quả chấm điểm (điểm trung bình):")
    table = doc.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for cell, title in zip(
        table.rows[0].cells, ("Tiêu chí", "Điểm tối đa", "Điểm trung bình"), strict=True
    ):
        cell.paragraphs[0].add_run(title).bold = True
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for row in means %}")
    for cell, value in zip(
        table.rows[2].cells, ("{{ row.name }}", "{{ row.max }}", "{{ row.mean }}"), strict=True
    ):
        cell.paragraphs[0].add_run(value)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    para(doc, "Tổng điểm: {{ total }} (điểm đạt: {{ pass_total }}).")
    para(
        doc,
        "3. Kết quả biểu quyết ({{ voting }}): {{ agree }} phiếu đồng ý, {{ disagree }} phiếu "
        "không đồng ý, {{ not_voting }} không biểu quyết (trên tổng số {{ denominator }}).",
    )
    para(doc, "{{ votes_line }}")
    para(doc, "4. Kiến nghị của Hội đồng: {{ recommendation }}.")
    footer(
        doc, ["- Sở Khoa học và Công nghệ;", "- Lưu: VT."], ["THƯ KÝ HỘI ĐỒNG"], "{{ secretary }}"
    )
    return doc


def revocation_decision():
    """Quyết định hủy bỏ công nhận sáng kiến: the revoked initiative, its original decision,
    the reasons, and every author who had the recognition."""
    doc = new_document()
    header(
        doc,
        ["{{ issuer_parent }}", "{{ issuer_body }}"],
        "Số: {{ number }}",
        "{{ place_date }}",
    )
    center = WD_ALIGN_PARAGRAPH.CENTER
    para(doc, "QUYẾT ĐỊNH", bold=True, align=center)
    para(doc, "Về việc hủy bỏ công nhận sáng kiến", bold=True, align=center)
    para(doc, "", align=center)
    para(doc, "{{ decider_upper }}", bold=True, align=center)
    for line in (
        "Căn cứ {{ legal_basis }};",
        "Căn cứ Quyết định số {{ original_number }} ngày {{ original_date }} của {{ decider }} "
        "về việc công nhận sáng kiến;",
    ):
        para(doc, line, italic=True)
    para(doc, "QUYẾT ĐỊNH:", bold=True, align=center)
    para(
        doc,
        "Điều 1. Hủy bỏ việc công nhận sáng kiến “{{ initiative_title }}” (mã hồ sơ {{ code }}) "
        "của {{ agency }}, đã được công nhận tại Quyết định số {{ original_number }} ngày "
        "{{ original_date }}. Lý do: {{ reason_text }}",
    )
    para(
        doc,
        "Điều 2. Các tác giả sau đây không còn được hưởng các quyền lợi của tác giả sáng kiến "
        "được công nhận (các Giấy chứng nhận sáng kiến số {{ certificates }} hết hiệu lực):",
    )
    table = doc.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    titles = ("STT", "Họ và tên", "Chức danh", "Nơi công tác")
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.paragraphs[0].add_run(title).bold = True
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for author in authors %}")
    values = ("{{ author.index }}", "{{ author.name }}", "{{ author.position }}",
              "{{ author.workplace }}")  # fmt: skip
    for cell, value in zip(table.rows[2].cells, values, strict=True):
        cell.paragraphs[0].add_run(value)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    para(
        doc,
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. {{ agency }}, các tác giả có tên tại "
        "Điều 2 và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.",
    )
    footer(
        doc,
        ["- Như Điều 3;", "- Lưu: VT."],
        ["{{ authority_first }}", "{{ authority_second }}"],
        "{{ signer_name }}",
    )
    return doc


TEMPLATES = {
    "recognition_decision.docx": recognition_decision,
    "council_decision.docx": council_decision,
    "round_proposal.docx": round_proposal,
    "minutes.docx": minutes,
    "revocation_decision.docx": revocation_decision,
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in TEMPLATES.items():
        make().save(OUT / name)
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
