"""DESIGN §3's layer rule for templates (scripts/check_template_layers.py; import-linter checks
the Python imports in .ci/run): the project passes, and a planted breach is caught."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "check_template_layers.py"


def check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(root)], capture_output=True, text=True, check=False
    )


def test_no_template_reaches_up_a_layer():
    result = check(ROOT)
    assert result.returncode == 0, result.stdout


def plant(root: Path, app: str, name: str, text: str) -> None:
    path = root / app / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_lower_template_including_loading_or_extending_a_higher_one_is_caught(tmp_path):
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    plant(tmp_path, "adoption", "adoption/_panel.html", "panel")
    (tmp_path / "adoption" / "templatetags").mkdir()
    (tmp_path / "adoption" / "templatetags" / "similar.py").write_text("")
    plant(tmp_path, "portal", "portal/page.html", "page")
    plant(tmp_path, "initiatives", "initiatives/form.html", '{% include "adoption/_panel.html" %}')
    plant(tmp_path, "workflow", "workflow/detail.html", "{% load i18n similar %}")
    plant(tmp_path, "common", "base.html", "{% extends 'portal/page.html' %}")
    # Upward is fine: a higher app may use a lower one's templates.
    plant(tmp_path, "adoption", "adoption/list.html", '{% extends "base.html" %}{% load i18n %}')

    result = check(tmp_path)

    assert result.returncode == 1
    lines = sorted(result.stdout.splitlines()[:-1])
    assert lines == [
        "common/templates/base.html: extends 'portal/page.html' belongs to portal, a higher layer",
        "initiatives/templates/initiatives/form.html: include 'adoption/_panel.html' belongs "
        "to adoption, a higher layer",
        "workflow/templates/workflow/detail.html: load 'similar' belongs to adoption, "
        "a higher layer",
    ]


def test_python_imports_follow_the_layers():
    """The import-linter contract in pyproject.toml (lazy imports inside functions included)."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:]
