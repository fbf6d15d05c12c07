"""One password tried against many usernames from one address (password spraying) never trips
the per-account lockout; failures are also counted per address, with a higher limit."""

from datetime import timedelta

import pytest

from tests.portal.test_security_auth import LOCKED_VI, PASSWORD, log_in, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = 5  # per username and address: never reached below
    settings.LOGIN_FAILURES_PER_ADDRESS = 4
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def spray(client, usernames, ip="10.0.0.7", url="/accounts/login/"):
    return [log_in(client, name, "Matkhau@2027", ip=ip, url=url) for name in usernames]


def test_spraying_from_one_address_blocks_that_address(province, client):
    spray(client, ["reviewer", "leader", "council1", "council2"])

    # The right password of a fifth account, from that address: refused, and said why.
    page = log_in(client, "head_tuphap", PASSWORD, ip="10.0.0.7")
    assert not logged_in(client)
    assert LOCKED_VI in page.content.decode() and "thử lại lúc" in page.content.decode()

    # Another address is not concerned.
    log_in(client, "head_tuphap", PASSWORD, ip="10.0.0.8")
    assert logged_in(client)


def test_fewer_failures_than_the_limit_block_nothing(province, client):
    spray(client, ["reviewer", "leader", "council1"])
    log_in(client, "head_tuphap", PASSWORD, ip="10.0.0.7")
    assert logged_in(client)


def test_the_admin_login_and_the_api_count_and_refuse_too(province, client, api):
    spray(client, ["reviewer", "leader"], url="/admin/login/")
    spray(client, ["council1", "council2"])
    response = api().post(
        "/api/v1/auth/token/",
        {"username": "head_tuphap", "password": PASSWORD},
        format="json",
        REMOTE_ADDR="10.0.0.7",
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 429
    assert LOCKED_VI in response.json()["detail"] and int(response["Retry-After"]) > 0
