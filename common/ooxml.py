"""Check a Word or Excel file (an OOXML package, i.e. a zip) before it is accepted.

Everything is read from the zip's directories — the end record, the central directory and each
entry's local header — and nothing is ever decompressed, so a zip bomb costs no more to refuse
than a small file. Limits come from settings (UPLOAD_ZIP_*).

What is refused, and why:
- a damaged zip: unreadable, two directories that disagree, data past the end of the file,
  duplicated names — a reader may then see another document than the one checked;
- too many entries, too much once expanded, or compressed too well (zip bombs);
- absolute or ``..`` entry names (path traversal when someone unzips it);
- programs and scripts inside (``.exe``, ``.js``, ``.ps1``, …) and VBA macros;
- embedded OLE objects and ActiveX controls (``*.bin`` under ``embeddings/`` or ``activeX/``):
  an OLE package can carry any program behind an icon, and the old Equation Editor objects
  are a classic exploit. Word and Excel embed charts' data as ``.xlsx`` parts, which are
  accepted like pictures; a document that needs another object embedded is sent with the
  object attached as its own file.
"""

import struct
import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .text import printable

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The part that names the package's main document tells Word from Excel.
_MARKERS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}

# Programs and scripts Windows (or a shell) would run with a double click.
EXECUTABLE_EXTENSIONS = frozenset(
    {
        *("exe", "dll", "com", "bat", "cmd", "msi", "msp", "scr", "pif", "cpl", "ocx", "sys"),
        *("ps1", "psm1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "hta", "jar", "sh", "lnk"),
        "reg",
    }
)
# What Word and Excel put under embeddings/ for charts and pictures; anything else is an object.
EMBEDDED_OK = frozenset({"xlsx", "docx", "pptx", "png", "jpg", "jpeg", "gif", "emf", "wmf"})
# Ratios mean nothing for small parts (a few KB of XML padding compress very well).
RATIO_FLOOR_BYTES = 1024 * 1024
# Central-directory bytes allowed per entry before zipfile is asked to parse it.
_DIRECTORY_BYTES_PER_ENTRY = 1024

_END = b"PK\x05\x06"
_END64_LOCATOR = b"PK\x06\x07"
_END64 = b"PK\x06\x06"
_LOCAL = b"PK\x03\x04"


class Refused(Exception):
    """The package is not accepted; ``reason`` says why, in words for the user."""

    def __init__(self, reason):
        self.reason = reason
        super().__init__(str(reason))


def check_ooxml(fileobj) -> str | None:
    """Return DOCX or XLSX, None when the zip is not a Word or Excel document, or raise Refused."""
    try:
        _check_directory_size(fileobj)
        with zipfile.ZipFile(fileobj) as archive:
            entries = archive.infolist()
            _check_entries(entries, _file_size(fileobj))
            _check_local_headers(fileobj, entries)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, struct.error):
        raise Refused(_("the file is damaged: it cannot be read as a Word or Excel document"))
    finally:
        fileobj.seek(0)
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for marker, kind in _MARKERS.items() if marker in names), None)


def _limits():
    return (
        settings.UPLOAD_ZIP_MAX_ENTRIES,
        settings.UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES,
        settings.UPLOAD_ZIP_MAX_RATIO,
    )


def _file_size(fileobj) -> int:
    fileobj.seek(0, 2)
    return fileobj.tell()


# --- The end record: how big the directory is, before anything parses it ---------------------


def _check_directory_size(fileobj) -> None:
    """A 20 MB upload may hold half a million directory entries: count them from the end
    record first, so that parsing them never costs memory or time."""
    entries, directory_bytes = _end_record(fileobj)
    max_entries = _limits()[0]
    if entries > max_entries or directory_bytes > max_entries * _DIRECTORY_BYTES_PER_ENTRY:
        raise _too_many(entries, max_entries)


def _end_record(fileobj) -> tuple[int, int]:
    size = _file_size(fileobj)
    tail_size = min(size, 22 + 0xFFFF)  # the end record, then a comment of up to 64 KB
    fileobj.seek(size - tail_size)
    tail = fileobj.read(tail_size)
    at = tail.rfind(_END)
    if at < 0 or len(tail) - at < 22:
        raise zipfile.BadZipFile("no end of central directory")
    entries, directory_bytes = struct.unpack("<HI", tail[at + 10 : at + 16])
    if entries == 0xFFFF or directory_bytes == 0xFFFFFFFF:
        return _end_record64(fileobj, tail[max(at - 20, 0) : at])
    return entries, directory_bytes


def _end_record64(fileobj, locator: bytes) -> tuple[int, int]:
    if len(locator) != 20 or not locator.startswith(_END64_LOCATOR):
        raise zipfile.BadZipFile("no zip64 locator")
    (offset,) = struct.unpack("<Q", locator[8:16])
    fileobj.seek(offset)
    record = fileobj.read(56)
    if len(record) != 56 or not record.startswith(_END64):
        raise zipfile.BadZipFile("no zip64 end record")
    return struct.unpack("<QQ", record[32:48])


# --- The central directory: names and sizes --------------------------------------------------


def _check_entries(entries, file_size: int) -> None:
    max_entries, max_bytes, max_ratio = _limits()
    if len(entries) > max_entries:
        raise _too_many(len(entries), max_entries)
    if len({entry.filename for entry in entries}) != len(entries):
        raise zipfile.BadZipFile("duplicate name")
    for entry in entries:
        _check_name(entry.filename)
    _check_totals(entries, max_bytes, max_ratio)
    for entry in entries:
        _check_entry_ratio(entry, max_ratio)


def _too_many(count, limit):
    return Refused(
        _("it holds %(count)s parts; at most %(limit)s are accepted")
        % {"count": count, "limit": limit}
    )


def _check_name(name: str) -> None:
    shown = printable(name)[:120]
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts:
        raise Refused(_("it contains a part with an unsafe path: “%(part)s”") % {"part": shown})
    leaf = parts[-1].lower()
    extension = leaf.rpartition(".")[2] if "." in leaf else ""
    if extension in EXECUTABLE_EXTENSIONS:
        raise Refused(_("it contains a program or script: “%(part)s”") % {"part": shown})
    if leaf in ("vbaproject.bin", "vbadata.xml"):
        raise Refused(_("it contains macros (VBA)"))
    folders = {part.lower() for part in parts[:-1]}
    if "activex" in folders or ("embeddings" in folders and extension not in EMBEDDED_OK):
        raise Refused(
            _(
                "it contains an embedded object or control “%(part)s”: save the document "
                "without embedded objects and attach them as separate files"
            )
            % {"part": shown}
        )


def _check_entry_ratio(entry, max_ratio: int) -> None:
    if entry.file_size <= RATIO_FLOOR_BYTES:
        return
    if entry.file_size > max_ratio * entry.compress_size:
        raise Refused(
            _(
                "the part “%(part)s” is compressed %(ratio)s to 1; at most %(limit)s to 1 "
                "is accepted"
            )
            % {
                "part": printable(entry.filename)[:120],
                "ratio": entry.file_size // max(entry.compress_size, 1),
                "limit": max_ratio,
            }
        )


def _check_totals(entries, max_bytes: int, max_ratio: int) -> None:
    expanded = sum(entry.file_size for entry in entries)
    compressed = sum(entry.compress_size for entry in entries)
    if expanded > max_bytes:
        raise Refused(
            _("it would expand to %(size)s; at most %(limit)s are accepted")
            % {"size": filesizeformat(expanded), "limit": filesizeformat(max_bytes)}
        )
    if expanded > RATIO_FLOOR_BYTES and expanded > max_ratio * compressed:
        raise Refused(
            _("it is compressed %(ratio)s to 1 as a whole; at most %(limit)s to 1 is accepted")
            % {"ratio": expanded // max(compressed, 1), "limit": max_ratio}
        )


# --- Local headers: each entry must be where the directory says, as the directory says -------


def _check_local_headers(fileobj, entries) -> None:
    end = _file_size(fileobj)
    for entry in entries:
        fileobj.seek(entry.header_offset)
        header = fileobj.read(30)
        if len(header) != 30 or not header.startswith(_LOCAL):
            raise zipfile.BadZipFile("local header missing")
        flags, compressed, expanded, name_len, extra_len = struct.unpack(
            "<2xH10xIIHH", header[4:30]
        )
        raw_name = fileobj.read(name_len)
        if raw_name != _directory_name(entry):
            raise zipfile.BadZipFile("names differ")
        sizes_known = not flags & 0x08 and 0xFFFFFFFF not in (compressed, expanded)
        if sizes_known and (compressed, expanded) != (entry.compress_size, entry.file_size):
            raise zipfile.BadZipFile("sizes differ")
        data_end = entry.header_offset + 30 + name_len + extra_len + entry.compress_size
        if data_end > end:
            raise zipfile.BadZipFile("entry past the end")


def _directory_name(entry) -> bytes:
    # zipfile decoded the directory's name by the UTF-8 flag; encode it back the same way.
    return entry.orig_filename.encode("utf-8" if entry.flag_bits & 0x800 else "cp437")
