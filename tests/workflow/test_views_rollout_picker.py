"""The rollout target picker in a real browser: quick selection by kind and by parent, the
diacritics-insensitive search filter and the live count (static/js/rollout_picker.js)."""

import pytest
from django.urls import reverse

from agencies.models import Agency
from tests.conftest import make_agency

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page_as(new_page):
    def build(user, path):
        page = new_page(user, locale="en")
        page.goto(path)
        return page

    return build


def checked(page) -> int:
    return page.locator("input[name=target_agencies]:checked").count()


def test_picker_selects_by_kind_parent_and_search(page_as, province, at_state):
    initiative = at_state("recognized")
    make_agency("UBND-LYNHANTONG", "UBND phường Lý Nhân Tông", Agency.Kind.COMMUNE, province.dailu)
    url = reverse("workflow:transition", args=[initiative.pk, "start_rollout"])
    page = page_as(province.leader, url)
    assert page.locator("#picker-tools").is_visible()
    count = page.locator("#selected-count")
    assert count.inner_text() == "0 agencies selected"

    communes = Agency.objects.filter(kind=Agency.Kind.COMMUNE, is_active=True).count()
    page.click("button[data-picker=kind][data-kind=commune]")
    assert checked(page) == communes
    assert count.inner_text() == f"{communes} agencies selected"

    page.click("button[data-picker=clear]")
    assert checked(page) == 0
    page.select_option("#parent-select", str(province.dailu.pk))
    page.click("button[data-picker=parent]")
    assert checked(page) == 1 and count.inner_text() == "1 agency selected"

    # Search without diacritics, đ folded to d: only matching agencies stay visible.
    page.fill("#agency-search", "dai tu")
    assert page.locator(".agency-option:visible").count() == 1
    page.fill("#agency-search", "")
    page.check(f"#agency-{province.snv.pk}")
    assert count.inner_text() == "2 agencies selected"
    assert not page.js_errors

    page.click("#confirm-button")
    page.wait_for_url(f"**/initiatives/{initiative.pk}/")
    initiative.refresh_from_db()
    assert initiative.status == "rollout"
