"""Template hygiene that once broke pages: Vietnamese number formatting prints 4439 as
"4.439", so an id written into a form value, a link or a data attribute must be unlocalized."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("portal", "initiatives", "workflow", "notifications", "adoption", "agencies")
RAW_ID = re.compile(r"\{\{\s*[\w.]*\.(pk|id|\w+_id)\s*(\|(?![^}]*unlocalize)[^}]*)?\}\}")


def test_ids_in_templates_are_never_localized():
    offenders = []
    for app in APPS:
        for template in (ROOT / app / "templates").rglob("*.html"):
            for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
                if RAW_ID.search(line):
                    offenders.append(f"{template.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "use |unlocalize for ids:\n" + "\n".join(offenders)
