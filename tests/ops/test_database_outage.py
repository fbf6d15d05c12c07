"""PostgreSQL restarted while the web process serves: during the outage every request gets a
clean 503 — a Vietnamese page, JSON `{"detail": …}` under /api/, never a 500 page with a
trace — and afterwards the same requests succeed without restarting the web process.

The test starts its own PostgreSQL cluster (initdb into a temporary directory, a free port),
migrates it, and runs the web process as production does (gunicorn, DEBUG off). The shared
cluster is never stopped.
"""

import json

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, OperationalError
from django.test import Client

from api.views import MeView
from tests.conftest import require_service

from .private_postgres import PrivatePostgres, postgres_bindir
from .web_server import Browser, WebProcess, manage, project_env

USERNAME, PASSWORD, FULL_NAME = "cv_tuphap", "mat-khau-rat-dai-2027", "Nguyễn Thị Lan"
SEED = f"""
from agencies.models import Agency, Membership, Role, User
from agencies.services import api_token_create
agency = Agency.objects.create(code="STP", name="Sở Tư pháp", short_name="Sở Tư pháp")
user = User.objects.create_user({USERNAME!r}, password={PASSWORD!r}, full_name={FULL_NAME!r})
Membership.objects.create(user=user, agency=agency, role=Role.AGENCY_STAFF)
print(api_token_create(user=user)[1])
"""


@pytest.fixture(scope="module")
def cluster():
    bindir = postgres_bindir()
    if bindir is None:
        require_service("PostgreSQL server binaries", "initdb/pg_ctl (apt-get install postgresql)")
    server = PrivatePostgres(bindir)
    try:
        server.init()
        server.start()
    except Exception as exc:  # reported as a missing service (a failure under CI)
        server.destroy()
        require_service("a private PostgreSQL cluster", str(exc))
    yield server
    server.destroy()


@pytest.fixture(scope="module")
def site(cluster, tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("outage-var")
    env = project_env(var_dir, DATABASE_URL=cluster.create_database("sangkien"))
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    token = manage(env, "shell", "-c", SEED).strip().splitlines()[-1]
    web = WebProcess(env, var_dir / "gunicorn.log")
    web.start()
    yield web, token
    web.stop()


def visitors(web, token):
    """A signed-in official in a browser, an API client with a token, an anonymous visitor."""
    official = Browser(web.base, {"Accept-Language": "vi"})
    answer = official.log_in(USERNAME, PASSWORD)
    assert answer.status == 200 and FULL_NAME in answer.text, answer.text[:500]
    api = Browser(web.base, {"Authorization": f"Token {token}", "Accept-Language": "vi"})
    return official, api, Browser(web.base, {"Accept-Language": "vi"})


def assert_served(official, api, anonymous):
    home = official.request("/")
    assert home.status == 200 and FULL_NAME in home.text
    me = api.request("/api/v1/me/")
    assert me.status == 200 and json.loads(me.text)["username"] == USERNAME
    assert anonymous.request("/registry/").status == 200
    assert anonymous.request("/api/v1/registry/").status == 200
    assert json.loads(anonymous.request("/healthz").text)["database"] == "ok"


def assert_unavailable(official, api, anonymous):
    for browser, path in [(official, "/"), (anonymous, "/registry/")]:
        page = browser.request(path)
        assert page.status == 503, (path, page.status, page.text[:300])
        assert page.content_type.startswith("text/html")
        assert "Dịch vụ tạm thời gián đoạn" in page.text
        assert "Traceback" not in page.text and "OperationalError" not in page.text
        assert "127.0.0.1" not in page.text  # nothing about the database server
    for browser in (api, anonymous):
        path = "/api/v1/me/" if browser is api else "/api/v1/registry/"
        answer = browser.request(path)
        assert answer.status == 503, (path, answer.status, answer.text[:300])
        assert answer.content_type == "application/json"
        body = json.loads(answer.text)
        assert list(body) == ["detail"] and "tạm thời" in body["detail"]
    health = anonymous.request("/healthz")
    assert health.status == 503 and json.loads(health.text)["database"] == "unreachable"


@pytest.mark.postgres
def test_requests_fail_cleanly_while_postgresql_is_down_and_succeed_after(cluster, site):
    web, token = site
    official, api, anonymous = visitors(web, token)
    assert_served(official, api, anonymous)

    # A restart between two requests: the kept connection is dead; the next request must
    # notice and reconnect rather than fail.
    cluster.stop()
    cluster.start()
    assert_served(official, api, anonymous)

    # An outage while requests keep coming.
    cluster.stop()
    assert_unavailable(official, api, anonymous)
    assert_unavailable(official, api, anonymous)
    cluster.start()
    assert_served(official, api, anonymous)

    assert web.running, "the web process must not have been restarted"
    assert "Service Unavailable: /api/v1/me/" in web.log()  # operators see it in the log


# --- The same answers in-process, on any database (fast, and run on SQLite too) -------------


def raising(exc):
    def raise_it(*args, **kwargs):
        raise exc

    return raise_it


@pytest.mark.django_db
def test_a_database_error_anywhere_is_a_503_and_any_other_error_a_500(province, monkeypatch):
    browser = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="vi")
    browser.force_login(province.staff)

    # Raised in a middleware (loading the session), before any view runs.
    with monkeypatch.context() as patch:
        patch.setattr(SessionStore, "load", raising(OperationalError("connection refused")))
        page = browser.get("/")
        assert page.status_code == 503 and page["Retry-After"] == "30"
        assert "Dịch vụ tạm thời gián đoạn" in page.content.decode()
        assert "connection refused" not in page.content.decode()
        answer = browser.get("/api/v1/me/")
        assert answer.status_code == 503
        assert list(answer.json()) == ["detail"] and "tạm thời" in answer.json()["detail"]

    # Raised in a view.
    monkeypatch.setattr(MeView, "get", raising(InterfaceError("connection already closed")))
    answer = browser.get("/api/v1/me/")
    assert answer.status_code == 503 and "tạm thời" in answer.json()["detail"]

    # Anything else is still the 500 page.
    monkeypatch.setattr(MeView, "get", raising(ZeroDivisionError("a bug")))
    assert browser.get("/api/v1/me/").status_code == 500
