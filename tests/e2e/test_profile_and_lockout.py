"""The profile page and a locked-out login in a real browser."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from agencies.models import ApiToken
from agencies.services import api_token_create
from tests.browser import PASSWORD, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_profile_from_the_user_menu_and_revoking_a_token(new_page, province):
    kept, _key = api_token_create(user=province.reviewer)
    revoked, _key = api_token_create(user=province.reviewer)
    page = new_page(province.reviewer)
    page.goto("/")
    page.locator("#user-menu").click()
    page.get_by_role("link", name="Hồ sơ cá nhân").click()
    assert page.get_by_role("heading", name="Hồ sơ cá nhân").is_visible()
    assert page.locator("tr.api-token").count() == 2
    screenshot(page, "40-profile")

    # Revoking asks first; cancelling keeps the token.
    row = page.locator("tr.api-token", has_text=revoked.token_key)
    row.get_by_role("button", name="Thu hồi").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text(revoked.token_key)).to_be_visible()
    screenshot(page, "41-profile-revoke-confirm")
    dialog.get_by_role("button", name="Hủy").click()
    dialog.wait_for(state="hidden")
    assert ApiToken.objects.filter(pk=revoked.pk).exists()

    row.get_by_role("button", name="Thu hồi").click()
    page.get_by_role("dialog").get_by_role("button", name="Thu hồi").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Đã thu hồi mã truy cập API")).to_be_visible()
    assert page.locator("tr.api-token").count() == 1
    assert list(ApiToken.objects.values_list("pk", flat=True)) == [kept.pk]
    assert page.js_errors == []


def test_a_locked_out_login_says_when_to_come_back(new_page, province, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    page = new_page()
    page.goto("/accounts/login/")
    for _ in range(3):
        page.get_by_label("Tên đăng nhập").fill("reviewer")
        page.get_by_label("Mật khẩu").fill("wrong-password")
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state()
    page.get_by_label("Tên đăng nhập").fill("reviewer")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Bạn có thể thử lại lúc")).to_be_visible()
    assert page.url.endswith("/accounts/login/")
    screenshot(page, "42-login-locked-out")
