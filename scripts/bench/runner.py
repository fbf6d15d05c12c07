"""Start the app as production does (gunicorn, one sync worker, DEBUG off, config.settings on
the bench database) and time each page of pages.page_list over HTTP, with its query count
(the X-Query-Count header of common.query_count, switched on by BENCH_COUNT_QUERIES=1)."""

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

from .database import ROOT
from .pages import QUERY_BUDGET, ROLES, page_list

WARM_UP = 3
SLOW_PAGE_MS, SLOW_PAGE_REQUESTS = 2000, 5


def pick_ids() -> dict:
    """The objects the pages open: a busy dossier in rollout, a round, a person, ..."""
    from django.db.models import Count

    from adoption.models import Adoption
    from agencies.models import Agency, Person
    from documents.models import Document
    from initiatives.models import Initiative
    from workflow.models import Round

    busy = (
        Initiative.objects.filter(status="rollout")
        .annotate(n=Count("transition_logs"))
        .order_by("-n", "pk")
        .first()
    )
    head_agency = Agency.objects.get(code="STP")
    person = Person.objects.annotate(n=Count("authorships")).order_by("-n", "pk").first()
    draft = Initiative.objects.filter(status="draft", agency=head_agency).order_by("pk").first()
    # A provincial one: the Department's reviewer never sees an agency's own (404), and the
    # bench's transitions refuse the first ones at each run.
    review = (
        Initiative.objects.filter(status="department_review", level="provincial")
        .order_by("-pk")
        .first()
    )
    round_ = Round.objects.annotate(n=Count("entries")).order_by("-n", "pk").first()
    return {
        "busy": busy.pk,
        "draft": draft.pk,
        "review": review.pk,
        "year": busy.round,
        "field": busy.field_id,
        "agency": head_agency.pk,
        "adoption": Adoption.objects.filter(agency=head_agency).order_by("pk").first().pk,
        "person": person.pk,
        "round": round_.pk,
        # A certificate of the busy dossier (the bench's documents, build_documents.py).
        "certificate": Document.objects.filter(initiative=busy, kind="certificate")
        .order_by("pk")
        .values_list("verification_code", flat=True)
        .first(),
    }


def credentials() -> dict:
    """A session cookie per role (sessions written straight to the database) and an API token."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from knox.models import get_token_model

    from agencies.models import User

    store = import_module(settings.SESSION_ENGINE).SessionStore
    headers = {}
    for role, username in ROLES.items():
        user = User.objects.get(username=username)
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "agencies.backends.DemoAwareModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        headers[role] = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}"}
    _, token = get_token_model().objects.create(user=User.objects.get(username="reviewer"))
    headers["api"] = {"Authorization": f"Token {token}"}
    headers[None] = {}
    return headers


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(url: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0", "BENCH_COUNT_QUERIES": "1"}
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--workers", "1",
               "--worker-class", "sync", "--bind", f"127.0.0.1:{port}", "--timeout", "300",
               "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
            return server
        except (urllib.error.URLError, ConnectionError):
            if server.poll() is not None:
                raise RuntimeError("gunicorn exited") from None
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def worker_pid(server: subprocess.Popen) -> int | None:
    path = f"/proc/{server.pid}/task/{server.pid}/children"
    try:
        with open(path) as handle:
            children = handle.read().split()
    except OSError:
        return None
    return int(children[0]) if children else None


def rss_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def request(port: int, path: str, headers: dict) -> tuple[float, int, int | None]:
    """One GET: (milliseconds, status, query count)."""
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=300) as response:
            response.read()
            status, count = response.status, response.headers.get("X-Query-Count")
    except urllib.error.HTTPError as error:
        error.read()
        status, count = error.code, error.headers.get("X-Query-Count")
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed, status, int(count) if count is not None else None


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def measure_pages(port, headers, ids, requests: int, *, only: str = "", out=print) -> list[dict]:
    """Each page (or those whose name contains `only` — or one of its comma-separated parts —,
    and the floor): warm-up, then timed."""
    rows = []
    wanted = [part.strip().lower() for part in only.split(",") if part.strip()]
    for name, role, path, budget in page_list(ids):
        if wanted and not (name.startswith("floor") or any(w in name.lower() for w in wanted)):
            continue
        warm = [request(port, path, headers[role])[0] for _ in range(WARM_UP)]
        # A page that takes seconds is timed 5 times, not 30: its verdict is plain already.
        count = min(requests, SLOW_PAGE_REQUESTS) if min(warm) > SLOW_PAGE_MS else requests
        times, counts, statuses = [], [], set()
        for _ in range(count):
            elapsed, status, count = request(port, path, headers[role])
            times.append(elapsed)
            counts.append(count)
            statuses.add(status)
        queries = max((c for c in counts if c is not None), default=None)
        row = {
            "page": name,
            "role": role,
            "path": path,
            "p50": round(statistics.median(times), 1),
            "p95": round(percentile(times, 0.95), 1),
            "max": round(max(times), 1),
            "queries": queries,
            "requests": count,
            "status": sorted(statuses),
            "budget_ms": budget,
            "budget_queries": QUERY_BUDGET,
        }
        rows.append(row)
        out(
            f"  {name:<36} p50 {row['p50']:>8.1f} ms  {queries} queries  {row['status']}",
            flush=True,
        )
    return rows
