"""Browser fixtures (a pytest plugin loaded by tests/conftest.py): Playwright drives Debian's
Chromium against a live Django server.

Playwright never downloads a browser here: the executable is /usr/bin/chromium (or $CHROMIUM).
Without it the browser tests skip locally and fail under CI=true. Screenshots of the main
pages go to tests/artifacts/screenshots/ for a person to look at.
"""

import os
from pathlib import Path

import pytest
from django.test import Client

# Playwright's sync API runs an event loop in the test's thread; the test's own ORM calls are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent / "artifacts" / "screenshots"
PASSWORD = "pw-for-tests-123"  # tests.conftest.make_user's password
LOCALES = {"vi": "vi-VN", "en": "en-US"}


@pytest.fixture(scope="session")
def browser():
    from tests.conftest import require_service

    if not Path(CHROMIUM).exists():
        require_service("Chromium", f"install Debian's chromium ({CHROMIUM} is missing)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """new_page(user=None, *, locale="vi", width=1280, height=900) → a page in its own context.

    With a user, the context starts logged in (session cookie); JavaScript errors on the page
    are collected in page.js_errors.
    """
    contexts = []

    def build(user=None, *, locale="vi", width=1280, height=900):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            locale=LOCALES[locale],
            timezone_id="Asia/Ho_Chi_Minh",
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        if user is not None:
            context.add_cookies([_session_cookie(user, live_server.url)])
        page = context.new_page()
        page.js_errors = []
        page.on("pageerror", lambda error: page.js_errors.append(str(error)))
        return page

    yield build
    for context in contexts:
        context.close()


def _session_cookie(user, url):
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}


def login(page, user):
    """Log in through the login page, as a person does."""
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/")


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
