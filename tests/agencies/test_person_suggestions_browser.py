"""The dossier form's person suggestion in a real browser: a namesake with another birth date
is offered too, and only the person clicked is linked."""

import re
from datetime import date

import pytest

from agencies.models import Person
from tests.browser import screenshot
from tests.conftest import make_draft

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_choosing_a_suggested_person_links_the_author(new_page, province):
    draft = make_draft(province, authors=[("Tác giả cũ", 100)])
    known = Person.objects.create(
        full_name="Nguyễn Văn An", birth_date=date(1980, 5, 1), agency=province.stp
    )
    page = new_page(province.staff)
    page.goto(f"/initiatives/{draft.pk}/edit/")
    name = page.locator('[name="authors-0-full_name"]')
    name.fill("nguyen van an")
    name.dispatch_event("change")
    box = page.locator("[data-person-suggestions]").first
    box.get_by_role("button").wait_for()
    assert "Nguyễn Văn An" in box.inner_text() and "01/05/1980" in box.inner_text()
    screenshot(page, "40-person-suggestion")
    box.get_by_role("button").click()
    assert page.locator('[name="authors-0-person"]').input_value() == str(known.pk)
    page.locator('button[name="next"][value=""]').click()
    page.wait_for_url(re.compile(rf"/initiatives/{draft.pk}/$"))
    assert draft.authors.get().person_id == known.pk


def test_the_person_pages_are_accessible(new_page, province):
    """axe-core (WCAG 2 A/AA) on the search and a person's page, as tests/e2e does."""
    from tests.e2e.test_accessibility import AXE, RUN_AXE, WCAG_TAGS

    person = Person.objects.create(
        full_name="Nguyễn Văn An", birth_date=date(1980, 5, 1), agency=province.stp
    )
    page = new_page(province.reviewer)
    page.context.add_init_script(path=str(AXE))
    pages = [
        ("/persons/?q=nguyen", "41-person-search"),
        (f"/persons/{person.pk}/?from=2020&level=provincial", "42-person-page"),
    ]
    for path, shot in pages:
        response = page.goto(path)
        assert response.status == 200
        page.wait_for_load_state("networkidle")
        assert page.evaluate(RUN_AXE, WCAG_TAGS) == [], path
        screenshot(page, shot)
