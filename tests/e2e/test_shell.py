"""The layout in a real browser: login, menu, language switch, phone width."""

import pytest

from tests.browser import login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_login_and_work_list(new_page, province):
    page = new_page()
    login(page, province.reviewer)
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Việc cần làm").is_visible()
    screenshot(page, "00-work-list-empty")


def test_language_switch_translates_the_page(new_page, province):
    page = new_page(province.staff)
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="My work").is_visible()


def test_phone_width_has_a_menu_button(new_page, province):
    page = new_page(province.staff, width=375, height=740)
    page.goto("/")
    toggler = page.get_by_role("button", name="Mở menu")
    assert toggler.is_visible()
    toggler.click()
    assert page.get_by_role("link", name="Tạo hồ sơ").is_visible()
    screenshot(page, "01-phone-menu")
