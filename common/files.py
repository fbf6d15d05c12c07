"""Uploaded files: recognised by their content, never by their name or the browser's claim;
checked before they are stored; offered back for download under a clean name.

PDF, PNG and JPEG are recognised by their magic number. Pictures are also measured from their
header (a "pixel bomb" — a small file claiming 100,000 × 100,000 pixels — would stall whoever
opens it); a header that cannot be read is left alone, since the server never decodes images.
PDFs are not parsed: they are only ever served as downloads (Content-Disposition: attachment,
nosniff, a sandboxing CSP). Word and Excel files are zips, checked by common.ooxml.
"""

import struct

from django.conf import settings
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _

from .ooxml import DOCX, XLSX, Refused, check_ooxml
from .text import printable

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
ZIP = "application/zip"

# The extension a stored file gets, by the type its content was recognised as.
ALLOWED_TYPES = {PDF: "pdf", PNG: "png", JPEG: "jpg", DOCX: "docx", XLSX: "xlsx"}
# What the server itself builds and serves, never accepts as an upload: a zip of documents.
SERVED_TYPES = {**ALLOWED_TYPES, ZIP: "zip"}
# Extensions a user's file name may already end with for that type.
_NAME_EXTENSIONS = {JPEG: ("jpg", "jpeg", "jpe")}


def inspect_upload(fileobj) -> str | None:
    """Return the MIME type of an allowed file, None when its content is of no allowed type,
    or raise Refused when it is of an allowed type but unsafe or damaged."""
    fileobj.seek(0)
    head = fileobj.read(32)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_pixels(_png_size(head))
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        _check_pixels(_jpeg_size(fileobj))
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return check_ooxml(fileobj)
    return None


# --- Pictures: dimensions from the header ----------------------------------------------------


def _check_pixels(size: tuple[int, int] | None) -> None:
    limit = settings.UPLOAD_IMAGE_MAX_PIXELS
    if size and size[0] * size[1] > limit:
        raise Refused(
            _("the picture is %(width)s × %(height)s pixels; at most %(limit)s megapixels")
            % {"width": size[0], "height": size[1], "limit": limit // 1_000_000}
        )


def _png_size(head: bytes) -> tuple[int, int] | None:
    # The first chunk is IHDR: length 13, then width and height. A file cut short before the
    # size says nothing about it (the server never decodes pictures): no size, no refusal here.
    if len(head) < 24 or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD9)})


def _jpeg_size(fileobj, max_segments=1000) -> tuple[int, int] | None:
    """Walk the segments up to the frame header (SOFn), which holds height and width."""
    try:
        fileobj.seek(2)
        for _segment in range(max_segments):
            if fileobj.read(1) != b"\xff":
                return None
            marker = fileobj.read(1)
            while marker == b"\xff":  # fill bytes
                marker = fileobj.read(1)
            if not marker or marker[0] in (0xD9, 0xDA):  # end, or a scan before any frame
                return None
            if marker[0] in _JPEG_STANDALONE:
                continue
            (length,) = struct.unpack(">H", fileobj.read(2))
            if marker[0] in _JPEG_FRAMES:
                height, width = struct.unpack(">xHH", fileobj.read(5))
                return width, height
            fileobj.seek(length - 2, 1)
        return None
    except struct.error:
        return None
    finally:
        fileobj.seek(0)


# --- Names -----------------------------------------------------------------------------------

_WINDOWS_FORBIDDEN = str.maketrans(dict.fromkeys('<>:"|?*', "_"))
MAX_NAME_CHARS = 150


def clean_filename(name: str, content_type: str = "") -> str:
    """The name a file is shown and offered for download under: no folders, nothing invisible
    (control or bidi characters), nothing Windows forbids, and an extension that matches the
    checked content — "x.html" holding a PDF is offered as "x.html.pdf"."""
    text = printable(name).replace("\\", "/").rsplit("/", 1)[-1]
    text = text.translate(_WINDOWS_FORBIDDEN).strip(" .")
    extension = SERVED_TYPES.get(content_type)
    if extension:
        stem, dot, current = text.rpartition(".")
        if not dot or current.lower() not in _NAME_EXTENSIONS.get(content_type, (extension,)):
            stem = text
        else:
            extension = current
        stem = stem[: MAX_NAME_CHARS - len(extension) - 1].rstrip(" .")
        return f"{stem or 'file'}.{extension}"
    return text[:MAX_NAME_CHARS].rstrip(" .") or "file"


def file_download(handle, *, name: str, content_type: str) -> FileResponse:
    """A private file, always downloaded (never shown in the page), with the type its content
    was recognised as and a clean name whose extension says the same."""
    filename = clean_filename(name, content_type)
    if content_type not in SERVED_TYPES:  # never checked: opaque bytes, under a name to match
        content_type, filename = "application/octet-stream", f"{filename}.bin"
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser render it anyway, it runs nothing and loads nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
