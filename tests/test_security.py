"""Security headers and the production configuration: the Content-Security-Policy forbids
inline code everywhere (so no template may carry any), HTTPS brings HSTS and the redirect (but
not for /healthz), and `check --deploy` is clean with production settings."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_HOST = "sangkien.example.gov.vn"
# E-mails are read in mail clients, never served to a browser: inline styles are how they work.
EMAIL_TEMPLATES = ROOT / "notifications" / "templates" / "notifications" / "email"
# The documents' part of those e-mails (a slot of the e-mail templates): mail, never a page.
DOCUMENT_EMAIL_TEMPLATES = ROOT / "documents" / "templates" / "documents" / "email"
# Official documents rendered to PDF by WeasyPrint (never served to a browser): their layout
# is in their own <style>, as a PDF needs.
PDF_TEMPLATES = ROOT / "documents" / "templates" / "documents" / "pdf"


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


# --- (a) The policy on every kind of response --------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/registry/",
        "/api/v1/registry/",
        "/api/v1/docs/",
        "/api/v1/docs/?script=",
        "/admin/login/",
        "/healthz",
        "/no-such-page/",
    ],
)
def test_every_response_carries_a_strict_content_security_policy(db, client, path):
    response = client.get(path)
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{path} ({response.status_code}) has no Content-Security-Policy"
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    policy = directives(header)
    assert policy["default-src"] == ["'self'"]
    for kind in ("script-src", "style-src"):
        assert policy.get(kind, policy["default-src"]) == ["'self'"], kind
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert set(policy["img-src"]) <= {"'self'", "data:"}


def test_pages_and_api_of_a_logged_in_user_carry_the_policy(client, province):
    client.force_login(province.reviewer)
    for path in ("/", "/initiatives/", "/notifications/", "/api/v1/me/", "/admin/"):
        header = client.get(path).headers.get("Content-Security-Policy", "")
        assert "default-src 'self'" in header, path


def test_other_security_headers(db, client):
    response = client.get("/accounts/login/")
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions


def test_swagger_ui_loads_its_start_script_from_a_url(db, client):
    html = client.get("/api/v1/docs/").content.decode()
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    assert all("src=" in attrs and not body.strip() for attrs, body in scripts), scripts
    assert "<style" not in html
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert script.headers["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle(" in script.content


def test_a_rejected_form_explains_itself_without_inline_style(db):
    # Django's own CSRF failure page relies on an inline <style>, which the policy blocks.
    response = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"username": "x", "password": "y"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Biểu mẫu đã hết hiệu lực" in html
    assert "tải lại trang" in html
    assert not inline_code_in(html)


# --- (b) No template carries inline code --------------------------------------------------------

COMMENTS = re.compile(
    r"\{%\s*comment\b.*?%\}.*?\{%\s*endcomment\s*%\}|\{#.*?#\}|<!--.*?-->", flags=re.S
)
TEMPLATE_CODE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", flags=re.S)
INLINE = {
    "<style> block": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"<[a-z][^<>]*\sstyle\s*=", re.I),
    "event handler attribute": re.compile(r"<[a-z][^<>]*\son[a-z]+\s*=", re.I),
    "hx-on attribute (needs eval)": re.compile(r"<[a-z][^<>]*\s(data-)?hx-on", re.I),
    "javascript: URL": re.compile(r"=\s*[\"']?\s*javascript:", re.I),
    "inline <script> code": re.compile(
        r"<script\b(?![^>]*\b(src|type\s*=\s*[\"']application/(ld\+)?json)\b)[^>]*>\s*[^\s<]",
        re.I,
    ),
}


def browser_templates() -> list[Path]:
    found = [*ROOT.glob("*/templates/**/*.html"), *ROOT.glob("templates/**/*.html")]
    return sorted(
        path
        for path in found
        if not {EMAIL_TEMPLATES, DOCUMENT_EMAIL_TEMPLATES, PDF_TEMPLATES} & set(path.parents)
    )


def inline_code_in(text: str) -> list[str]:
    # Template tags become a space, so `<div {% if x %}style="…"{% endif %}>` is still seen.
    html = TEMPLATE_CODE.sub(" ", COMMENTS.sub(" ", text))
    return [name for name, pattern in INLINE.items() if pattern.search(html)]


# What the scan must see (and what it must leave alone), so that a blind regex cannot pass.
SAMPLES = [
    ('<div class="x" style="top: 1rem">', ["style attribute"]),
    ('<div {% if a %}style="width: {{ w }}%"{% endif %}>', ["style attribute"]),
    ("<style>.a { color: red }</style>", ["<style> block"]),
    ('<button onclick="window.print()">', ["event handler attribute"]),
    ('<form hx-on::after-request="this.reset()">', ["hx-on attribute (needs eval)"]),
    ('<a href="javascript:history.back()">', ["javascript: URL"]),
    ("<script>\n  alert(1)\n</script>", ["inline <script> code"]),
    ('<script src="{% static "a.js" %}"></script>', []),
    ('<script id="d" type="application/json">{"a": 1}</script>', []),
    ('<p>Only one = two, a style guide, stylesheet="x"</p>', []),
    ('<div data-style="x" data-onload="y" class="style">', []),
    ("{% comment %}its inline <style> is blocked{% endcomment %}{# <style> #}", []),
    ("{% comment %}<style>{% endcomment %}<style>", ["<style> block"]),
]


def test_no_template_served_to_browsers_carries_inline_code():
    for html, expected in SAMPLES:
        assert inline_code_in(html) == expected, html
    templates = browser_templates()
    assert len(templates) > 50, "the template folders were not found"
    assert EMAIL_TEMPLATES.is_dir()
    assert not [path for path in templates if "email" in path.parts]
    offenders = [
        f"{path.relative_to(ROOT)}: {', '.join(found)}"
        for path in templates
        if (found := inline_code_in(path.read_text(encoding="utf-8")))
    ]
    assert not offenders, (
        "the Content-Security-Policy blocks inline code: move it to static/js or static/css\n"
        + "\n".join(offenders)
    )


# --- (d) HTTPS: HSTS and the redirect, never for /healthz ---------------------------------------

PROBE = """
import json, os, django
django.setup()
from django.test import Client
client = Client()
result = {}
for name, path, extra in [
    ("page_http", "/accounts/login/", {}),
    ("page_https", "/accounts/login/", {"HTTP_X_FORWARDED_PROTO": "https"}),
    ("healthz_http", "/healthz", {}),
]:
    response = client.get(path, HTTP_HOST=os.environ["ALLOWED_HOSTS"], **extra)
    result[name] = {"status": response.status_code, "headers": dict(response.headers)}
print(json.dumps(result))
"""


def production_env(tmp_path, **overrides) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "HTTPS", "DEBUG"}
        and not key.startswith(("SECURE_", "PYTEST", "DJANGO_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        HTTPS="1",
        ALLOWED_HOSTS=PRODUCTION_HOST,
        VAR_DIR=str(tmp_path / "var"),
    )
    env.update(overrides)
    return env


def probe(env) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_hsts_and_redirect_with_https_only_and_never_for_healthz(tmp_path):
    result = probe(production_env(tmp_path))
    page_http, page_https = result["page_http"], result["page_https"]
    assert page_http["status"] == 301
    assert page_http["headers"]["Location"] == f"https://{PRODUCTION_HOST}/accounts/login/"
    assert page_https["status"] == 200
    hsts = page_https["headers"]["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert "upgrade-insecure-requests" in page_https["headers"]["Content-Security-Policy"]
    # The load balancer's plain-HTTP probe is answered, not redirected.
    assert result["healthz_http"]["status"] == 200

    # Without HTTPS (development, or a proxy that is not set up yet): neither.
    result = probe(production_env(tmp_path, HTTPS="0"))
    assert result["page_http"]["status"] == 200
    assert "Strict-Transport-Security" not in result["page_http"]["headers"]
    assert "Strict-Transport-Security" not in result["page_https"]["headers"]


def test_hsts_lifetime_comes_from_the_environment(tmp_path):
    result = probe(production_env(tmp_path, SECURE_HSTS_SECONDS="3600"))
    hsts = result["page_https"]["headers"]["Strict-Transport-Security"]
    assert hsts.startswith("max-age=3600;")


# --- (e) `manage.py check --deploy` is clean in production --------------------------------------


def check_deploy(env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = check_deploy(production_env(tmp_path))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output
    # Clean because the settings are right, not because warnings are silenced.
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = check_deploy(env)
    assert result.returncode != 0
    assert "common.W001" in result.stdout + result.stderr


def compose_value(value: str) -> str:
    """Docker Compose interpolation of ${NAME:-default} and ${NAME:?error} with nothing set."""

    def replace(match):
        name, op, default = match.groups()
        if op == ":?":
            return {"SECRET_KEY": secrets.token_urlsafe(50)}.get(name, "compose-secret")
        return default or ""

    return re.sub(r"\$\{(\w+)(:-|:\?)?([^}]*)\}", replace, str(value))


def test_docker_compose_production_environment_passes_check_deploy(tmp_path):
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    env = {
        key: compose_value(value)
        for key, value in compose["services"]["web"]["environment"].items()
    }
    assert env["HTTPS"] == "1", "behind its TLS proxy, production runs with HTTPS=1 by default"
    # The container's paths do not exist here; nothing else changes.
    env.update(VAR_DIR=str(tmp_path / "var"), MEDIA_ROOT=str(tmp_path / "media"))
    result = check_deploy({"PATH": os.environ["PATH"], **env})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output
