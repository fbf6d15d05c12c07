"""The template half of DESIGN §3's layer rule: no template of a lower app includes, extends or
embeds a template of a higher app, and none loads a higher app's tag library. (import-linter
checks the Python half; neither sees the other.) Where a lower page must show something a higher
app owns, the higher app fills a slot (common/slots.py).

    python scripts/check_template_layers.py [ROOT]     exit status 1 and one line per breach

The layers are read from pyproject.toml's import-linter contract, so the two checks share one
definition. Templates outside the project's apps (Django's admin, crispy forms) are not checked.
"""

import re
import sys
import tomllib
from pathlib import Path

TAG = re.compile(r"{%\s*(include|extends|load)\s+(.+?)\s*%}")
NAME = re.compile(r"""^["']([^"']+)["']""")


def layers(root: Path) -> dict[str, int]:
    """App name → layer index, 0 for the top layer (config)."""
    config = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["importlinter"]
    contract = next(c for c in config["contracts"] if c["type"] == "layers")
    rank = {}
    for index, layer in enumerate(contract["layers"]):
        for app in re.split(r"[|:]", layer):
            rank[app.strip()] = index
    return rank


def owners(root: Path, apps) -> tuple[dict[str, str], dict[str, str]]:
    """Which app provides each template name and each tag library."""
    templates, libraries = {}, {}
    for app in apps:
        for path in sorted((root / app / "templates").rglob("*")):
            if path.is_file():
                templates[path.relative_to(root / app / "templates").as_posix()] = app
        for path in sorted((root / app / "templatetags").glob("*.py")):
            if path.name != "__init__.py":
                libraries[path.stem] = app
    return templates, libraries


def used(text: str):
    """(kind, name) for each included/extended template and each loaded library."""
    for kind, rest in TAG.findall(text):
        if kind == "load":
            words = rest.split()
            # "{% load tag from lib %}" takes one tag from lib: the library is after "from".
            names = words[words.index("from") + 1 :] if "from" in words else words
            yield from (("load", name) for name in names)
        else:
            match = NAME.match(rest)
            if match:  # a variable ({% include some_template %}) cannot be checked statically
                yield kind, match.group(1)


def breaches(root: Path) -> list[str]:
    rank = layers(root)
    apps = [app for app in rank if (root / app).is_dir()]
    templates, libraries = owners(root, apps)
    found = []
    for app in apps:
        for path in sorted((root / app / "templates").rglob("*")):
            if not path.is_file():
                continue
            for kind, name in used(path.read_text(encoding="utf-8")):
                owner = (libraries if kind == "load" else templates).get(name)
                if owner and owner != app and rank[owner] < rank[app]:
                    where = path.relative_to(root)
                    found.append(f"{where}: {kind} {name!r} belongs to {owner}, a higher layer")
    return found


def main(argv) -> int:
    root = Path(argv[1] if len(argv) > 1 else Path(__file__).resolve().parent.parent)
    found = breaches(root)
    for line in found:
        print(line)
    print(f"template layers: {len(found)} breach(es)" if found else "template layers: OK")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
