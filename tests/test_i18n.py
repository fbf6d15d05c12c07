"""Translations: the Vietnamese catalogue is complete, compiled, and used at run time.

The code's msgids are English; Vietnamese is the default UI language. When a test here fails
because of a new string, run `sh locale/update.sh`, translate the new or fuzzy entries in
locale/vi/LC_MESSAGES/django.po (and drop their `#, fuzzy` flag), then run it again.
"""

import gettext as gnu_gettext
import io
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from agencies.models import Role
from initiatives.models import Initiative, Status

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ("vi", "en")
FIX = "run `sh locale/update.sh`, translate locale/vi/LC_MESSAGES/django.po, run it again"

# Called through an alias so that makemessages does not extract the test's own literals.
translate = translation.gettext

VI_STATUS = {
    Status.DRAFT: "Bản nháp",
    Status.DEPARTMENT_REVIEW: "Sở KH&CN xem xét đơn",
    Status.REVISION_REQUESTED: "Yêu cầu sửa đổi, bổ sung",
    Status.COUNCIL_REVIEW: "Hội đồng sáng kiến đánh giá",
    Status.AWAITING_DECISION: "Chờ UBND tỉnh quyết định",
    Status.RECOGNIZED: "Đã công nhận",
    Status.ROLLOUT: "Đang nhân rộng",
    Status.CLOSED: "Hoàn tất nhân rộng",
    Status.REFUSED: "Từ chối chấp nhận đơn",
    Status.REJECTED: "Không công nhận",
    Status.APPEAL_REVIEW: "Đang giải quyết khiếu nại",
    Status.REVOKED: "Đã hủy bỏ công nhận",
    Status.WITHDRAWN: "Đã rút đơn",
}
EN_STATUS = {
    Status.DRAFT: "Draft",
    Status.DEPARTMENT_REVIEW: "Application under review by the Department of S&T",
    Status.REVISION_REQUESTED: "Amendment or supplement requested",
    Status.COUNCIL_REVIEW: "Assessment by the initiative council",
    Status.AWAITING_DECISION: "Awaiting the provincial decision",
    Status.RECOGNIZED: "Recognized",
    Status.ROLLOUT: "Rolling out",
    Status.CLOSED: "Rollout completed",
    Status.REFUSED: "Application refused",
    Status.REJECTED: "Not recognized",
    Status.APPEAL_REVIEW: "Appeal under review",
    Status.REVOKED: "Recognition revoked",
    Status.WITHDRAWN: "Application withdrawn",
}


# --- A small .po reader (polib is not a dependency) -------------------------------------------


class Entry:
    def __init__(self):
        self.flags: set[str] = set()
        self.msgctxt: str | None = None
        self.msgid: str | None = None
        self.msgid_plural: str | None = None
        self.msgstr: dict[int, str] = {}  # 0 for a singular entry; n for msgstr[n]
        self.line = 0

    @property
    def key(self) -> str:
        """The key gettext uses: "context\\x04msgid", or the msgid alone."""
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def is_fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def is_translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v"}  # fmt: skip
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


def _unquote(token: str, where: str) -> str:
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise ValueError(f"{where}: not a quoted string: {token!r}")
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), token[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """Entries of a .po file, obsolete (#~) ones left out."""
    entries: list[Entry] = []
    entry, field = None, None

    def finish():
        nonlocal entry, field
        if entry is not None and entry.msgid is not None:
            entries.append(entry)
        entry, field = None, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        where = f"{path}:{number}"
        if not line or line.startswith("#~"):
            if not line:
                finish()
            continue
        if line.startswith("#"):
            # A comment after a msgstr starts the next entry even without a blank line.
            if entry is not None and entry.msgstr:
                finish()
            entry = entry or Entry()
            if line.startswith("#,"):
                entry.flags.update(f.strip() for f in line[2:].split(",") if f.strip())
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, token = match.groups()
            if keyword in ("msgctxt", "msgid") and entry is not None and entry.msgstr:
                finish()
            entry = entry or Entry()
            entry.line = entry.line or number
            value = _unquote(token, where)
            if keyword.startswith("msgstr"):
                field = ("msgstr", int(index or 0))
                entry.msgstr[field[1]] = value
            else:
                field = (keyword, None)
                setattr(entry, keyword, value)
        elif line.startswith('"') and entry is not None and field is not None:
            value = _unquote(line, where)
            if field[0] == "msgstr":
                entry.msgstr[field[1]] += value
            else:
                setattr(entry, field[0], getattr(entry, field[0]) + value)
        else:
            raise ValueError(f"{where}: cannot parse {raw!r}")
    finish()
    return entries


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def mo_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"


def messages(language: str) -> list[Entry]:
    return [e for e in parse_po(po_path(language)) if not e.is_header]


def expected_catalog(language: str) -> dict:
    """What msgfmt puts in the .mo: translated, non-fuzzy entries (header left out)."""
    catalog = {}
    for e in messages(language):
        if e.is_fuzzy or not e.is_translated:
            continue
        if e.msgid_plural is None:
            catalog[e.key] = e.msgstr[0]
        else:
            catalog.update({(e.key, n): text for n, text in e.msgstr.items()})
    return catalog


def read_mo(data: bytes) -> dict:
    catalog = dict(gnu_gettext.GNUTranslations(io.BytesIO(data))._catalog)
    catalog.pop("", None)  # the header: its dates change on every makemessages run
    return catalog


def entry_label(e: Entry) -> str:
    return f"line {e.line}: {e.msgid!r}"


def need_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"GNU gettext's {name} is required for this test"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


# --- Run-time behaviour -----------------------------------------------------------------------


def test_default_language_is_vietnamese():
    assert settings.LANGUAGE_CODE == "vi"
    assert {code for code, _name in settings.LANGUAGES} == set(LANGUAGES)


@pytest.mark.parametrize("status", list(Status), ids=lambda s: s.value)
def test_status_labels_in_vietnamese(status):
    with translation.override("vi"):
        assert str(status.label) == VI_STATUS[status]


@pytest.mark.parametrize("status", list(Status), ids=lambda s: s.value)
def test_status_labels_in_english(status):
    with translation.override("en"):
        assert str(status.label) == EN_STATUS[status]


def test_status_choices_translate_when_rendered():
    with translation.override("vi"):
        choices = {value: str(label) for value, label in Status.choices}
    assert choices == {s.value: label for s, label in VI_STATUS.items()}


def test_other_key_strings():
    with translation.override("vi"):
        assert str(Role.REVIEWER.label) == "Chuyên viên thẩm định (Sở Khoa học và Công nghệ)"
        assert str(Role.COUNCIL_MEMBER.label) == "Thành viên hội đồng sáng kiến"
        assert str(Initiative._meta.verbose_name) == "sáng kiến"
        assert translate("Request revision") == "Yêu cầu bổ sung"
        assert translate("Due by %(date)s.") % {"date": "01/12/2026"} == "Thời hạn: 01/12/2026."
        # The project catalogue wins over Django's own for the strings it defines.
        assert translate("Cancel") == "Hủy"
    with translation.override("en"):
        assert str(Role.REVIEWER.label) == "Reviewer (Department of Science and Technology)"
        assert str(Initiative._meta.verbose_name) == "initiative"
        assert translate("Request revision") == "Request revision"


# --- The catalogues ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_files_exist(language):
    assert po_path(language).is_file(), f"{po_path(language)} is missing: {FIX}"
    assert mo_path(language).is_file(), f"{mo_path(language)} is missing: {FIX}"


def test_vietnamese_header():
    header = next(e for e in parse_po(po_path("vi")) if e.is_header)
    fields = dict(line.split(":", 1) for line in header.msgstr[0].splitlines() if ":" in line)
    assert fields["Language"].strip() == "vi"
    assert "charset=UTF-8" in fields["Content-Type"]
    assert fields["Plural-Forms"].strip().startswith("nplurals=1;")
    assert not header.is_fuzzy


def test_every_vietnamese_entry_is_translated():
    entries = messages("vi")
    assert len(entries) > 100, "the Vietnamese catalogue looks empty"
    untranslated = [entry_label(e) for e in entries if not e.is_translated]
    assert not untranslated, f"{len(untranslated)} untranslated ({FIX}):\n" + "\n".join(
        untranslated
    )


def test_no_vietnamese_entry_is_fuzzy():
    # A fuzzy entry is left out of the .mo: the English text would show instead.
    fuzzy = [entry_label(e) for e in messages("vi") if e.is_fuzzy]
    assert not fuzzy, (
        f"{len(fuzzy)} fuzzy entries: check each translation, then delete `#, fuzzy`:\n"
        + "\n".join(fuzzy)
    )


_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]")
_BRACES = re.compile(r"(?<!\{)\{[^{}]*\}(?!\})")


def test_vietnamese_placeholders_match_the_english():
    wrong = []
    for e in messages("vi"):
        pattern = _BRACES if "python-brace-format" in e.flags else _PRINTF
        if "python-format" not in e.flags and "python-brace-format" not in e.flags:
            continue
        # With one plural form (nplurals=1) the single translation serves the plural too,
        # so it may use the plural's placeholders ("Every month" / "Every %(n)s months").
        sources = [e.msgid] + ([e.msgid_plural] if e.msgid_plural else [])
        allowed = [sorted(pattern.findall(source)) for source in sources]
        for text in e.msgstr.values():
            if text and sorted(pattern.findall(text)) not in allowed:
                wrong.append(f"{entry_label(e)} -> {text!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_english_catalogue_has_the_same_messages():
    # Both come from the same makemessages run; a mismatch means one language was skipped.
    vi = {e.key for e in messages("vi")}
    en = {e.key for e in messages("en")}
    assert vi == en, f"vi only: {sorted(vi - en)}; en only: {sorted(en - vi)} ({FIX})"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_po(language):
    """The .mo holds exactly the .po's translations, so it was compiled after the last edit."""
    compiled = read_mo(mo_path(language).read_bytes())
    expected = expected_catalog(language)
    stale = sorted(str(k) for k in expected.keys() - compiled.keys())
    extra = sorted(str(k) for k in compiled.keys() - expected.keys())
    both = expected.keys() & compiled.keys()
    changed = sorted(str(k) for k in both if expected[k] != compiled[k])
    assert not (stale or extra or changed), (
        f"{mo_path(language)} is out of date; run compilemessages. "
        f"missing: {stale}; extra: {extra}; changed: {changed}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_accepts_the_po_and_agrees_with_the_mo(language):
    msgfmt = need_tool("msgfmt")
    result = subprocess.run(
        [msgfmt, "--check-format", "--check-header", "-o", "-", str(po_path(language))],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    # Compare contents, not bytes: another msgfmt version may lay the file out differently.
    assert read_mo(result.stdout) == read_mo(mo_path(language).read_bytes())


# --- The source code and the catalogue --------------------------------------------------------

IGNORED_DIRS = {".venv", "var", "node_modules", "locale", "__pycache__"}
# The options makemessages passes to xgettext for the "django" domain.
XGETTEXT_PYTHON = [
    "--language=Python",
    "--from-code=UTF-8",
    "--keyword=gettext_noop",
    "--keyword=gettext_lazy",
    "--keyword=ngettext_lazy:1,2",
    "--keyword=pgettext:1c,2",
    "--keyword=npgettext:1c,2,3",
    "--keyword=pgettext_lazy:1c,2",
    "--keyword=npgettext_lazy:1c,2,3",
    "--no-location",
    "--output=-",
]


def source_files(root: Path):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in IGNORED_DIRS and not d.startswith(".")]
        for name in filenames:
            if name.endswith((".py", ".html", ".txt")):
                yield Path(dirpath) / name


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    """New gettext strings must reach the catalogue (and so get a translation)."""
    from django.utils.translation import templatize

    xgettext = need_tool("xgettext")
    root = Path(settings.BASE_DIR)
    inputs = []
    for path in source_files(root):
        if path.suffix == ".py":
            inputs.append(str(path))
        else:  # templates go through the same conversion makemessages uses
            converted = tmp_path / (str(path.relative_to(root)).replace(os.sep, "__") + ".py")
            converted.write_text(
                templatize(path.read_text(encoding="utf-8"), origin=str(path)), encoding="utf-8"
            )
            inputs.append(str(converted))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(inputs))
    try:
        result = subprocess.run(
            [xgettext, *XGETTEXT_PYTHON, f"--files-from={listing.name}"],
            capture_output=True,
            check=False,
            cwd=root,
        )
    finally:
        os.unlink(listing.name)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    pot = tmp_path / "django.pot"
    pot.write_bytes(result.stdout)
    in_code = {e.key for e in parse_po(pot) if not e.is_header}
    in_catalogue = {e.key for e in messages("vi")}
    missing = sorted(in_code - in_catalogue)
    assert not missing, f"{len(missing)} strings not in the catalogue ({FIX}):\n" + "\n".join(
        repr(m) for m in missing
    )
