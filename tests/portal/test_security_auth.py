"""Brute-force protection of the login page and of the admin login (django-axes), and the
profile page where a person sees and revokes their API tokens."""

import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse

from agencies.models import ApiToken, User
from agencies.services import api_token_create
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-123"  # tests/conftest.py make_user
# 14:20:30 in Hà Nội: a lockout of 15 minutes ends at 14:35:30, shown rounded up as 14:36.
NOW = datetime(2027, 3, 5, 7, 20, 30, tzinfo=UTC)
UNLOCK_TEXT = "thử lại lúc 05/03/2027 14:36"
LOCKED_VI = "Đăng nhập sai quá nhiều lần"


@pytest.fixture(autouse=True)
def _lockout_settings(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def log_in(client, username, password, ip="10.0.0.1", url="/accounts/login/"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def logged_in(client):
    return "_auth_user_id" in client.session


def fail(client, username, times, **kwargs):
    return [log_in(client, username, "wrong-password", **kwargs) for _ in range(times)]


# --- The login page ---------------------------------------------------------------------------


def test_login_page_locks_after_the_failure_limit_and_says_until_when(province, client, clock):
    first, second, third = fail(client, "reviewer", 3)
    assert first.status_code == second.status_code == 200
    assert LOCKED_VI not in second.content.decode()

    # The third failure reaches the limit: the page says so and until when (Hà Nội time).
    page = third.content.decode()
    assert third.status_code == 429
    assert LOCKED_VI in page and UNLOCK_TEXT in page
    assert int(third["Retry-After"]) == 15 * 60

    # The right password is refused while locked, with the same message and time.
    clock.shift(timedelta(minutes=5))
    right = log_in(client, "reviewer", PASSWORD)
    assert right.status_code == 429 and UNLOCK_TEXT in right.content.decode()
    assert not logged_in(client)
    assert int(right["Retry-After"]) == 10 * 60


def test_lockout_ends_after_the_cool_off(province, client, clock):
    fail(client, "reviewer", 3)
    clock.shift(timedelta(minutes=16))
    response = log_in(client, "reviewer", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert logged_in(client)


def test_another_ip_address_or_another_username_is_not_locked(province, client):
    fail(client, "reviewer", 3, ip="10.0.0.1")
    assert log_in(client, "reviewer", "wrong-password", ip="10.0.0.1").status_code == 429

    # The same person from another address: logged in.
    assert log_in(client, "reviewer", PASSWORD, ip="10.0.0.2").status_code == 302
    client.logout()
    # A colleague behind the same address: logged in.
    assert log_in(client, "leader", PASSWORD, ip="10.0.0.1").status_code == 302


def test_a_forged_forwarded_for_header_does_not_dodge_the_lockout(province, client):
    for n in range(3):
        client.post(
            "/accounts/login/",
            {"username": "reviewer", "password": "wrong-password"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    response = client.post(
        "/accounts/login/",
        {"username": "reviewer", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert response.status_code == 429 and not logged_in(client)


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(province, client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(3):
        client.post(
            "/accounts/login/",
            {"username": "reviewer", "password": "wrong-password"},
            REMOTE_ADDR="172.18.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
    other_client = client.post(
        "/accounts/login/",
        {"username": "reviewer", "password": PASSWORD},
        REMOTE_ADDR="172.18.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.8",
    )
    assert other_client.status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(province, client):
    fail(client, "reviewer", 2)
    assert log_in(client, "reviewer", PASSWORD).status_code == 302
    client.logout()
    assert [r.status_code for r in fail(client, "reviewer", 2)] == [200, 200]


def test_axes_reset_command_unlocks(province, client):
    fail(client, "reviewer", 3)
    call_command("axes_reset", verbosity=0)
    assert log_in(client, "reviewer", PASSWORD).status_code == 302


def test_axes_reset_username_command_unlocks_only_that_user(province, client):
    fail(client, "reviewer", 3)
    fail(client, "leader", 3)
    call_command("axes_reset_username", "reviewer", verbosity=0)
    assert log_in(client, "reviewer", PASSWORD).status_code == 302
    client.logout()
    assert log_in(client, "leader", PASSWORD).status_code == 429


def test_admin_unlocks_users_from_the_user_list(province, client, admin_client):
    fail(client, "reviewer", 3)
    response = admin_client.post(
        reverse("admin:agencies_user_changelist"),
        {"action": "unlock_logins", "_selected_action": [province.reviewer.pk]},
        follow=True,
    )
    assert "có thể đăng nhập lại ngay" in response.content.decode()
    assert not AccessAttempt.objects.exists()
    assert log_in(client, "reviewer", PASSWORD).status_code == 302


def test_admin_sees_and_deletes_lockouts(province, client, admin_client):
    fail(client, "reviewer", 3)
    attempt = AccessAttempt.objects.get()
    listing = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200 and "reviewer" in listing.content.decode()
    admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert log_in(client, "reviewer", PASSWORD).status_code == 302


def test_admin_pages_of_lockouts_and_tokens(province, admin_client):
    assert "Khóa đăng nhập" in admin_client.get("/admin/").content.decode()
    token, key = api_token_create(user=province.reviewer)
    listing = admin_client.get(reverse("admin:agencies_apitoken_changelist")).content.decode()
    assert f"{token.token_key}…" in listing and key not in listing
    # Tokens are only ever issued through the API, where the client sees them once.
    assert admin_client.get(reverse("admin:agencies_apitoken_add")).status_code == 403
    admin_client.post(reverse("admin:agencies_apitoken_delete", args=[token.pk]), {"post": "yes"})
    assert not ApiToken.objects.exists()


# --- The admin's login page -------------------------------------------------------------------


def test_admin_login_locks_too_and_says_until_when(province, client, clock):
    User.objects.filter(pk=province.reviewer.pk).update(is_staff=True)
    url = "/admin/login/?next=/admin/"
    responses = fail(client, "reviewer", 3, url=url)
    assert [r.status_code for r in responses] == [200, 200, 429]
    right = log_in(client, "reviewer", PASSWORD, url=url)
    page = right.content.decode()
    assert right.status_code == 429 and LOCKED_VI in page and UNLOCK_TEXT in page
    assert not logged_in(client)

    # The login page and the admin count together: it is one account from one address.
    assert log_in(client, "reviewer", PASSWORD).status_code == 429


def test_failures_on_the_admin_and_the_login_page_add_up(province, client):
    User.objects.filter(pk=province.reviewer.pk).update(is_staff=True)
    fail(client, "reviewer", 2, url="/admin/login/")
    assert log_in(client, "reviewer", "wrong-password").status_code == 429


def test_the_limit_and_duration_come_from_the_environment(settings):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; "
        "from django.conf import settings as s; "
        "print(s.AXES_FAILURE_LIMIT, int(s.AXES_COOLOFF_TIME.total_seconds()), "
        "s.REST_KNOX['TOKEN_TTL'].days, s.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']['registry'])"
    )
    env = {
        "LOGIN_FAILURE_LIMIT": "7",
        "LOGIN_LOCKOUT_MINUTES": "30",
        "API_TOKEN_TTL_DAYS": "10",
        "THROTTLE_REGISTRY_RATE": "9/hour",
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out == ["7", "1800", "10", "9/hour"]


# --- The profile page -------------------------------------------------------------------------


def test_profile_needs_a_login(client):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_profile_shows_the_person_roles_links_and_own_tokens(province, client, clock):
    mine, _key = api_token_create(user=province.reviewer)
    theirs, _other = api_token_create(user=province.leader)
    client.force_login(province.reviewer)
    page = client.get("/accounts/profile/").content.decode()

    assert "Hồ sơ cá nhân" in page
    assert "Phạm Thu Hà" in page and "reviewer@example.vn" in page
    assert "Chuyên viên thẩm định (Sở Khoa học và Công nghệ) — Sở Khoa học và Công nghệ" in page
    assert f'href="{reverse("password_change")}"' in page
    assert f'href="{reverse("notifications:settings")}"' in page
    # The token's first characters, when it was issued and when it expires (Hà Nội time).
    assert f"{mine.token_key}…" in page and theirs.token_key not in page
    assert "05/03/2027 14:20" in page  # created
    assert "04/04/2027 14:20" in page  # expires after 30 days
    assert f'action="{reverse("token_revoke", args=[mine.pk])}"' in page


def test_profile_shows_when_a_token_was_last_used(province, client, api, clock):
    _token, key = api_token_create(user=province.reviewer)
    clock.shift(timedelta(days=2, hours=1))
    caller = api()
    caller.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert caller.get("/api/v1/me/").status_code == 200
    client.force_login(province.reviewer)
    page = client.get("/accounts/profile/").content.decode()
    assert "07/03/2027 15:20" in page  # last used, and the expiry moved 30 days after it
    assert "06/04/2027 15:20" in page


def test_profile_in_the_user_menu(province, client):
    client.force_login(province.reviewer)
    page = client.get("/").content.decode()
    assert f'href="{reverse("profile")}"' in page


def test_profile_page_has_no_inline_script_or_style(province, client):
    api_token_create(user=province.reviewer)
    client.force_login(province.reviewer)
    page = client.get("/accounts/profile/").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert " style=" not in page and "onclick" not in page


def test_revoking_a_token_from_the_profile(province, client, api):
    token, key = api_token_create(user=province.reviewer)
    _kept, kept_key = api_token_create(user=province.reviewer)
    client.force_login(province.reviewer)

    response = client.post(reverse("token_revoke", args=[token.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("profile")
    assert "Đã thu hồi mã truy cập API" in response.content.decode()
    assert not ApiToken.objects.filter(pk=token.pk).exists()

    caller = api()
    caller.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert caller.get("/api/v1/me/").status_code == 401
    caller.credentials(HTTP_AUTHORIZATION=f"Token {kept_key}")
    assert caller.get("/api/v1/me/").status_code == 200


def test_nobody_revokes_someone_elses_token(province, client, api):
    token, key = api_token_create(user=province.leader)
    client.force_login(province.reviewer)
    with nothing_changes(token):
        assert client.post(reverse("token_revoke", args=[token.pk])).status_code == 404
    caller = api()
    caller.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert caller.get("/api/v1/me/").status_code == 200


def test_revoke_needs_a_post(province, client):
    token, _key = api_token_create(user=province.reviewer)
    client.force_login(province.reviewer)
    with nothing_changes(token):
        assert client.get(reverse("token_revoke", args=[token.pk])).status_code == 405


def test_revoke_all_from_the_profile(province, client):
    for _ in range(3):
        api_token_create(user=province.reviewer)
    api_token_create(user=province.leader)
    client.force_login(province.reviewer)
    response = client.post(reverse("token_revoke_all"), follow=True)
    assert "Đã thu hồi 3 mã truy cập API" in response.content.decode()
    assert "Bạn chưa có mã truy cập API nào" in response.content.decode()
    assert not ApiToken.objects.filter(user=province.reviewer).exists()
    assert ApiToken.objects.filter(user=province.leader).count() == 1
