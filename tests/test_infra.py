"""The deployment files: docker-compose.yml (Docker cannot run here, so it is parsed), the
Procfile of `make run`, the beat schedule, and — with RUN_SMOKE=1 — `make run` itself."""

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def command_of(service) -> list[str]:
    command = service.get("command", [])
    return shlex.split(command) if isinstance(command, str) else [str(a) for a in command]


def test_compose_has_the_production_services(compose):
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(compose["services"])


def test_web_runs_gunicorn_on_port_8000(compose):
    web = compose["services"]["web"]
    command = command_of(web)
    assert command[0] == "gunicorn"
    assert "config.wsgi:application" in command or "config.wsgi" in command
    assert any("0.0.0.0:8000" in arg for arg in command)
    assert any(str(port).endswith(":8000") for port in web["ports"])
    assert "healthcheck" in web


@pytest.mark.parametrize(("service", "subcommand"), [("worker", "worker"), ("beat", "beat")])
def test_worker_and_beat_run_celery_with_the_config_app(compose, service, subcommand):
    command = command_of(compose["services"][service])
    assert command[0] == "celery"
    assert command[command.index("-A") + 1] == "config"
    assert subcommand in command


def test_migrations_run_before_the_app_starts(compose):
    services = compose["services"]
    assert command_of(services["migrate"])[-2:] == ["migrate", "--noinput"]
    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["postgres"]["condition"] == "service_healthy"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_secret_key_is_required_and_debug_off(compose, name):
    env = compose["services"][name]["environment"]
    assert re.fullmatch(r"\$\{SECRET_KEY:\?[^}]+\}", env["SECRET_KEY"]), env["SECRET_KEY"]
    assert str(env["DEBUG"]) in {"0", "False", "false"}


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_point_at_postgres_and_redis(compose, name):
    env = compose["services"][name]["environment"]
    assert re.fullmatch(r"postgres(ql)?://[^@]+@postgres:5432/\w+", env["DATABASE_URL"])
    assert re.fullmatch(r"redis://redis:6379/\d+", env["CELERY_BROKER_URL"])
    for variable in ("ALLOWED_HOSTS", "SITE_URL", "EMAIL_HOST", "DEFAULT_FROM_EMAIL"):
        assert variable in env


def test_stateful_services_keep_their_data_in_volumes(compose):
    services, volumes = compose["services"], set(compose["volumes"])
    mounts = {
        name: {str(v).split(":")[0] for v in services[name].get("volumes", [])}
        for name in ("postgres", "web", "worker")
    }
    assert mounts["postgres"] & volumes
    assert "media" in mounts["web"] & mounts["worker"] & volumes
    for name in ("postgres", "redis"):
        assert "healthcheck" in services[name]


def test_dockerfile_runs_as_a_non_root_user():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "FROM python:3.11-slim" in dockerfile
    assert "-c requirements/constraints.txt" in dockerfile
    users = re.findall(r"^USER\s+(\S+)", dockerfile, flags=re.M)
    assert users and users[-1] not in {"root", "0"}


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text(encoding="utf-8").splitlines()
    return dict(m.groups() for m in (re.match(r"^([\w-]+):\s*(.+)$", line) for line in lines) if m)


def test_procfile_starts_web_worker_and_beat():
    processes = procfile()
    assert set(processes) == {"web", "worker", "beat"}
    assert "manage.py runserver" in processes["web"] or "gunicorn" in processes["web"]
    assert processes["worker"].startswith("celery -A config worker")
    assert processes["beat"].startswith("celery -A config beat")


def test_every_scheduled_task_is_a_registered_celery_task():
    from config.celery import app

    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled
    assert scheduled <= set(app.tasks), scheduled - set(app.tasks)


@pytest.mark.skipif(
    os.environ.get("RUN_SMOKE") != "1",
    reason="slow (may create the venv): set RUN_SMOKE=1 to run `make run` end to end",
)
def test_make_run_smoke():
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "smoke_run.sh")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert "OK" in result.stdout.splitlines()[-1], output[-6000:]
