"""API tokens (django-rest-knox): hashed at rest, expiring when unused, revoked on logout and on
a password change; the token endpoint's lockout (django-axes) and the throttles of the
endpoints open to anyone."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse
from knox.crypto import hash_token
from rest_framework.test import APIClient

from agencies.models import ApiToken, User
from api.throttles import RegistryRateThrottle, TokenRateThrottle, VerifyRateThrottle

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-123"  # tests/conftest.py make_user
NOW = datetime(2027, 3, 5, 7, 20, 30, tzinfo=UTC)  # 14:20:30 in Hà Nội


class OneRoundPBKDF2Hasher(PBKDF2PasswordHasher):
    """A stronger hasher than the tests' MD5, and fast: logging in re-hashes to it."""

    iterations = 1


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def client_for(ip="10.0.0.1"):
    return APIClient(REMOTE_ADDR=ip)


def obtain(username="reviewer", password=PASSWORD, ip="10.0.0.1"):
    return client_for(ip).post(
        "/api/v1/auth/token/", {"username": username, "password": password}, format="json"
    )


def token_for(username="reviewer"):
    response = obtain(username)
    assert response.status_code == 200, response.content
    return response.data["token"]


def me(key):
    client = client_for()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get("/api/v1/me/")


def bearer(key):
    client = client_for()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


# --- Issuing and storing tokens ---------------------------------------------------------------


def test_token_endpoint_keeps_the_contract(province, clock):
    response = obtain()
    assert response.status_code == 200
    assert set(response.data) == {"token", "expiry"}
    assert response.data["expiry"] == "2027-04-04T14:20:30+07:00"  # 30 days, Hà Nội time
    assert me(response.data["token"]).data["username"] == "reviewer"


def test_wrong_credentials_are_a_400_in_vietnamese(province):
    response = obtain(password="sai-mat-khau")
    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["Tên đăng nhập hoặc mật khẩu không đúng."]}
    english = client_for().post(
        "/api/v1/auth/token/",
        {"username": "reviewer", "password": "sai"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert english.data == {"non_field_errors": ["Wrong username or password."]}


def test_missing_fields_are_a_400(province):
    response = client_for().post("/api/v1/auth/token/", {}, format="json")
    assert response.status_code == 400 and set(response.data) == {"username", "password"}


def test_the_database_holds_only_a_hash_of_the_token(province):
    key = token_for()
    token = ApiToken.objects.get(user=province.reviewer)
    assert token.digest == hash_token(key) and token.digest != key
    assert key.startswith(token.token_key) and len(token.token_key) < len(key)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert key not in stored


def test_a_made_up_token_is_a_401(province):
    token_for()
    assert me("0" * 64).status_code == 401


def test_every_login_gets_its_own_token(province):
    first, second = token_for(), token_for()
    assert first != second
    assert ApiToken.objects.filter(user=province.reviewer).count() == 2


def test_a_user_keeps_at_most_the_newest_tokens(province, clock, settings):
    settings.API_TOKENS_PER_USER = 3
    keys = []
    for _ in range(4):
        keys.append(token_for())
        clock.shift(timedelta(minutes=1))
    assert ApiToken.objects.filter(user=province.reviewer).count() == 3
    assert me(keys[0]).status_code == 401
    assert all(me(key).status_code == 200 for key in keys[1:])


# --- Expiry -----------------------------------------------------------------------------------


def test_a_token_unused_for_the_ttl_dies(province, clock):
    key = token_for()
    clock.shift(timedelta(days=30, minutes=1))
    response = me(key)
    assert response.status_code == 401
    assert response.data["detail"] == "Token không hợp lệ."
    assert not ApiToken.objects.exists()


def test_each_use_extends_the_token(province, clock):
    key = token_for()
    for _ in range(3):  # 75 days in all, never 30 without use
        clock.shift(timedelta(days=25))
        assert me(key).status_code == 200
    token = ApiToken.objects.get()
    assert token.last_used_at == datetime(2027, 5, 19, 7, 20, 30, tzinfo=UTC)
    assert token.expiry == token.last_used_at + timedelta(days=30)
    clock.shift(timedelta(days=31))
    assert me(key).status_code == 401


def test_the_ttl_comes_from_the_settings(province, clock, settings):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": timedelta(days=2)}
    key = token_for()
    clock.shift(timedelta(days=2, minutes=1))
    assert me(key).status_code == 401


def test_uses_within_a_minute_write_once(province, clock, django_assert_num_queries):
    key = token_for()
    clock.shift(timedelta(hours=1))
    assert me(key).status_code == 200
    clock.shift(timedelta(seconds=20))
    with django_assert_num_queries(3):  # token + other tokens of the user + memberships
        assert me(key).status_code == 200


# --- Revocation -------------------------------------------------------------------------------


def test_logout_revokes_the_token_used_and_only_it(province):
    used, other = token_for(), token_for()
    response = bearer(used).post("/api/v1/auth/logout/")
    assert response.status_code == 204
    assert me(used).status_code == 401
    assert me(other).status_code == 200


def test_logout_needs_a_token(province, api):
    assert api().post("/api/v1/auth/logout/").status_code == 401
    browser = APIClient(enforce_csrf_checks=False)
    browser.force_login(province.reviewer)  # a session is not a token: nothing to revoke
    assert browser.post("/api/v1/auth/logout/").status_code == 401


def test_logout_all_revokes_every_token_of_the_caller(province):
    first, second = token_for(), token_for()
    someone_else = token_for("leader")
    assert bearer(first).post("/api/v1/auth/logout-all/").status_code == 204
    assert me(first).status_code == 401 and me(second).status_code == 401
    assert me(someone_else).status_code == 200


def test_set_password_and_save_revokes_the_tokens(province):
    key, leaders = token_for(), token_for("leader")
    user = User.objects.get(username="reviewer")
    user.set_password("a-new-password-456")
    user.save()
    assert me(key).status_code == 401
    assert me(leaders).status_code == 200
    assert obtain(password="a-new-password-456").status_code == 200


def test_changing_the_password_on_its_page_revokes_the_tokens(province, client):
    key = token_for()
    client.force_login(province.reviewer)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "mat-khau-moi-2027",
            "new_password2": "mat-khau-moi-2027",
        },
    )
    assert response.status_code == 302
    assert me(key).status_code == 401
    # The person stays logged in on the page where they changed it.
    assert client.get("/").status_code == 200


def test_an_admin_setting_a_password_revokes_the_tokens(province, admin_client):
    key = token_for()
    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[province.reviewer.pk]),
        {
            "password1": "mat-khau-moi-2027",
            "password2": "mat-khau-moi-2027",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    assert me(key).status_code == 401


def test_changepassword_command_revokes_the_tokens(province, monkeypatch):
    from django.contrib.auth.management.commands import changepassword
    from django.core.management import call_command

    key = token_for()
    monkeypatch.setattr(changepassword.getpass, "getpass", lambda prompt="": "mat-khau-moi-2027")
    call_command("changepassword", "reviewer", stdout=StringIO())
    assert me(key).status_code == 401


def test_other_changes_to_the_user_keep_the_tokens(province):
    key = token_for()
    user = User.objects.get(username="reviewer")
    user.full_name = "Phạm Thu Hằng"
    user.save()
    assert me(key).status_code == 200


def test_a_stronger_hash_of_the_same_password_keeps_the_tokens(province, settings):
    key = token_for()
    settings.PASSWORD_HASHERS = [
        f"{__name__}.OneRoundPBKDF2Hasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    token_for()  # a login: the right password, re-hashed with the preferred hasher
    assert User.objects.get(username="reviewer").password.startswith("pbkdf2_sha256$1$")
    assert me(key).status_code == 200


def test_an_inactive_user_token_is_refused(province):
    key = token_for()
    User.objects.filter(username="reviewer").update(is_active=False)
    assert me(key).status_code == 401


# --- Demo accounts ----------------------------------------------------------------------------


def test_a_demo_token_taken_with_debug_on_dies_when_debug_is_off(province, settings):
    User.objects.filter(username="reviewer").update(is_demo=True)
    settings.DEBUG = True
    key = token_for()
    assert me(key).status_code == 200
    settings.DEBUG = False
    response = me(key)
    assert response.status_code == 401
    assert response.data["detail"] == "Tài khoản dùng thử đã bị vô hiệu hóa trên hệ thống này."
    assert obtain().status_code == 400  # and no new token either


# --- Lockout ----------------------------------------------------------------------------------


@pytest.fixture
def lockout(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def test_token_endpoint_locks_after_the_failure_limit(province, lockout, clock):
    statuses = [obtain(password="sai").status_code for _ in range(3)]
    assert statuses == [400, 400, 429]

    clock.shift(timedelta(minutes=1))
    response = obtain()  # the right password, while locked
    assert response.status_code == 429
    assert response.data == {
        "detail": "Đăng nhập sai quá nhiều lần: tạm thời không thể đăng nhập vào tài khoản "
        "này từ địa chỉ mạng của bạn. Bạn có thể thử lại lúc 05/03/2027 14:36."
    }
    assert int(response["Retry-After"]) == 14 * 60
    assert not ApiToken.objects.exists()

    assert obtain(ip="10.0.0.2").status_code == 200  # from another address
    assert obtain("leader").status_code == 200  # another account from this one
    clock.shift(timedelta(minutes=15))
    assert obtain().status_code == 200


def test_login_page_failures_lock_the_api_too(province, lockout, client):
    for _ in range(3):
        client.post(
            "/accounts/login/",
            {"username": "reviewer", "password": "sai"},
            REMOTE_ADDR="10.0.0.1",
        )
    assert obtain().status_code == 429


def test_axes_reset_unlocks_the_api(province, lockout):
    from django.core.management import call_command

    for _ in range(3):
        obtain(password="sai")
    call_command("axes_reset_username", "reviewer", verbosity=0)
    assert obtain().status_code == 200


# --- Throttles --------------------------------------------------------------------------------


@pytest.fixture
def rates(settings):
    def set_rates(**rates):
        current = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**current, **rates},
        }

    return set_rates


def test_token_endpoint_is_throttled_per_address(province, rates):
    rates(auth_token="3/minute")
    assert [obtain().status_code for _ in range(3)] == [200, 200, 200]
    response = obtain()
    assert response.status_code == 429
    assert response.data["detail"].startswith("Quá nhiều yêu cầu. Vui lòng thử lại sau")
    assert 0 < int(response["Retry-After"]) <= 60
    assert obtain(ip="10.0.0.9").status_code == 200


def test_registry_is_throttled_per_address(db, rates, clock):
    rates(registry="5/minute")
    anonymous = client_for()
    assert [anonymous.get("/api/v1/registry/").status_code for _ in range(5)] == [200] * 5
    response = anonymous.get("/api/v1/registry/")
    assert response.status_code == 429
    assert response.data == {"detail": "Quá nhiều yêu cầu. Vui lòng thử lại sau 60 giây."}
    assert response["Retry-After"] == "60"
    assert client_for("10.0.0.2").get("/api/v1/registry/").status_code == 200
    clock.shift(timedelta(seconds=61))
    assert anonymous.get("/api/v1/registry/").status_code == 200


def test_default_rates_leave_room_for_normal_use(db):
    anonymous = client_for()
    assert all(anonymous.get("/api/v1/registry/").status_code == 200 for _ in range(30))


def test_throttle_scopes_and_rates(rates):
    rates(auth_token="7/minute", registry="8/hour", verify="9/day")
    assert (TokenRateThrottle().num_requests, TokenRateThrottle().duration) == (7, 60)
    assert (RegistryRateThrottle().num_requests, RegistryRateThrottle().duration) == (8, 3600)
    # GET /api/v1/verify/{code}/ (api/verify.py; its throttling: tests/documents).
    assert VerifyRateThrottle.scope == "verify"
    assert (VerifyRateThrottle().num_requests, VerifyRateThrottle().duration) == (9, 86400)
