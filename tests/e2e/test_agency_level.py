"""The agencies' own (cơ sở) track in a real browser (issue 13): the agency's initiative secretary
finds the dossier on her work list and accepts it for the agency's own council, the head
recognizes it at agency level, the staff propose it to the province in one step, and the
province's leader reads the agency level as figures. Screenshots 73–75 in tests/artifacts/
screenshots/ and an axe-core audit (WCAG 2 A/AA) of each new page."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from initiatives.models import Initiative
from tests.browser import screenshot

from .helpers import STATUS_VI, dmy, vi, work_items
from .test_rounds_and_persons import audited

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def confirm(page, pk):
    page.locator("#confirm-button").click()
    page.wait_for_url(re.compile(rf".*/initiatives/{pk}/$"))
    expect(page.locator(".alert-success")).to_be_visible()


def test_a_cơ_sở_dossier_from_the_secretary_to_the_province(
    new_page, province, track, at_agency_state
):
    initiative = at_agency_state("department_review")
    waiting = at_agency_state("awaiting_decision", title="Sổ theo dõi trợ giúp pháp lý điện tử")
    pk = initiative.pk

    # The secretary's work list: her agency's cơ sở dossiers to check, nobody else's.
    secretary = new_page(track.secretary)
    audited(secretary, "/")
    expect(work_items(secretary, "review")).to_have_count(1)
    expect(work_items(secretary, "review")).to_contain_text(initiative.title)
    screenshot(secretary, "73-agency-work-list")
    work_items(secretary, "review").click()
    secretary.wait_for_url(re.compile(rf".*/initiatives/{pk}/$"))
    expect(secretary.locator("#dossier-level")).to_have_text(vi("Agency level (cơ sở)"))
    expect(secretary.locator("#next-actor")).to_have_text(vi("The agency's initiative secretary"))
    screenshot(secretary, "74-agency-dossier")

    # She accepts it for the agency's own council (the only one offered).
    secretary.locator('#actions [data-transition="accept"]').click()
    secretary.wait_for_url(f"**/initiatives/{pk}/transitions/accept/")
    expect(secretary.locator(f"#council-radio-{track.council.pk}")).to_be_checked()
    expect(secretary.locator(f"#council-radio-{province.council_body.pk}")).to_have_count(0)
    confirm(secretary, pk)
    assert Initiative.objects.get(pk=pk).status == "council_review"

    # The head decides the other one at agency level, signing as the director.
    head = new_page(track.head)
    head.goto(f"/initiatives/{waiting.pk}/transitions/recognize/")
    head.locator('[name="decision_number"]').fill("07/QĐ-STP")
    head.locator('[name="decision_date"]').fill(dmy(date.today()))
    head.locator('[name="signer"]').fill("Trần Văn Hùng")
    head.locator('input[name="signer_authority"][value="director"]').check()
    expect(head.locator('input[name="signer_authority"]')).to_have_count(4)
    confirm(head, waiting.pk)
    expect(head.locator(".status-badge").first).to_have_text(STATUS_VI["recognized"])

    # The staff propose it to the province: one step, then the provincial draft to check.
    staff = new_page(province.staff)
    staff.goto(f"/initiatives/{waiting.pk}/")
    staff.locator("#promote-button").click()
    audited(staff, f"/initiatives/{waiting.pk}/promote/")
    staff.locator("#promotion-confirm").click()
    draft = Initiative.objects.get(promoted_from=waiting)
    staff.wait_for_url(f"**/initiatives/{draft.pk}/edit/")
    staff.goto(f"/initiatives/{draft.pk}/")
    expect(staff.locator("#promoted-from")).to_be_visible()
    expect(staff.locator("#dossier-level")).to_have_text(vi("Provincial level"))
    expect(staff.locator("#attachments")).to_contain_text("07-QĐ-STP")

    # The province's leader: figures per agency, and the recognized title — no contents.
    leader = new_page(province.leader)
    audited(leader, "/oversight/agency-level/")
    row = leader.locator('.oversight-row[data-agency="STP"]')
    expect(row).to_contain_text(province.stp.name)
    expect(leader.locator("#oversight-titles")).to_contain_text(waiting.title)
    screenshot(leader, "75-province-agency-level")
    assert leader.goto(f"/initiatives/{pk}/").status == 404
    assert secretary.js_errors == [] and head.js_errors == [] and staff.js_errors == []
