"""`make bench` (issue 14, scripts/bench): the instrument itself, at a tiny size on SQLite.

One run of `python -m scripts.bench` with 200 dossiers, two pages measured 2 times each, 5
transitions and 20 e-mails builds its SQLite database and JSON in a temporary BENCH_DIR; the
test reads both back. The
query counter it relies on is off unless BENCH_COUNT_QUERIES=1.
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings

from scripts.bench import report, shape
from scripts.bench.database import bench_url

ROOT = Path(__file__).resolve().parents[2]
COUNTER = "common.query_count.QueryCountMiddleware"


@pytest.mark.django_db
def test_the_query_counter_is_off_unless_the_bench_switches_it_on(client):
    assert settings.BENCH_COUNT_QUERIES is False
    assert COUNTER not in settings.MIDDLEWARE
    assert "X-Query-Count" not in client.get("/healthz")

    with override_settings(BENCH_COUNT_QUERIES=True, MIDDLEWARE=[COUNTER, *settings.MIDDLEWARE]):
        response = Client().get("/healthz")  # a new client loads the middleware again
    assert int(response["X-Query-Count"]) >= 1


def test_the_bench_database_is_never_the_working_one():
    assert bench_url("postgres://u@h:5432/sangkien") == "postgres://u@h:5432/sangkien_bench"
    assert bench_url("").startswith("sqlite:///") and bench_url("").endswith("bench.sqlite3")


def test_states_cover_the_state_machine_and_sum_to_the_size():
    counts = shape.state_counts(200)
    assert sum(counts.values()) == 200
    assert all(counts[state] > 0 for state in shape.PATHS)
    assert shape.LOGS_PER_DOSSIER - 1 <= len(shape.path_for("rollout")) <= shape.LOGS_PER_DOSSIER


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "VAR_DIR", "CELERY_BROKER_URL", "REDIS_URL")}  # fmt: skip
    env.update(BENCH_DIR=str(out), BENCH_DOSSIERS="200")
    done = subprocess.run(
        [sys.executable, "-m", "scripts.bench", "--requests", "2", "--only", "dossier page (busy)",
         "--transitions", "5", "--fanout", "20"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    return out, done


def test_a_tiny_bench_builds_the_province_and_prints_the_table(bench_run):
    out, done = bench_run
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "floor /healthz" in done.stdout and "dossier page (busy)" in done.stdout
    assert "verdict" in done.stdout and "transitions_per_second" in done.stdout

    (path,) = out.glob("*.json")
    result = json.loads(path.read_text())
    pages = {row["page"]: row for row in result["pages"]}
    assert set(pages) == {"floor /healthz", "dossier page (busy)"}
    for row in pages.values():
        assert row["status"] == [200] and 0 < row["p50"] <= row["max"]
        assert 1 <= row["queries"] <= 15
    assert result["extras"]["transitions"] == 5 and result["extras"]["export_outcome"] == "done"
    assert result["extras"]["web_worker_rss_mb"] > 0
    fanout = result["extras"]
    assert (
        fanout["fanout_received"] == 20
        and fanout["fanout_lost"] == fanout["fanout_duplicates"] == 0
    )


def test_the_tiny_province_has_the_shape_of_a_real_one(bench_run):
    out, _ = bench_run
    counts = json.loads(next(out.glob("*.json")).read_text())["counts"]
    # 200 bench dossiers on top of the demo's (about 40), 2 in rollout with an adoption record
    # for each of up to 100 agencies.
    assert 200 < counts["initiatives.Initiative"] < 260
    assert counts["agencies.Agency"] > 100  # the real province from agencies/data
    assert counts["agencies.Person"] >= 20
    assert counts["workflow.TransitionLog"] >= 200 * 9
    assert counts["adoption.Adoption"] >= 2 * 100
    assert counts["notifications.Notification"] >= 20 * 300

    db = sqlite3.connect(out / "bench.sqlite3")
    # The bench's own dossiers (the demo's are made by the services): "… (số <n>)".
    db.execute(
        "CREATE TEMP VIEW bench AS SELECT * FROM initiatives_initiative WHERE title LIKE '%(số %'"
    )
    states = {row[0] for row in db.execute("SELECT DISTINCT status FROM bench")}
    assert set(shape.PATHS) <= states
    (codes, distinct) = db.execute("SELECT COUNT(code), COUNT(DISTINCT code) FROM bench").fetchone()
    assert codes == distinct > 150
    (gaps,) = db.execute(
        "SELECT COUNT(*) FROM bench i LEFT JOIN workflow_intakeentry e "
        "ON e.initiative_id = i.id WHERE i.status != 'draft' AND e.id IS NULL"
    ).fetchone()
    assert gaps == 0  # every submitted dossier is in the intake book
    (undated,) = db.execute(
        "SELECT COUNT(*) FROM bench WHERE status IN ('recognized', 'rollout', "
        "'closed', 'rejected', 'revoked') AND decision_date IS NULL"
    ).fetchone()
    assert undated == 0
    (last_target,) = db.execute(
        "SELECT COUNT(*) FROM bench i WHERE status != 'draft' AND status != "
        "(SELECT target FROM workflow_transitionlog l WHERE l.initiative_id = i.id "
        "ORDER BY created_at DESC, id DESC LIMIT 1)"
    ).fetchone()
    assert last_target == 0  # each dossier's log leads to its state
    # A receipt for every submitted dossier, a verifiable certificate for each author of a
    # recognized one, every number once in its book.
    (unreceipted,) = db.execute(
        "SELECT COUNT(*) FROM bench i WHERE submitted_at IS NOT NULL AND NOT EXISTS (SELECT 1 "
        "FROM documents_document d WHERE d.initiative_id = i.id AND d.kind = 'receipt')"
    ).fetchone()
    assert unreceipted == 0
    (uncertified,) = db.execute(
        "SELECT COUNT(*) FROM initiatives_author a JOIN bench i ON i.id = a.initiative_id "
        "WHERE i.status IN ('recognized', 'rollout', 'closed') AND NOT EXISTS (SELECT 1 FROM "
        "documents_document d WHERE d.author_id = a.id AND d.kind = 'certificate' "
        "AND d.verification_code IS NOT NULL)"
    ).fetchone()
    assert uncertified == 0
    (numbers, distinct_numbers) = db.execute(
        "SELECT COUNT(*), COUNT(DISTINCT kind || '|' || year || '|' || series || '|' || sequence "
        "|| '|' || version) FROM documents_document WHERE sequence IS NOT NULL"
    ).fetchone()
    assert numbers == distinct_numbers > 50


def test_two_runs_are_printed_side_by_side(bench_run, tmp_path):
    out, _ = bench_run
    (path,) = out.glob("*.json")
    text = report.compare(path, path)
    assert "p50 A" in text and "dossier page (busy)" in text


def test_the_verdict_fails_a_page_over_its_query_budget_but_only_reports_a_slow_one():
    row = {"page": "p", "status": [200], "p95": 50.0, "budget_ms": 100, "budget_queries": 15}
    assert report.verdict({**row, "queries": 15}) == "ok"
    assert report.verdict({**row, "queries": 15, "p95": 101.0}) == "slow"
    assert report.verdict({**row, "queries": 16}) == "OVER QUERY BUDGET"
    assert report.verdict({**row, "queries": None}) == "NO QUERY COUNT"
    assert report.verdict({**row, "queries": 3, "status": [200, 500]}) == "HTTP 200,500"
    rows = [{**row, "queries": 16}, {**row, "queries": 3, "p95": 900.0}]
    assert report.failures(rows) == rows[:1]
