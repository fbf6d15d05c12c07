"""Vietnamese text helpers: normalisation and diacritics folding (DESIGN.md §8)."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(value: str) -> str:
    """Store every string in NFC: text pasted from Word or macOS may arrive in NFD."""
    return unicodedata.normalize("NFC", value) if value else value


# Bidirectional embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069) and the
# direction marks (U+200E, U+200F, U+061C) make a name or a title display differently from what
# it holds ("Trojan Source"); nobody types them in a Vietnamese name.
_BIDI_CONTROLS = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
)


def clean_name(value: str) -> str:
    """A name or a title as stored: NFC, without bidi control characters."""
    return nfc(value.translate(_BIDI_CONTROLS)) if value else value


def fold(value: str) -> str:
    """Lower-case, strip diacritics and collapse spaces: "Cải cách  ĐỔI mới" -> "cai cach doi moi".

    đ/Đ carry no combining mark, so NFD leaves them alone; they are folded explicitly.
    """
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D").replace("\x00", "")
    return _SPACES.sub(" ", stripped).strip().lower()


def name_sort_key(full_name: str) -> tuple:
    """Official lists sort by the given name (last word), then the rest of the name."""
    parts = fold(full_name).split(" ")
    return (parts[-1], " ".join(parts[:-1])) if parts else ("", "")


# Control characters, format characters (bidi overrides and isolates, zero-width joiners, the
# BOM) and line/paragraph separators: invisible, and able to make "exe.pdf" read as "fdp.exe".
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def printable(value: str) -> str:
    """NFC text without invisible characters; other spaces become one plain space."""
    text = unicodedata.normalize("NFC", value or "")
    spaced = (" " if ch.isspace() else ch for ch in text)
    kept = "".join(ch for ch in spaced if unicodedata.category(ch) not in _INVISIBLE)
    return _SPACES.sub(" ", kept).strip()


# Vietnamese collation (TCVN 5712 order): a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v
# x y. ă, â, đ, ê, ô, ơ, ư are letters of their own, sorted after their base; the five tones
# only decide between words spelt with the same letters.
_LETTER_MARKS = {"\u0306": 1, "\u0302": 2, "\u031b": 3}  # breve, circumflex, horn
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng


def _vi_letter(char: str) -> tuple[tuple, int]:
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    if base == "đ":
        return (ord("d"), 9), 0
    letter = max((_LETTER_MARKS.get(mark, 0) for mark in marks), default=0)
    tone = max((_TONES.get(mark, 0) for mark in marks), default=0)
    return (ord(base), letter), tone


def vi_sort_key(text: str) -> tuple:
    """Sort key of a Vietnamese text: letters first ("Đ" after every "D…"), then tones."""
    letters, tones = [], []
    for char in _SPACES.sub(" ", nfc(text or "")).strip().lower():
        letter, tone = _vi_letter(char)
        letters.append(letter)
        tones.append(tone)
    return tuple(letters), tuple(tones)


def vi_name_sort_key(full_name: str) -> tuple:
    """Official lists: by the given name (the last word), then the family and middle names."""
    parts = _SPACES.sub(" ", nfc(full_name or "")).strip().split(" ")
    return vi_sort_key(parts[-1]), vi_sort_key(" ".join(parts[:-1]))
