"""The councils page in the browser: the leader sets up a council with an outside expert; the
reviewer reads it; the rules of a council are explained in Vietnamese next to the list."""

import pytest
from playwright.sync_api import expect

from tests.browser import screenshot
from workflow.council_body import Council

from .helpers import vi

pytestmark = pytest.mark.django_db(transaction=True)


def test_leader_sets_up_a_council_and_the_reviewer_reads_it(new_page, province):
    leader = new_page(province.leader)
    leader.goto("/councils/")
    expect(leader.locator(".council-card")).to_have_count(1)
    screenshot(leader, "55-leader-councils")
    leader.locator("#council-create").click()
    leader.fill("#id_name", "Hội đồng sáng kiến chuyên ngành Chuyển đổi số")
    leader.fill("#id_decision_number", "2468/QĐ-UBND")
    leader.fill("#id_decision_date", "01/03/2026")
    leader.fill("#id_decision_signer", "Phó Chủ tịch UBND tỉnh")
    leader.select_option("#id_seats-0-user", label=province.council[1].full_name)
    leader.select_option("#id_seats-0-role", "chair")
    leader.select_option("#id_seats-1-user", label=province.council[2].full_name)
    leader.select_option("#id_seats-1-role", "member")
    leader.fill("#id_seats-2-full_name", "PGS.TS. Trần Chuyên Gia")
    leader.select_option("#id_seats-2-role", "expert")
    leader.locator("#council-save").click()
    # No secretary yet: said in Vietnamese above the list, and what was typed is kept.
    expect(leader.locator(".seats-error")).to_contain_text(
        vi("Name the member who is the council's secretary.")
    )
    expect(leader.locator("#id_seats-2-full_name")).to_have_value("PGS.TS. Trần Chuyên Gia")
    screenshot(leader, "56-leader-council-form-errors")
    leader.select_option("#id_seats-1-role", "secretary")
    leader.locator("#council-save").click()
    leader.wait_for_url("**/councils/")
    expect(leader.locator(".council-card")).to_have_count(2)
    council = Council.objects.get(decision_number="2468/QĐ-UBND")
    assert council.members.count() == 3 and council.members.filter(user=None).exists()

    reviewer = new_page(province.reviewer)
    reviewer.goto("/councils/")
    card = reviewer.locator(f"#council-{council.pk}")
    expect(card).to_contain_text("PGS.TS. Trần Chuyên Gia")
    expect(card.locator(".outside-expert")).to_have_count(1)
    expect(reviewer.locator("#council-create")).to_have_count(0)
    assert leader.js_errors == [] and reviewer.js_errors == []
