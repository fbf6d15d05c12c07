"""The skip guard (tests/skip_guard.py): a pytest run of a tiny test file, once as CI does
(CI=true) and once as a developer does, in a subprocess so the guard judges that run only."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SKIPPING = """
import pytest

def test_bare_skip():
    pytest.skip("no printer here")

@pytest.mark.skipif(True, reason="needs RUN_SMOKE=1")
def test_skipped_by_mark():
    pass

@pytest.fixture
def service():
    pytest.skip("service is down")

def test_skipped_by_fixture(service):
    pass

@pytest.mark.xfail(reason="a known bug", strict=True)
def test_expected_failure():
    assert False

def test_runs():
    pass
"""

MODULE_SKIP = """
import pytest

pytest.skip("whole module", allow_module_level=True)

def test_never_collected():
    pass
"""


def run_pytest(tmp_path, source, *, ci):
    (tmp_path / "test_tiny.py").write_text(source)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")  # not the project's configuration
    # Only the guard as a plugin: the installed ones (Django, Playwright, …) are not loaded.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "true" if ci else ""}
    env.update(PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.skip_guard", "-p", "no:cacheprovider", "-rA"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_kind_of_skip_fails_under_ci(tmp_path):
    result = run_pytest(tmp_path, SKIPPING, ci=True)
    output = result.stdout + result.stderr
    assert result.returncode == pytest.ExitCode.TESTS_FAILED, output
    assert "skipped" not in output.splitlines()[-1], output
    for test, reason in [
        ("test_bare_skip", "no printer here"),
        ("test_skipped_by_mark", "needs RUN_SMOKE=1"),
        ("test_skipped_by_fixture", "service is down"),
    ]:
        assert f"test_tiny.py::{test} was skipped, which CI=true forbids: {reason}" in output
    assert "1 passed" in output and "1 xfailed" in output, output


def test_skips_stay_skips_locally(tmp_path):
    result = run_pytest(tmp_path, SKIPPING, ci=False)
    output = result.stdout + result.stderr
    assert result.returncode == pytest.ExitCode.OK, output
    assert "1 passed, 3 skipped, 1 xfailed" in output, output


def test_a_skipped_module_fails_under_ci(tmp_path):
    result = run_pytest(tmp_path, MODULE_SKIP, ci=True)
    output = result.stdout + result.stderr
    assert result.returncode != pytest.ExitCode.OK, output
    assert "test_tiny.py was skipped, which CI=true forbids: whole module" in output
    locally = run_pytest(tmp_path, MODULE_SKIP, ci=False)
    assert locally.returncode == pytest.ExitCode.NO_TESTS_COLLECTED, locally.stdout
