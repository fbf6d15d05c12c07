"""Recognise an uploaded file by its content, never by its name or the browser's claim."""

import zipfile

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

ALLOWED_TYPES = {PDF: "pdf", PNG: "png", JPEG: "jpg", DOCX: "docx", XLSX: "xlsx"}

# An OOXML package is a zip; the part that names its main document tells Word from Excel.
_OOXML_MARKERS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}


def sniff_content_type(fileobj) -> str | None:
    """Return the MIME type of an allowed file, or None when the content is anything else."""
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _sniff_ooxml(fileobj)
    return None


def _sniff_ooxml(fileobj) -> str | None:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        fileobj.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if any(name.endswith("vbaProject.bin") for name in names):
        return None  # macro-enabled documents are not accepted
    for marker, content_type in _OOXML_MARKERS.items():
        if marker in names:
            return content_type
    return None
