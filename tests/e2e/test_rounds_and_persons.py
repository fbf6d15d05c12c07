"""The round page, the batch decision and the person registry in a real browser: what the
leader and the standing office see and do, with screenshots in tests/artifacts/screenshots/
and an axe-core audit (WCAG 2 A/AA) of each new page."""
# ruff: noqa: F811 — `batch` is the fixture of tests/workflow/test_round_decision.py

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from agencies.models import Person
from initiatives.models import Author, Initiative
from tests.browser import screenshot
from tests.workflow.test_round_decision import batch, refuse  # noqa: F401
from workflow.intake_rounds import RoundStatus
from workflow.models import Round, TransitionLog

from .helpers import STATUS_VI, dmy, to_top, vi, vi_lazy
from .test_accessibility import AXE, RUN_AXE, WCAG_TAGS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REASON = "Chưa chứng minh được hiệu quả khi áp dụng thực tế."


def audited(page, path):
    page.context.add_init_script(path=str(AXE))
    response = page.goto(path)
    assert response.status == 200, path
    page.wait_for_load_state("networkidle")
    assert page.evaluate(RUN_AXE, WCAG_TAGS) == [], path


def fill_decision(page, number):
    page.fill("#id_decision_number", number)
    page.fill("#id_decision_date", dmy(date.today()))
    page.fill("#id_signer_name", "Nguyễn Văn Quang")
    page.check("input[name=signer_authority][value=vice_chairman]")


def test_the_leader_decides_a_round_in_one_act(new_page, province, batch):
    made, first, second, low, waiting = batch
    refuse(province, waiting)  # the Department refused it: only the council's three remain
    leader = new_page(province.leader)
    audited(leader, f"/rounds/{made.pk}/")
    # The council's results ranked, the recommended list, and the form with them ticked.
    expect(leader.locator(".round-result")).to_have_count(3)
    expect(leader.locator(".round-result").last).to_contain_text(low.code)
    expect(leader.locator("#round-recommended li")).to_have_count(2)
    expect(leader.locator(f"#recognize_{first.pk}")).to_be_checked()
    expect(leader.locator(f"#recognize_{low.pk}")).not_to_be_checked()
    expect(leader.locator(f"#decide-{waiting.pk}")).to_have_count(0)  # still with the Department
    screenshot(leader, "60-round-page")

    fill_decision(leader, "1520/QĐ-UBND")
    leader.fill(f"[name=reason_{low.pk}]", REASON)
    leader.locator("#review-button").click()
    # A summary to check before the act that cannot be undone.
    confirm = leader.locator("#round-decide-confirm")
    expect(confirm).to_contain_text(vi("Check the decision: once confirmed it cannot be undone."))
    expect(leader.locator("#confirm-recognized li")).to_have_count(2)
    expect(leader.locator("#confirm-declined")).to_contain_text(REASON)
    assert not TransitionLog.objects.filter(transition="recognize").exists()
    to_top(leader)
    screenshot(leader, "61-round-decision-confirm")

    leader.locator("#confirm-button").click()
    leader.wait_for_url(f"**/rounds/{made.pk}/")
    expect(leader.locator("#round-status")).to_have_text(vi_lazy(RoundStatus.DECIDED.label))
    for initiative in (first, second):
        initiative.refresh_from_db()
        assert (initiative.status, initiative.decision_number) == ("recognized", "1520/QĐ-UBND")
    low.refresh_from_db()
    assert low.status == "rejected"
    screenshot(leader, "62-round-decided")

    # Each dossier has its own entry in its timeline, saying it was recognized.
    leader.goto(f"/initiatives/{first.pk}/")
    expect(leader.locator("#intake-round")).to_contain_text(made.title)
    expect(leader.locator('[data-transition="recognize"]')).to_have_count(1)
    expect(leader.locator(".status-badge").first).to_have_text(STATUS_VI["recognized"])
    assert leader.js_errors == []


def test_a_batch_stopped_by_a_change_names_the_dossier_and_keeps_the_form(
    new_page,
    province,
    batch,
):
    made, first, second, low, _waiting = batch
    leader = new_page(province.leader)
    leader.goto(f"/rounds/{made.pk}/")
    fill_decision(leader, "1521/QĐ-UBND")
    leader.fill(f"[name=reason_{low.pk}]", REASON)
    leader.locator("#review-button").click()
    # Between the summary and the confirmation, the Department takes `second` back.
    Initiative.objects.filter(pk=second.pk).update(status="department_review")
    leader.locator("#confirm-button").click()
    expect(leader.locator("#round-decide-refused")).to_be_visible()
    expect(leader.locator(f"#problems-{second.pk}")).to_be_visible()
    expect(leader.locator("#id_decision_number")).to_have_value("1521/QĐ-UBND")
    expect(leader.locator(f"[name=reason_{low.pk}]")).to_have_value(REASON)
    first.refresh_from_db()
    low.refresh_from_db()
    assert (first.status, low.status) == ("awaiting_decision", "awaiting_decision")
    assert Round.objects.get(pk=made.pk).decided_on is None
    to_top(leader)
    screenshot(leader, "63-round-decision-refused")


def _recognized(province, person, title, decided, scope="provincial"):
    initiative = Initiative.objects.create(
        title=title, agency=province.stp, status="recognized", scope=scope,
        created_by=province.staff, decision_number=f"{decided.year}/QĐ-UBND",
        decision_date=decided,
    )  # fmt: skip
    Author.objects.create(initiative=initiative, full_name=person.full_name, person=person,
                          contribution_percent=Decimal(60))  # fmt: skip
    return initiative


def test_the_emulation_office_reads_a_persons_record_and_merges_a_namesake(new_page, province):
    an = Person.objects.create(
        full_name="Nguyễn Văn An", birth_date=date(1979, 3, 8), agency=province.stp
    )
    _recognized(province, an, "Một cửa điện tử cấp xã", date(2023, 4, 10), scope="agency")
    _recognized(province, an, "Số hoá hồ sơ hộ tịch", date(2024, 9, 2))
    _recognized(province, an, "Chứng thực bản sao điện tử", date(2025, 11, 20))
    typed_again = Person.objects.create(full_name="Nguyen Van An", agency=province.stp)
    _recognized(province, typed_again, "Tra cứu lý lịch tư pháp trực tuyến", date(2026, 5, 5))

    office = new_page(province.reviewer)
    audited(office, "/persons/?q=nguyen+van+an")
    expect(office.locator("#persons tbody tr")).to_have_count(2)
    office.goto(f"/persons/{an.pk}/")
    expect(office.locator("#recognitions tbody tr")).to_have_count(3)
    # "Recognized initiatives of X in 2024–2026 at provincial level."
    office.fill("#id_from", "2024")
    office.fill("#id_to", "2026")
    office.select_option("#id_level", "provincial")
    office.locator("#person-filters button[type=submit]").click()
    expect(office.locator("#recognitions tbody tr")).to_have_count(2)
    expect(office.locator("#recognitions")).not_to_contain_text("Một cửa điện tử cấp xã")
    screenshot(office, "64-person-recognitions")

    office.goto(f"/persons/{an.pk}/")
    office.locator("#duplicates .merge-link").click()
    audited(office, f"/persons/{an.pk}/merge/{typed_again.pk}/")
    expect(office.locator("#merge-form")).to_be_visible()
    screenshot(office, "65-person-merge")
    office.locator("#merge-form button[type=submit]").click()
    office.wait_for_url(f"**/persons/{an.pk}/")
    expect(office.locator("#recognitions tbody tr")).to_have_count(4)
    assert not Person.objects.filter(pk=typed_again.pk).exists()
    assert office.js_errors == []
