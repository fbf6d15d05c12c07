"""The web process as production runs it — gunicorn, DEBUG off — started by a test against a
database of its choosing, and a small HTTP client that keeps cookies and never raises on an
error status (the tests look at 503 answers)."""

import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.notifications.celery_support import _die_with_parent, free_port, wait_for

BASE_DIR = Path(__file__).resolve().parents[2]
SECRET_KEY = "test-only-key-for-a-web-process-started-by-the-suite-0123456789"


def project_env(var_dir: Path, **overrides: str) -> dict[str, str]:
    """The environment of a project process: the suite's own, pointed elsewhere."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY=SECRET_KEY,
        VAR_DIR=str(var_dir),
        MEDIA_ROOT=str(var_dir / "media"),
        CELERY_BROKER_URL="filesystem://",
        ALLOWED_HOSTS="127.0.0.1",
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result.stdout


class WebProcess:
    """gunicorn with one sync worker: the same worker, with its kept database connection,
    serves every request of the test."""

    def __init__(self, env: dict[str, str], log_path: Path):
        self.env = env
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "config.wsgi:application",
                "--bind", f"127.0.0.1:{self.port}", "--workers", "1", "--timeout", "60",
            ],
            cwd=BASE_DIR, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,
        )  # fmt: skip
        wait_for(self._listening, "gunicorn to answer", timeout=60)

    def _listening(self) -> bool:
        assert self.process.poll() is None, f"gunicorn exited:\n{self.log()}"
        try:
            urllib.request.urlopen(f"{self.base}/registry/", timeout=5)
        except urllib.error.HTTPError:
            return True  # it answers; the status is the test's business
        except OSError:
            return False
        return True

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        self._log.close()


@dataclass
class Answer:
    status: int
    content_type: str
    text: str


class Browser:
    """Cookies kept between requests, like a browser; an error status is an answer, not an
    exception."""

    def __init__(self, base: str, headers: dict[str, str] | None = None):
        self.base = base
        self.headers = headers or {}
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def request(self, path: str, data: dict | None = None) -> Answer:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=self.headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return Answer(response.status, response.headers["Content-Type"], _text(response))
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers["Content-Type"], _text(error))

    def log_in(self, username: str, password: str) -> Answer:
        form = self.request("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        return self.request(
            "/accounts/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": token},
        )


def _text(response) -> str:
    return response.read().decode("utf-8", errors="replace")
