"""Reading generated documents back, as a person or a program receiving them would."""

import io
import unicodedata

from pypdf import PdfReader

A4 = (595.28, 841.89)


def pdf_reader(document) -> PdfReader:
    with document.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def pdf_text(document) -> str:
    """The text of every page, NFC, with runs of white space made single spaces (a line break
    in the layout is a space in the sentence)."""
    reader = pdf_reader(document)
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def embedded_fonts(document) -> set[str]:
    """The base names of the fonts embedded in the PDF (a FontFile2 in their descriptor)."""
    names = set()
    for page in pdf_reader(document).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor and "/FontFile2" in descriptor.get_object():
                    names.add(str(descendant.get_object()["/BaseFont"]))
    return names


def page_sizes(document) -> list[tuple[float, float]]:
    return [
        (float(page.mediabox.width), float(page.mediabox.height))
        for page in pdf_reader(document).pages
    ]


def is_a4(size) -> bool:
    return abs(size[0] - A4[0]) <= 1 and abs(size[1] - A4[1]) <= 1
