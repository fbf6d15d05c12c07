"""Under CI=true no test may skip (a pytest plugin loaded by tests/conftest.py).

A skip in CI hides a test that never ran: a missing service (see tests.conftest.require_service),
a bare `pytest.skip`, a `skipif` whose condition CI forgot to meet (RUN_SMOKE=1). Each skip —
of a test, or of a whole module at collection — becomes a failure naming the test and the
reason. Locally skips stay skips. An expected failure (xfail) is not a skip and is left alone.
"""

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        _fail(report, item.nodeid)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    report = outcome.get_result()
    if in_ci() and report.skipped:
        _fail(report, collector.nodeid)


def _fail(report, nodeid):
    report.outcome = "failed"
    report.longrepr = f"{nodeid} was skipped, which CI=true forbids: {_reason(report.longrepr)}"


def _reason(longrepr) -> str:
    # A skip's longrepr is (path, line, "Skipped: <reason>").
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)
