"""What the pages promise every user, in a real browser: a form with errors keeps what was typed
and says what is wrong in Vietnamese next to each field; English translates the page; nobody is
offered a button for a transition they may not take; the bell counts other people's actions."""

import re

import pytest
from playwright.sync_api import expect

from initiatives.models import Initiative
from tests.browser import screenshot
from tests.conftest import make_draft
from workflow.permissions import transition_label

from .helpers import (
    STATUS_VI,
    actions,
    days_from_now,
    dossier_url,
    expect_status,
    vi,
    vi_lazy,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def bell_count(page) -> int:
    badge = page.locator("#bell .bell-count")
    return int(badge.inner_text()) if badge.count() else 0


# --- (a) A form with errors keeps everything typed ------------------------------------------


def test_form_errors_keep_what_was_typed_and_speak_vietnamese(new_page, province):
    page = new_page(province.staff)
    page.goto("/initiatives/new/")
    typed = {
        "investor": "Sở Tư pháp",
        "problem": "Hồ sơ giấy phải nộp trực tiếp, đi lại nhiều lần.",
        "description": "Tiếp nhận và trả kết quả hoàn toàn trực tuyến.",
        "applicability": "Mọi UBND cấp xã.",
        "benefits_author": "Tiết kiệm 30 phút mỗi hồ sơ.",
    }
    for name, value in typed.items():
        page.locator(f'[name="{name}"]').fill(value)
    first_applied = days_from_now(-30).isoformat()
    page.locator('[name="first_applied_on"]').fill(first_applied)
    page.locator('[name="authors-0-full_name"]').fill("Nguyễn Thị Lan")
    page.locator('[name="authors-0-contribution_percent"]').fill("150")
    page.locator('[name="authors-0-position"]').fill("Chuyên viên")
    page.locator('[data-formset="participants"] [data-formset-add]').click()
    page.locator('[name="participants-1-full_name"]').fill("Lê Thị Hoa")
    page.locator('[name="truthfulness_declared"]').check()
    # The title is left empty.
    page.locator('#dossier-form button[name="next"][value=""]').click()

    # The same page again, with the problem said on top…
    expect(page.locator(".messages .alert-danger")).to_contain_text(
        vi("The dossier was not saved: correct the fields marked below.")
    )
    assert page.url.endswith("/initiatives/new/")
    assert Initiative.objects.count() == 0
    # …every typed value still in its input…
    for name, value in typed.items():
        expect(page.locator(f'[name="{name}"]')).to_have_value(value)
    expect(page.locator('[name="first_applied_on"]')).to_have_value(first_applied)
    expect(page.locator('[name="authors-0-full_name"]')).to_have_value("Nguyễn Thị Lan")
    expect(page.locator('[name="authors-0-contribution_percent"]')).to_have_value("150")
    expect(page.locator('[name="authors-0-position"]')).to_have_value("Chuyên viên")
    expect(page.locator('[name="participants-1-full_name"]')).to_have_value("Lê Thị Hoa")
    expect(page.locator('[name="truthfulness_declared"]')).to_be_checked()
    expect(page.locator("[data-contribution-total]")).to_contain_text("150")
    # …and each error in Vietnamese, right under its own field.
    for input_id, message in (
        ("id_title", vi("This field is required.")),
        (
            "id_authors-0-contribution_percent",
            vi("Ensure this value is less than or equal to %(limit_value)s.", limit_value=100),
        ),
    ):
        field = page.locator(f"#{input_id}")
        expect(field).to_have_class(re.compile(r"\bis-invalid\b"))
        error = page.locator(f"#div_{input_id} .invalid-feedback")
        expect(error).to_be_visible()
        expect(error).to_have_text(message)
        field_box, error_box = field.bounding_box(), error.bounding_box()
        assert 0 <= error_box["y"] - (field_box["y"] + field_box["height"]) < 30, input_id
        assert abs(error_box["x"] - field_box["x"]) < 5, input_id
    expect(page.locator("#dossier-form")).not_to_contain_text("Ensure this value")
    expect(page.locator("#dossier-form")).not_to_contain_text("This field is required")
    screenshot(page, "80-form-errors-kept")
    assert page.js_errors == []


# --- (b) English translates the dossier page --------------------------------------------------


def test_switching_to_english_translates_the_dossier_page(new_page, province, at_state):
    initiative = at_state("department_review")
    page = new_page(province.staff)
    page.goto(f"/initiatives/{initiative.pk}/")
    assert page.locator("html").get_attribute("lang") == "vi"
    expect_status(page, "department_review")
    expect(page.locator("#next-actor")).to_have_text(vi("Department of S&T (reviewer)"))
    expect(page.locator('[data-transition="withdraw"]')).to_have_text(vi("Withdraw"))
    expect(page.locator("#h-timeline")).to_have_text(vi("Timeline"))

    page.get_by_role("button", name="English").click()
    page.wait_for_url(dossier_url(initiative.pk))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#dossier-state .status-badge")).to_have_text(
        "Application under review by the Department of S&T"
    )
    expect(page.locator("#next-actor")).to_have_text("Department of S&T (reviewer)")
    expect(page.locator('[data-transition="withdraw"]')).to_have_text("Withdraw")
    expect(page.locator("#h-timeline")).to_have_text("Timeline")
    expect(page.locator("#timeline .timeline-entry").first).to_contain_text("Submit")
    expect(page.locator("#mainnav")).to_contain_text("My work")
    screenshot(page, "81-dossier-page-english")

    page.get_by_role("button", name="Tiếng Việt").click()
    page.wait_for_url(dossier_url(initiative.pk))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect_status(page, "department_review")
    assert page.js_errors == []


# --- (c) Nobody sees a button for a transition they may not take ------------------------------

# state → {user attribute of the province: the transitions offered, or None for "not visible"}
BUTTONS = {
    "draft": {
        "staff": {"submit", "withdraw"},
        "head": {"submit", "withdraw"},
        "reviewer": None,
        "leader": None,
        "outsider": None,
    },
    "department_review": {
        "staff": {"withdraw"},
        "head": {"withdraw"},
        "reviewer": {"request_revision", "reject", "accept"},
        "leader": set(),
        "council1": None,
        "outsider": None,
    },
    "revision_requested": {
        "staff": {"resubmit", "withdraw"},
        "reviewer": set(),
        "leader": set(),
    },
    "council_review": {
        "staff": set(),
        "reviewer": {"request_revision", "complete_scoring"},
        "council1": {"complete_scoring"},  # the council's secretary records the meeting
        "council2": set(),  # its chair only scores
        "council_stp": None,
        "leader": set(),
    },
    "awaiting_decision": {
        "staff": set(),
        "reviewer": set(),
        "council1": set(),
        "leader": {"recognize", "decline"},
    },
    "recognized": {
        "staff": set(),
        "council1": set(),
        "reviewer": {"start_rollout"},
        "leader": {"start_rollout", "revoke"},
    },
    "rollout": {
        "staff": set(),
        "reviewer": {"close_rollout"},
        "leader": {"close_rollout", "revoke"},
    },
}


def test_each_user_sees_only_the_buttons_they_may_use(new_page, province, at_state):
    users = {
        "staff": province.staff,
        "head": province.head,
        "reviewer": province.reviewer,
        "leader": province.leader,
        "outsider": province.outsider,
        "council1": province.council[0],
        "council2": province.council[1],
        "council_stp": province.council_stp,
    }
    pages = {}
    for state, expected in BUTTONS.items():
        initiative = at_state(state, title=f"Sáng kiến ở trạng thái {state}")
        for who, offered in expected.items():
            page = pages.get(who) or pages.setdefault(who, new_page(users[who]))
            response = page.goto(f"/initiatives/{initiative.pk}/")
            if offered is None:
                assert response.status == 404, (state, who)
                continue
            assert response.status == 200, (state, who)
            expect_status(page, state)
            assert actions(page) == offered, (state, who)
            for name in offered:  # each button in Vietnamese
                expect(page.locator(f'#actions [data-transition="{name}"]')).to_have_text(
                    vi_lazy(transition_label(name))
                )
            if state == "department_review" and who == "reviewer":
                screenshot(page, "82-reviewer-buttons")
            if state == "department_review" and who == "staff":
                screenshot(page, "83-agency-buttons")
    # The server refuses what the page does not offer, whatever the address typed.
    initiative = Initiative.objects.get(status="department_review")
    refused = pages["staff"].goto(f"/initiatives/{initiative.pk}/transitions/accept/")
    assert refused.status == 403
    refused = pages["reviewer"].goto(f"/initiatives/{initiative.pk}/transitions/withdraw/")
    assert refused.status == 403
    assert Initiative.objects.get(pk=initiative.pk).status == "department_review"
    for page in pages.values():
        assert page.js_errors == []


# --- (d) The bell counts other people's actions -----------------------------------------------


def test_bell_counts_a_submission_and_opens_the_dossier(new_page, province, at_state):
    at_state("department_review", title="Một hồ sơ đã nộp từ trước")  # one unread already
    reviewer = new_page(province.reviewer)
    reviewer.goto("/")
    before = bell_count(reviewer)
    assert before >= 1

    draft = make_draft(province, title="Liên thông đăng ký khai sinh và bảo hiểm y tế")
    agency = new_page(province.staff)
    agency.goto(f"/initiatives/{draft.pk}/transitions/submit/")
    for box in ("declaration", "declaration_public_order", "declaration_no_ip"):
        agency.locator(f'[name="{box}"]').check()
    agency.locator("#confirm-button").click()
    agency.wait_for_url(dossier_url(draft.pk))
    expect_status(agency, "department_review")

    reviewer.reload()
    expect(reviewer.locator("#bell .bell-count")).to_have_text(str(before + 1))
    expect(reviewer.locator("#bell")).to_have_attribute("aria-label", re.compile(str(before + 1)))
    reviewer.locator("#bell").click()
    reviewer.wait_for_url("**/notifications/")
    draft.refresh_from_db()
    newest = reviewer.locator(".list-group-item").first
    expect(newest.locator(".notification-link")).to_contain_text(draft.code)
    expect(newest.locator(".notification-link")).to_contain_text(vi("A new dossier awaits review"))
    expect(newest).to_contain_text(draft.title)
    screenshot(reviewer, "84-notification-inbox")
    newest.locator(".notification-link").click()
    reviewer.wait_for_url(dossier_url(draft.pk))
    expect(reviewer.locator("h1")).to_have_text(draft.title)
    expect(reviewer.locator("#dossier-state .status-badge")).to_have_text(
        STATUS_VI["department_review"]
    )
    expect(reviewer.locator("#bell .bell-count")).to_have_text(str(before))  # now read
    assert reviewer.js_errors == [] and agency.js_errors == []
