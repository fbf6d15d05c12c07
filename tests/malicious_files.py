"""Hostile uploads, built in the test with zipfile: what an attacker would send instead of a
Word file or a picture. Each comes with the (Vietnamese) reason the upload must be refused."""

import functools
import io
import os
import struct
import zipfile
from pathlib import Path

from django.conf import settings

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
HTML = b"<!doctype html><script>fetch('/api/v1/me/').then(r => r.text()).then(alert)</script>"
MB = 1024 * 1024


def docx(*extra, document=b"<w:document/>") -> bytes:
    """A minimal Word package, plus (name, bytes) entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
        for name, content in extra:
            archive.writestr(name, content)
    return buffer.getvalue()


def _zeros_part(archive, name, megabytes):
    with archive.open(name, "w", force_zip64=True) as part:
        chunk = bytes(MB)
        for _ in range(megabytes):
            part.write(chunk)


@functools.cache
def zip_bomb_docx() -> bytes:
    """About 300 KB on the wire, 300 MB once Word unpacks it: a run of zeros, deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        _zeros_part(archive, "word/document.xml", 300)
    return buffer.getvalue()


def ratio_bomb_docx() -> bytes:
    """Under every size limit, but one part is compressed a thousand times: hidden among
    incompressible pictures so the package as a whole looks ordinary."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        _zeros_part(archive, "word/document.xml", 20)
        archive.writestr("word/media/image1.png", os.urandom(400 * 1024))
    return buffer.getvalue()


def many_parts_docx(count=1001) -> bytes:
    return docx(*((f"customXml/item{i}.xml", b"<a/>") for i in range(count)))


def truncated_docx() -> bytes:
    return docx()[:-30]  # the end of the central directory is gone


def two_faced_docx() -> bytes:
    """The central directory names word/document.xml; the entry itself is another part."""
    data = bytearray(docx())
    at = data.index(b"word/document.xml")  # local headers come before the directory
    data[at : at + 17] = b"word/documenX.xml"
    return bytes(data)


def png(width, height) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I4sII", 13, b"IHDR", width, height) + bytes(40)


def jpeg(width, height) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    frame = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + bytes(9)
    return b"\xff\xd8" + app0 + frame + b"\xff\xd9"


# (file name, content builder, words the refusal must say)
HOSTILE = [
    ("bomb.docx", zip_bomb_docx, "khi giải nén, tệp có dung lượng 300,0\xa0MB"),
    ("ti-le.docx", ratio_bomb_docx, "“word/document.xml” có tỷ lệ nén"),
    ("nhieu.docx", many_parts_docx, "tệp chứa 1003 thành phần, vượt quá giới hạn 1000"),
    (
        "setup.docx",
        lambda: docx(("word/media/setup.exe", b"MZ\x90\x00")),
        "tệp chứa chương trình hoặc mã lệnh: “word/media/setup.exe”",
    ),
    (
        "script.docx",
        lambda: docx(("customXml/run.ps1", b"Invoke-WebRequest")),
        "tệp chứa chương trình hoặc mã lệnh: “customXml/run.ps1”",
    ),
    (
        "leo-thu-muc.docx",
        lambda: docx(("../../../etc/cron.d/x.xml", b"* * * * * root sh")),
        "đường dẫn không an toàn: “../../../etc/cron.d/x.xml”",
    ),
    (
        "tuyet-doi.docx",
        lambda: docx(("/tmp/x.xml", b"<a/>")),
        "đường dẫn không an toàn: “/tmp/x.xml”",
    ),
    (
        "ole.docx",
        lambda: docx(("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0")),
        "tệp chứa đối tượng nhúng hoặc điều khiển “word/embeddings/oleObject1.bin”",
    ),
    ("hong.docx", truncated_docx, "tệp bị hỏng"),
    ("hai-mat.docx", two_faced_docx, "tệp bị hỏng"),
    ("khong-lo.png", lambda: png(100_000, 100_000), "ảnh có kích thước 100000 × 100000"),
    ("khong-lo.jpg", lambda: jpeg(60_000, 60_000), "ảnh có kích thước 60000 × 60000"),
]


def stored_files(under: str = "") -> list[Path]:
    """Every file under MEDIA_ROOT (or one of its folders, e.g. "evidence")."""
    root = Path(settings.MEDIA_ROOT) / under
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []
