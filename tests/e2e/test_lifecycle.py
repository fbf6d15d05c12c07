"""The whole life of a dossier, through the pages only, as each official sees it.

Sở Tư pháp drafts an initiative with two authors and an attachment and submits it; the
Department of S&T asks for a revision; the agency answers; the reviewer accepts it into the
province's council set up by decision (its member from Sở Tư pháp recused); each member
scores and votes; the reviewer completes scoring; the
provincial leader recognizes it and starts its rollout to two communes. At each step the test
checks what every person sees: their work list, the badges, the state in Vietnamese, the
buttons they are offered (and never those of others), and finally the timeline.

Nothing is written to the database except through the browser; the database is only read to
confirm what the pages did. Screenshots of every main page go to tests/artifacts/screenshots/.
"""

import re

import pytest
from playwright.sync_api import expect

from adoption.models import Adoption
from initiatives.models import Initiative
from tests.browser import login, screenshot
from workflow.models import ScoreSheet, TransitionLog

from .helpers import (
    AGENCY_ACTIONS,
    LEADER_ACTIONS,
    PDF,
    STATUS_VI,
    actions,
    all_work_items,
    days_from_now,
    dmy,
    dossier_url,
    expect_status,
    to_top,
    vi,
    vi_plural,
    work_items,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Trả kết quả chứng thực bản sao điện tử qua Cổng dịch vụ công tỉnh"
MISSING = (
    "1. Bổ sung biên bản họp hội đồng sáng kiến cơ sở.\n"
    "2. Nêu rõ điều kiện về chữ ký số khi áp dụng."
)
SCORES = {  # member index → (novelty /40, applicability /30, benefit /30, vote)
    0: ("32", "25", "24", "agree"),
    1: ("30", "22", "25", "agree"),
    2: ("28", "22", "23", "agree"),
}


def fill_author(page, index, name, percent):
    page.locator(f'[name="authors-{index}-full_name"]').fill(name)
    page.locator(f'[name="authors-{index}-contribution_percent"]').fill(percent)


def upload(page, path, kind):
    page.locator('#attachment-upload [name="file"]').set_input_files(str(path))
    page.locator('#attachment-upload [name="kind"]').select_option(kind)
    page.locator("#attachment-upload [type=submit]").click()
    expect(page.locator("#attachment-list").get_by_role("link", name=path.name)).to_be_visible()


def confirm(page, pk):
    """Press the confirmation button of a transition page; back on the dossier page."""
    page.locator("#confirm-button").click()
    page.wait_for_url(dossier_url(pk))
    expect(page.locator(".alert-success")).to_be_visible()


def fill_sheet(page, scores):
    novelty, applicability, benefit, vote = scores
    page.locator('[name="score_novelty"]').fill(novelty)
    page.locator('[name="score_applicability"]').fill(applicability)
    page.locator('[name="score_benefit"]').fill(benefit)
    page.locator(f'input[name="vote"][value="{vote}"]').check()


def test_whole_lifecycle_through_the_pages(new_page, province, tmp_path):
    p = province
    pages = []

    def open_as(user):
        page = new_page(user)
        pages.append(page)
        return page

    # --- 1. The agency drafts the dossier ------------------------------------------------------
    staff = new_page()
    pages.append(staff)
    login(staff, p.staff)  # through the login page, as a person does
    expect(staff.get_by_role("heading", name=vi("My work"))).to_be_visible()
    expect(all_work_items(staff)).to_have_count(0)
    screenshot(staff, "20-agency-work-list-empty")

    staff.locator("#mainnav").get_by_role("link", name=vi("New dossier")).click()
    staff.wait_for_url("**/initiatives/new/")
    staff.locator('[name="title"]').fill(TITLE)
    staff.locator('[name="investor"]').fill("Sở Tư pháp")
    staff.locator('[name="state_funded"][value="True"]').check()  # nothing is chosen beforehand
    staff.locator('[name="first_applied_on"]').fill(days_from_now(-45).isoformat())
    staff.locator('[name="problem"]').fill("Người dân phải đến bộ phận một cửa nhiều lần.")
    staff.locator('[name="description"]').fill("Số hoá hồ sơ chứng thực, ký số và trả trực tuyến.")
    staff.locator('[name="applicability"]').fill("Áp dụng được tại mọi UBND cấp xã.")
    staff.locator('[name="conditions"]').fill("Đường truyền Internet.")
    staff.locator('[name="benefits_author"]').fill("Giảm một nửa thời gian giải quyết.")
    staff.locator('[name="benefits_first_adopters"]').fill("Người dân không phải đi lại.")

    total = staff.locator("[data-contribution-total]")
    fill_author(staff, 0, "Nguyễn Thị Lan", "60")
    expect(total).to_contain_text("60%")
    expect(total.locator("i.bi")).to_have_class(re.compile("bi-exclamation-triangle-fill"))
    staff.locator('[data-formset="authors"] [data-formset-add]').click()
    fill_author(staff, 1, "Trần Văn Hùng", "40")
    expect(total).to_contain_text("100%")  # the live total reaches 100 %
    expect(total).to_have_class(re.compile("text-success"))
    expect(total.locator("i.bi")).to_have_class(re.compile("bi-check-circle-fill"))
    to_top(staff)
    screenshot(staff, "21-agency-draft-form")

    staff.locator('#dossier-form button[name="next"][value=""]').click()  # Save draft
    staff.wait_for_url(re.compile(r"/initiatives/\d+/$"))
    initiative = Initiative.objects.get()
    pk = initiative.pk
    expect_status(staff, "draft")
    assert actions(staff) == {"submit", "withdraw"}
    assert [(a.full_name, int(a.contribution_percent)) for a in initiative.authors.all()] == [
        ("Nguyễn Thị Lan", 60),
        ("Trần Văn Hùng", 40),
    ]

    staff.goto("/")
    draft_item = work_items(staff, "drafts")
    expect(draft_item).to_have_count(1)
    expect(draft_item).to_contain_text(TITLE)
    expect(draft_item.locator(".status-badge")).to_have_text(STATUS_VI["draft"])
    screenshot(staff, "22-agency-work-list-draft")
    draft_item.click()  # a draft opens its form
    staff.wait_for_url(f"**/initiatives/{pk}/edit/")
    description = tmp_path / "mo-ta-sang-kien.pdf"
    description.write_bytes(PDF)
    upload(staff, description, "mo_ta")
    # A provincial dossier must carry the agency's cơ sở recognition decision: said up front.
    expect(staff.locator("#agency-decision-required")).to_have_attribute("data-attached", "false")
    agency_decision = tmp_path / "quyet-dinh-cong-nhan-co-so.pdf"
    agency_decision.write_bytes(PDF)
    upload(staff, agency_decision, "quyet_dinh_co_so")
    expect(staff.locator("#agency-decision-required")).to_have_attribute("data-attached", "true")
    to_top(staff)
    screenshot(staff, "23-agency-edit-attachment")

    staff.locator('#dossier-form button[name="next"][value="submit"]').click()  # Save and submit…
    staff.wait_for_url(f"**/initiatives/{pk}/transitions/submit/")
    declaration = staff.locator('[name="declaration"]')
    expect(declaration).not_to_be_checked()
    expect(staff.locator("#submission-problems")).to_have_count(0)
    screenshot(staff, "24-agency-submit-declaration")
    staff.locator("#confirm-button").click()  # without the declaration: refused, field marked
    expect(staff.locator("#id_declaration.is-invalid")).to_be_visible()
    assert Initiative.objects.get(pk=pk).status == "draft"
    declare(staff)
    confirm(staff, pk)
    expect_status(staff, "department_review")
    assert actions(staff) == {"withdraw"}  # never "accept" or any reviewer action
    expect(staff.locator("#edit-button")).to_have_count(0)
    initiative.refresh_from_db()
    assert initiative.status == "department_review" and initiative.code
    expect(staff.locator("#dossier-code")).to_have_text(initiative.code)
    expect(staff.locator("#attachments")).to_contain_text("mo-ta-sang-kien.pdf")
    staff.goto("/")
    expect(all_work_items(staff)).to_have_count(0)  # nothing waits for the agency now

    # --- 2. The reviewer finds it and asks for a revision --------------------------------------
    reviewer = open_as(p.reviewer)
    reviewer.goto("/")
    expect(reviewer.locator("#bell .bell-count")).to_have_text("1")  # told of the submission
    to_check = work_items(reviewer, "review")
    expect(to_check).to_have_count(1)
    expect(to_check).to_contain_text(TITLE)
    expect(to_check.locator(".status-badge")).to_have_text(STATUS_VI["department_review"])
    expect(to_check.locator(".badge[title].text-bg-success")).to_contain_text(
        vi_plural("%(n)s day left", "%(n)s days left", 30)
    )
    screenshot(reviewer, "30-reviewer-work-list")

    reviewer.locator("#mainnav").get_by_role("link", name=vi("Review")).click()
    reviewer.wait_for_url("**/review/")
    row = reviewer.locator("#review-queue .queue-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(initiative.code)
    expect(row).to_contain_text(p.stp.name)
    screenshot(reviewer, "31-review-queue")
    row.get_by_role("link", name=TITLE).click()
    reviewer.wait_for_url(dossier_url(pk))
    expect_status(reviewer, "department_review")
    assert actions(reviewer) == {"request_revision", "reject", "accept"}
    expect(reviewer.locator("#checklist")).to_be_visible()
    expect(reviewer.locator('#checklist [data-kind="mo_ta"].is-ok')).to_be_visible()
    expect(reviewer.locator('#checklist [data-kind="bien_ban_co_so"].is-missing')).to_be_visible()
    screenshot(reviewer, "32-reviewer-dossier-page")

    reviewer.locator('#actions [data-transition="request_revision"]').click()
    reviewer.wait_for_url(f"**/initiatives/{pk}/transitions/request_revision/")
    reviewer.locator('[name="comment"]').fill(MISSING)
    reviewer.locator('[name="reply_due"]').fill(dmy(days_from_now(35)))
    screenshot(reviewer, "33-reviewer-request-revision")
    confirm(reviewer, pk)
    expect_status(reviewer, "revision_requested")
    assert not actions(reviewer) & (AGENCY_ACTIONS | {"accept", "reject"})
    reviewer.goto("/")
    expect(all_work_items(reviewer)).to_have_count(0)

    # --- 3. The agency answers the revision request --------------------------------------------
    staff.goto("/")
    revision = work_items(staff, "revisions")
    expect(revision).to_have_count(1)
    expect(revision).to_contain_text(TITLE)
    expect(revision.locator(".status-badge")).to_have_text(STATUS_VI["revision_requested"])
    # The reply is due in 35 days (the law gives at least a calendar month): not "soon" yet.
    expect(revision.locator(".badge[title].text-bg-warning")).to_have_count(0)
    screenshot(staff, "25-agency-work-list-revision")
    revision.click()
    staff.wait_for_url(dossier_url(pk))
    expect_status(staff, "revision_requested")
    expect(staff.locator("#revision-request")).to_contain_text("Bổ sung biên bản họp")
    assert actions(staff) == {"resubmit", "withdraw"}
    staff.locator("#edit-button").click()
    staff.wait_for_url(f"**/initiatives/{pk}/edit/")
    card = staff.locator("#revision-request")
    expect(card).to_contain_text("Bổ sung biên bản họp hội đồng sáng kiến cơ sở")
    expect(card).to_contain_text("Nêu rõ điều kiện về chữ ký số")
    expect(card).to_contain_text(dmy(days_from_now(35)))
    expect(card).to_contain_text(p.reviewer.full_name)
    form_box = staff.locator("#dossier-form").bounding_box()
    assert card.bounding_box()["x"] >= form_box["x"] + form_box["width"] - 1  # beside the form
    minutes = tmp_path / "bien-ban-hoi-dong-co-so.pdf"
    minutes.write_bytes(PDF)
    upload(staff, minutes, "bien_ban_co_so")
    staff.locator('[name="conditions"]').fill("Đường truyền Internet; chữ ký số của công chức.")
    to_top(staff)
    screenshot(staff, "26-agency-revision-form")
    staff.locator("#save-resubmit").click()
    staff.wait_for_url(f"**/initiatives/{pk}/transitions/resubmit/")
    declare(staff)
    confirm(staff, pk)
    expect_status(staff, "department_review")
    assert actions(staff) == {"withdraw"}
    initiative.refresh_from_db()
    assert initiative.conditions == "Đường truyền Internet; chữ ký số của công chức."
    assert initiative.attachments.count() == 3

    # --- 4. The reviewer accepts; the province's council is assigned ----------------------------
    stp_seat = p.seat(p.council_stp)  # works at the applicant agency: recused
    reviewer.goto("/")
    expect(work_items(reviewer, "review")).to_have_count(1)
    work_items(reviewer, "review").click()
    reviewer.wait_for_url(dossier_url(pk))
    expect(reviewer.locator('#checklist [data-kind="bien_ban_co_so"].is-ok')).to_be_visible()
    reviewer.locator('#actions [data-transition="accept"]').click()
    reviewer.wait_for_url(f"**/initiatives/{pk}/transitions/accept/")
    # The province's council is chosen already (the only one that can take the dossier); its
    # member from the applicant agency is shown recused, with the reason.
    expect(reviewer.locator(f"#council-radio-{p.council_body.pk}")).to_be_checked()
    recused = reviewer.locator(f'.council-seat[data-seat="{stp_seat.pk}"]')
    expect(recused).to_have_class(re.compile(r"\brecused\b"))
    expect(recused.locator(".recusal-reason")).to_contain_text(vi("Recused:"))
    for member in p.council:
        seat = reviewer.locator(".council-seat", has_text=member.full_name)
        expect(seat.locator(".recusal-reason")).to_have_count(0)
    screenshot(reviewer, "34-reviewer-accept-council")
    confirm(reviewer, pk)
    expect_status(reviewer, "council_review")
    assert "accept" not in actions(reviewer)
    reviewer.goto("/")
    scoring = work_items(reviewer, "complete_scoring")
    expect(scoring).to_have_count(1)
    expect(scoring).to_contain_text(vi("Waiting for the council"))
    expect(scoring).to_contain_text(vi("%(done)s of %(total)s sheets submitted", done=0, total=3))

    # --- 5. Each member scores and votes -------------------------------------------------------
    recused_page = open_as(p.council_stp)
    recused_page.goto("/")
    expect(all_work_items(recused_page)).to_have_count(0)

    agency_view = open_as(p.head)  # the agency never sees the members' sheets while scoring
    agency_view.goto(f"/initiatives/{pk}/")
    expect_status(agency_view, "council_review")
    assert not actions(agency_view)
    expect(agency_view.locator(".score-table")).to_have_count(0)

    for index, member in enumerate(p.council):
        page = open_as(member)
        page.goto("/")
        sheet_item = work_items(page, "sheets")
        expect(sheet_item).to_have_count(1)
        expect(sheet_item).to_contain_text(TITLE)
        expect(sheet_item.locator(".status-badge")).to_have_text(STATUS_VI["council_review"])
        expect(sheet_item.locator(".badge[title].text-bg-success")).to_be_visible()  # 3 months left
        if index == 0:
            screenshot(page, "40-council-work-list")
            page.goto(f"/initiatives/{pk}/")
            expect_status(page, "council_review")
            # council1 is the council's secretary: it records the meeting, nothing else.
            assert actions(page) == {"complete_scoring"}
            assert not actions(page) & (LEADER_ACTIONS | AGENCY_ACTIONS)
            expect(page.locator(".score-table")).to_have_count(0)  # others' sheets hidden
            page.locator("#score-button").click()
        else:
            sheet_item.click()
        page.wait_for_url(f"**/initiatives/{pk}/scoresheet/")
        expect(page.locator("#rubric tbody tr")).to_have_count(3)
        if index == 0:
            # A draft first: partial, kept, still editable.
            page.locator('[name="score_novelty"]').fill(SCORES[0][0])
            page.locator("#save-draft").click()
            expect(page.locator(".alert-success")).to_be_visible()
            expect(page.locator('[name="score_novelty"]')).to_have_value(SCORES[0][0])
            assert ScoreSheet.objects.get(assignment__member=member).submitted_at is None
            screenshot(page, "41-council-scoresheet-draft")
        if index == 1:
            # Scores are checked against the maxima, next to the field.
            page.locator('[name="score_novelty"]').fill("45")
            page.locator("#save-draft").click()
            expect(page.locator("#id_score_novelty.is-invalid")).to_be_visible()
            expect(page.locator("#div_id_score_novelty .invalid-feedback")).to_contain_text("40")
        fill_sheet(page, SCORES[index])
        page.locator('[name="comment"]').fill(f"Nhận xét của thành viên {index + 1}.")
        page.locator("#submit-sheet").click()
        expect(page.locator("#confirm-submit")).to_be_visible()
        page.locator("#confirm-button").click()
        expect(page.locator("#sheet-readonly")).to_be_visible()
        # Locked: no form, no inputs, no buttons — also after a reload.
        page.reload()
        expect(page.locator("#sheet-readonly .alert-success")).to_be_visible()
        expect(page.locator("#scoresheet-form")).to_have_count(0)
        expect(page.locator('input[name^="score_"]')).to_have_count(0)
        expect(page.locator("#submit-sheet")).to_have_count(0)
        expect(page.locator("#sheet-values")).to_contain_text(SCORES[index][0])
        if index == 0:
            screenshot(page, "42-council-scoresheet-locked")
        page.goto("/")
        expect(work_items(page, "sheets")).to_have_count(0)  # done: gone from the work list
        # The secretary (council1) still has the meeting to record; the others have nothing.
        expect(all_work_items(page)).to_have_count(1 if index == 0 else 0)
        page.goto(f"/initiatives/{pk}/")
        # never a reviewer's, leader's or agency's button (the secretary records the meeting)
        assert actions(page) == ({"complete_scoring"} if index == 0 else set())
        expect(page.locator(".score-table")).to_have_count(0)  # others' sheets still hidden
    assert ScoreSheet.objects.filter(submitted_at__isnull=False).count() == 3

    # --- 6. The reviewer completes scoring -----------------------------------------------------
    reviewer.goto("/")
    scoring = work_items(reviewer, "complete_scoring")
    expect(scoring).to_contain_text(vi("Complete scoring"))
    expect(scoring).to_contain_text(vi("%(done)s of %(total)s sheets submitted", done=3, total=3))
    reviewer.goto("/review/")
    council_row = reviewer.locator("#scoring-list .scoring-row")
    expect(council_row).to_have_count(1)
    expect(reviewer.locator("#review-queue .queue-row")).to_have_count(0)
    council_row.get_by_role("link", name=vi("Complete scoring")).click()
    reviewer.wait_for_url(f"**/initiatives/{pk}/transitions/complete_scoring/")
    table = reviewer.locator(".score-table")
    expect(table.locator(".score-row")).to_have_count(3)
    for member in p.council:
        expect(table).to_contain_text(member.full_name)
    expect(table.locator("tfoot")).to_contain_text("77")  # means 30 + 23 + 24
    expect(reviewer.locator("#recommendation-preview")).to_be_visible()
    expect(reviewer.locator("#missing-sheets")).to_have_count(0)
    screenshot(reviewer, "35-reviewer-complete-scoring")
    confirm(reviewer, pk)
    expect_status(reviewer, "awaiting_decision")
    expect(reviewer.locator("#score-summary")).to_be_visible()
    expect(reviewer.locator("#score-total")).to_have_text("77")
    assert not actions(reviewer) & LEADER_ACTIONS
    reviewer.goto("/")
    expect(all_work_items(reviewer)).to_have_count(0)

    # --- 7. The leader recognizes it -----------------------------------------------------------
    leader = open_as(p.leader)
    leader.goto("/")
    decision = work_items(leader, "decisions")
    expect(decision).to_have_count(1)
    expect(decision).to_contain_text(TITLE)
    expect(decision.locator(".status-badge")).to_have_text(STATUS_VI["awaiting_decision"])
    expect(decision.locator(".badge[title].text-bg-success")).to_be_visible()
    screenshot(leader, "50-leader-work-list")
    leader.locator("#mainnav").get_by_role("link", name=vi("Decisions")).click()
    leader.wait_for_url("**/decisions/")
    row = leader.locator("#awaiting-decision .decision-row")
    expect(row).to_have_count(1)
    expect(row.locator(".score-total")).to_have_text("77")
    # 3 agree of the 4 members named in the decision (council_stp, recused, is one of them)
    expect(row.locator(".score-votes")).to_contain_text("3/4")
    expect(row.locator(".recommendation .text-success")).to_have_text(vi("Recognize"))
    screenshot(leader, "51-leader-decisions")
    row.get_by_role("link", name=vi("Recognize"), exact=True).click()
    leader.wait_for_url(f"**/initiatives/{pk}/transitions/recognize/")
    expect(leader.locator("#score-summary")).to_be_visible()
    expect(leader.locator("#score-recommendation")).to_have_class(re.compile("text-success"))
    leader.locator('[name="decision_number"]').fill("125/QĐ-UBND")
    expect(leader.locator('[name="decision_date"]')).to_have_value(dmy(days_from_now(0)))
    # Accepted today: the decision cannot be dated earlier (DESIGN §5); typed in by hand.
    leader.locator('[name="decision_date"]').fill(dmy(days_from_now(0)))
    expect(leader.locator("#council-advice")).to_be_visible()
    leader.locator('[name="signer"]').fill("Ngô Thanh Sơn")
    leader.locator('input[name="signer_authority"][value="vice_chairman"]').check()
    leader.locator('input[name="scope"][value="provincial"]').check()
    screenshot(leader, "52-leader-recognize")
    confirm(leader, pk)
    expect_status(leader, "recognized")
    expect(leader.locator("#decision")).to_contain_text("125/QĐ-UBND")
    expect(leader.locator("#decision")).to_contain_text("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH Ngô Thanh Sơn")
    expect(leader.locator('#timeline [data-transition="recognize"]')).to_contain_text(
        "Người ký: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH Ngô Thanh Sơn"
    )
    expect(leader.locator("#decision")).to_contain_text(dmy(days_from_now(0)))
    assert actions(leader) == {"start_rollout", "revoke"}
    initiative.refresh_from_db()
    assert (initiative.decision_number, initiative.scope) == ("125/QĐ-UBND", "provincial")

    # --- 8. …and starts its rollout to two communes --------------------------------------------
    leader.goto("/")
    expect(work_items(leader, "decisions")).to_have_count(0)
    expect(work_items(leader, "rollout")).to_have_count(1)
    leader.goto("/decisions/")
    recognized = leader.locator("#recognized-list .recognized-row")
    expect(recognized).to_contain_text("125/QĐ-UBND")
    recognized.get_by_role("link", name=vi("Start rollout")).click()
    leader.wait_for_url(f"**/initiatives/{pk}/transitions/start_rollout/")
    count = leader.locator("#selected-count")
    expect(leader.locator("#picker-tools")).to_be_visible()
    expect(count).to_contain_text("0")
    leader.locator(f"#agency-{p.phoyen.pk}").check()
    expect(count).to_have_text(vi("{n} agency selected").replace("{n}", "1"))
    leader.locator(f"#agency-{p.dailu.pk}").check()
    expect(count).to_have_text(vi("{n} agencies selected").replace("{n}", "2"))
    report_due = days_from_now(120)
    leader.locator('[name="report_due"]').fill(dmy(report_due))
    screenshot(leader, "53-leader-rollout-picker")
    confirm(leader, pk)
    expect_status(leader, "rollout")
    assert actions(leader) == {"close_rollout", "revoke"}
    leader.goto("/")
    expect(all_work_items(leader)).to_have_count(0)
    leader.goto(f"/initiatives/{pk}/")
    adoptions = Adoption.objects.filter(initiative=initiative).order_by("agency__name")
    assert [(a.agency_id, a.due_date) for a in adoptions] == [
        (p.phoyen.pk, report_due),
        (p.dailu.pk, report_due),
    ]

    # --- 9. The final state and the timeline ---------------------------------------------------
    expect(leader.locator("#dossier-state .status-badge")).to_have_text("Đang nhân rộng")
    entries = leader.locator("#timeline .timeline-entry")
    steps = [
        ("submit", p.staff),
        ("request_revision", p.reviewer),
        ("resubmit", p.staff),
        ("accept", p.reviewer),
        ("complete_scoring", p.reviewer),
        ("recognize", p.leader),
        ("start_rollout", p.leader),
    ]
    expect(entries).to_have_count(len(steps))
    assert [entries.nth(i).get_attribute("data-transition") for i in range(len(steps))] == [
        name for name, _actor in steps
    ]
    for i, (_name, actor) in enumerate(steps):
        expect(entries.nth(i)).to_contain_text(actor.full_name)
    expect(entries.nth(1).locator("blockquote")).to_contain_text("Bổ sung biên bản họp")
    expect(entries.nth(0)).to_contain_text(STATUS_VI["department_review"])
    expect(entries.nth(6)).to_contain_text(STATUS_VI["rollout"])
    leader.locator("#h-timeline").scroll_into_view_if_needed()
    screenshot(leader, "54-dossier-timeline")
    assert list(
        TransitionLog.objects.filter(initiative=initiative).values_list("transition", "actor")
    ) == [(name, actor.pk) for name, actor in steps]

    # The agency sees the same end: its dossier rolling out, no action of anyone else.
    staff.goto(f"/initiatives/{pk}/")
    expect_status(staff, "rollout")
    assert not actions(staff)
    expect(staff.locator("#timeline .timeline-entry")).to_have_count(len(steps))
    expect(staff.locator(".score-table")).to_have_count(0)
    screenshot(staff, "27-agency-dossier-rolling-out")

    # An adopting commune now has a report to write on its work list.
    commune = open_as(p.other_staff)
    commune.goto("/")
    report = work_items(commune, "adoption_reports")
    expect(report).to_have_count(1)
    expect(report).to_contain_text(TITLE)
    expect(report.locator(".status-badge")).to_have_text(STATUS_VI["rollout"])
    screenshot(commune, "60-adopting-agency-work-list")

    for page in pages:
        assert page.js_errors == [], (page.url, page.js_errors)


def declare(page):
    """Tick the three boxes of the submission page (TT 18; NĐ 13 Điều 3.2)."""
    for name in ("declaration", "declaration_public_order", "declaration_no_ip"):
        page.locator(f'[name="{name}"]').check()
