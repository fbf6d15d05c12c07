"""Web screens of the workflow: who sees which page, what the dossier page shows, and that a
user never sees a button for a transition they may not take."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from initiatives.models import Attachment, Initiative, Participant
from workflow import scoresheets, services
from workflow.models import CouncilAssignment

pytestmark = pytest.mark.django_db

ROLES = ("staff", "head", "other_staff", "outsider", "reviewer", "leader", "council1")


def person(province, role):
    """council1 is the council's secretary (ủy viên thư ký), council2 its chair."""
    if role in ("council1", "council2"):
        return province.council[int(role[-1]) - 1]
    return getattr(province, role)


def get(client, user, url):
    """The page in the active language (translation.override in a test picks it)."""
    client.force_login(user)
    return client.get(url, headers={"accept-language": translation.get_language()})


def html(response) -> str:
    return response.content.decode()


def buttons(response) -> set[str]:
    """The transition buttons of a dossier page."""
    return set(re.findall(r'transition-button" data-transition="([a-z_]+)"', html(response)))


def transition_links(response) -> set[str]:
    return set(re.findall(r'href="/initiatives/\d+/transitions/([a-z_]+)/"', html(response)))


def detail_url(initiative):
    return reverse("workflow:detail", args=[initiative.pk])


# --- Who may open which page --------------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "allowed"),
    [
        ("workflow:review_queue", {"reviewer"}),
        ("workflow:council_list", {"council1"}),
        ("workflow:decisions", {"leader"}),
    ],
)
def test_list_pages_are_for_their_role(url_name, allowed, client, province):
    for role in ROLES:
        response = get(client, person(province, role), reverse(url_name))
        assert response.status_code == (200 if role in allowed else 403), role
    with translation.override("en"):
        response = get(client, province.staff, reverse(url_name))
        assert "Access denied" in html(response)


@pytest.mark.parametrize("url_name", ["workflow:review_queue", "workflow:decisions"])
def test_anonymous_is_sent_to_login(url_name, client):
    response = client.get(reverse(url_name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


VISIBLE = {
    "draft": {"staff", "head"},
    "department_review": {"staff", "head", "reviewer", "leader"},
    "council_review": {"staff", "head", "reviewer", "leader", "council1"},
    "rollout": {"staff", "head", "reviewer", "leader", "council1", "other_staff"},
}


@pytest.mark.parametrize("state", VISIBLE)
def test_dossier_page_visibility(state, client, province, at_state):
    initiative = at_state(state)
    for role in ROLES:
        response = get(client, person(province, role), detail_url(initiative))
        assert response.status_code == (200 if role in VISIBLE[state] else 404), role


def test_unknown_dossier_is_404(client, province):
    assert get(client, province.reviewer, "/initiatives/999999/").status_code == 404


# --- Buttons: only what available_transitions allows ---------------------------------------

EXPECTED_BUTTONS = {
    ("draft", "staff"): {"submit", "withdraw"},
    ("draft", "head"): {"submit", "withdraw"},
    ("department_review", "staff"): {"withdraw"},
    ("department_review", "reviewer"): {"request_revision", "reject", "accept"},
    ("department_review", "leader"): set(),
    ("revision_requested", "staff"): {"resubmit", "withdraw"},
    ("revision_requested", "reviewer"): set(),
    ("council_review", "staff"): set(),
    ("council_review", "reviewer"): {"request_revision", "complete_scoring"},
    # The secretary records the meeting; the chair, like any other member, only scores.
    ("council_review", "council1"): {"complete_scoring"},
    ("council_review", "council2"): set(),
    ("council_review", "leader"): set(),
    ("awaiting_decision", "leader"): {"recognize", "decline"},
    ("awaiting_decision", "reviewer"): set(),
    ("awaiting_decision", "staff"): set(),
    ("recognized", "leader"): {"start_rollout", "revoke"},
    ("recognized", "reviewer"): {"start_rollout"},
    ("recognized", "head"): set(),
    ("rollout", "leader"): {"close_rollout", "revoke"},
    ("rollout", "other_staff"): set(),
    ("closed", "leader"): {"revoke"},
    ("closed", "reviewer"): set(),
    ("revoked", "leader"): set(),
    ("revoked", "staff"): set(),
    ("rejected", "staff"): set(),
    ("rejected", "head"): {"appeal"},
    ("rejected", "leader"): set(),
    ("refused", "head"): {"appeal"},
    ("refused", "staff"): set(),
    ("refused", "reviewer"): set(),
    ("appeal_review", "reviewer"): {"resolve_appeal"},
    ("appeal_review", "leader"): set(),
    ("appeal_review", "head"): set(),
    ("withdrawn", "head"): set(),
}


@pytest.mark.parametrize("state", sorted({state for state, _role in EXPECTED_BUTTONS}))
def test_user_never_sees_a_button_they_may_not_use(state, client, province, at_state):
    initiative = at_state(state)
    for (s, role), expected in EXPECTED_BUTTONS.items():
        if s != state:
            continue
        response = get(client, person(province, role), detail_url(initiative))
        assert response.status_code == 200, role
        assert buttons(response) == expected, role
        assert transition_links(response) == expected, role


def test_edit_button_only_for_the_owning_agency_while_editable(client, province, at_state):
    draft = at_state("draft")
    edit = reverse("initiatives:edit", args=[draft.pk])
    assert edit in html(get(client, province.staff, detail_url(draft)))
    review = at_state("department_review")
    for user in (province.staff, province.reviewer):
        page = html(get(client, user, detail_url(review)))
        assert reverse("initiatives:edit", args=[review.pk]) not in page
    revision = at_state("revision_requested")
    assert 'id="edit-button"' in html(get(client, province.head, detail_url(revision)))
    assert 'id="edit-button"' not in html(get(client, province.reviewer, detail_url(revision)))


def test_score_button_for_assigned_council_members_only(client, province, at_state):
    initiative = at_state("council_review")
    score = reverse("workflow:scoresheet", args=[initiative.pk])
    assert score in html(get(client, province.council[0], detail_url(initiative)))
    assert score not in html(get(client, province.reviewer, detail_url(initiative)))
    # A member recused for working at the applicant agency never gets the button.
    services.initiative_request_revision(
        initiative=initiative, actor=province.reviewer, comment="Bổ sung."
    )
    services.initiative_resubmit(initiative=initiative, actor=province.staff)
    services.initiative_accept(
        initiative=initiative, actor=province.reviewer,
        council=province.seat_all([province.council_stp]),
    )  # fmt: skip
    # A recused member no longer sees the dossier at all.
    assert get(client, province.council_stp, detail_url(initiative)).status_code == 404
    assert score in html(get(client, province.council[0], detail_url(initiative)))


# --- What the dossier page shows ---------------------------------------------------------------


def test_dossier_page_shows_the_application_authors_state_and_timeline(client, province, at_state):
    initiative = at_state("revision_requested", confidential_info="Mã nguồn nội bộ")
    Participant.objects.create(
        initiative=initiative, full_name="Đinh Thị Hoa", task="Thử nghiệm tại bộ phận một cửa"
    )
    initiative.authors.update(birth_date=date(1985, 4, 7))
    with translation.override("en"):
        page = html(get(client, province.staff, detail_url(initiative)))
    assert initiative.title in page and initiative.code in page
    assert initiative.problem in page and initiative.conditions in page
    assert "Nguyễn Thị Lan" in page and "Trần Văn Hùng" in page and "Đinh Thị Hoa" in page
    assert "07/04/1985" in page  # the owning agency sees birth dates
    assert "Mã nguồn nội bộ" in page
    assert "Revision requested" in page
    assert 'id="revision-request"' in page
    assert "Bổ sung biên bản họp hội đồng sáng kiến cơ sở" in page
    assert initiative.revision_due.strftime("%d/%m/%Y") in page
    assert "The submitting agency (answers the revision request)" in page
    # The timeline, oldest first, with the actor, the role and the time.
    timeline = page[page.index('id="timeline"') :]
    assert timeline.index("Submit") < timeline.index("Request revision")
    assert "Nguyễn Thị Lan (Agency staff)" in timeline
    assert "Phạm Thu Hà (Reviewer (Department of Science and Technology))" in timeline
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", timeline)
    assert (
        "Draft" in timeline and "Application under review by the Department of S&amp;T" in timeline
    )


def test_dossier_page_in_vietnamese_shows_the_state_label(client, province, at_state):
    initiative = at_state("department_review")
    with translation.override("vi"):
        page = html(get(client, province.reviewer, detail_url(initiative)))
    assert "Sở KH&amp;CN xem xét đơn" in page
    assert 'lang="vi"' in page


def test_adopting_agency_does_not_see_confidential_parts(client, province, at_state):
    initiative = at_state("rollout", confidential_info="Bí mật kỹ thuật")
    initiative.authors.update(birth_date=date(1980, 1, 2))
    Attachment.objects.create(
        initiative=initiative, kind="mo_ta", file="attachments/x/a.pdf",
        original_name="mo-ta-cong-khai.pdf", content_type="application/pdf", size=10,
    )  # fmt: skip
    Attachment.objects.create(
        initiative=initiative, kind="minh_chung", file="attachments/x/b.pdf",
        original_name="bi-mat.pdf", content_type="application/pdf", size=10, confidential=True,
    )  # fmt: skip
    page = html(get(client, province.other_staff, detail_url(initiative)))
    assert "mo-ta-cong-khai.pdf" in page
    assert "Bí mật kỹ thuật" not in page and "bi-mat.pdf" not in page
    assert "02/01/1980" not in page
    reviewer_page = html(get(client, province.reviewer, detail_url(initiative)))
    assert "Bí mật kỹ thuật" in reviewer_page and "bi-mat.pdf" in reviewer_page
    attachment = Attachment.objects.get(original_name="bi-mat.pdf")
    assert reverse("initiatives:attachment", args=[attachment.pk]) in reviewer_page


def test_deadline_badges_on_the_dossier_page(client, province, at_state):
    initiative = at_state("department_review")
    with translation.override("en"):
        page = html(get(client, province.reviewer, detail_url(initiative)))
    assert initiative.review_due.strftime("%d/%m/%Y") in page
    assert "days left" in page


def test_reviewer_sees_the_completeness_checklist(client, province, at_state):
    initiative = at_state("department_review")
    Attachment.objects.create(
        initiative=initiative, kind="mo_ta", file="attachments/x/a.pdf",
        original_name="mo-ta.pdf", content_type="application/pdf", size=10,
    )  # fmt: skip
    initiative.authors.filter(full_name="Trần Văn Hùng").update(contribution_percent=30)
    with translation.override("en"):
        page = html(get(client, province.reviewer, detail_url(initiative)))
        staff_page = html(get(client, province.staff, detail_url(initiative)))
    checklist = page[page.index('id="checklist"') :]
    assert "Some submission conditions are not met" in checklist
    assert "they must total exactly 100%" in checklist
    assert "90%" in checklist
    assert "Description" in checklist and "1 file" in checklist
    assert "Minutes of the agency council" in checklist and "none" in checklist
    # Not colour alone: every item says met / not met in words for screen readers too.
    assert "Not met:" in checklist and "Met:" in checklist
    assert 'id="checklist"' not in staff_page


def test_score_summary_after_complete_scoring(client, province, at_state):
    initiative = at_state("awaiting_decision")
    with translation.override("en"):
        staff_page = html(get(client, province.staff, detail_url(initiative)))
        leader_page = html(get(client, province.leader, detail_url(initiative)))
    for page in (staff_page, leader_page):
        summary = page[page.index('id="score-summary"') :]
        assert "Tính mới" in summary and "30" in summary
        assert "76" in summary  # 30 + 22 + 24
        assert "3/3 members agree (counted against the members named" in summary
        assert "The council recommends recognition." in summary
    # Members' individual sheets: for those inside the process, never the agency.
    assert "Each member&#x27;s score sheet" in leader_page or "score-table" in leader_page
    assert "score-table" not in staff_page


def test_no_score_summary_before_scoring_completes(client, province, at_state):
    initiative = at_state("council_review")
    page = html(get(client, province.reviewer, detail_url(initiative)))
    assert 'id="score-summary"' not in page


def test_council_members_never_see_each_others_sheets_before_completion(client, province, at_state):
    initiative = at_state("council_review")
    scoresheets.scoresheet_save(
        initiative_id=initiative.pk, actor=province.council[1],
        scores={"novelty": 37, "applicability": 21, "benefit": 19}, vote="disagree",
        comment="Ý kiến riêng của thành viên hai", submit=True,
    )  # fmt: skip
    member = province.council[0]
    for url in (detail_url(initiative), reverse("workflow:scoresheet", args=[initiative.pk])):
        page = html(get(client, member, url))
        assert "Ý kiến riêng của thành viên hai" not in page
        assert "score-table" not in page


# --- Work lists --------------------------------------------------------------------------------


def test_review_queue_oldest_first_with_days_left(client, province, at_state):
    from initiatives.models import Initiative

    first = at_state("department_review", title="Hồ sơ nộp trước")
    second = at_state("department_review", title="Hồ sơ nộp sau")
    Initiative.objects.filter(pk=first.pk).update(
        submitted_at=second.submitted_at - timedelta(days=3)
    )
    scoring = at_state("council_review", title="Hồ sơ đang chấm")
    with translation.override("en"):
        page = html(get(client, province.reviewer, reverse("workflow:review_queue")))
    queue = page[page.index('id="review-queue"') : page.index('id="scoring-list"')]
    assert queue.index("Hồ sơ nộp trước") < queue.index("Hồ sơ nộp sau")
    assert first.code in queue and "Sở Tư pháp" in queue and "days left" in queue
    council = page[page.index('id="scoring-list"') :]
    assert "Hồ sơ đang chấm" in council and "0 of 3 sheets" in council
    complete = reverse("workflow:transition", args=[scoring.pk, "complete_scoring"])
    assert complete not in council
    for member in province.council:
        scoresheets.scoresheet_save(
            initiative_id=scoring.pk, actor=member, vote="agree", submit=True,
            scores={"novelty": 30, "applicability": 20, "benefit": 20},
        )  # fmt: skip
    with translation.override("en"):
        page = html(get(client, province.reviewer, reverse("workflow:review_queue")))
    assert "3 of 3 sheets" in page and complete in page


def test_council_list_shows_my_sheet_state_and_recusals(client, province, at_state):
    not_started = at_state("council_review", title="Chưa chấm")
    drafted = at_state("council_review", title="Đang chấm dở")
    submitted = at_state("council_review", title="Đã nộp phiếu")
    member = province.council[0]
    scoresheets.scoresheet_save(initiative_id=drafted.pk, actor=member, scores={"novelty": 10})
    scoresheets.scoresheet_save(
        initiative_id=submitted.pk, actor=member, vote="agree", submit=True,
        scores={"novelty": 30, "applicability": 20, "benefit": 20},
    )  # fmt: skip
    recused = at_state("department_review", title="Bị tránh xung đột")
    services.initiative_accept(
        initiative=recused, actor=province.reviewer,
        council=province.seat_all([province.council_stp]),
    )  # fmt: skip
    with translation.override("en"):
        page = html(get(client, member, reverse("workflow:council_list")))
        stp_page = html(get(client, province.council_stp, reverse("workflow:council_list")))
    rows = {title: row for row in page.split('class="assignment-row') for title in
            ("Chưa chấm", "Đang chấm dở", "Đã nộp phiếu") if title in row}  # fmt: skip
    assert "Not started" in rows["Chưa chấm"]
    assert "Draft" in rows["Đang chấm dở"]
    assert "Submitted" in rows["Đã nộp phiếu"]
    assert "days left" in page
    assert reverse("workflow:scoresheet", args=[not_started.pk]) in page
    assert "Bị tránh xung đột" in stp_page and "Recused" in stp_page
    reason = CouncilAssignment.objects.get(member=province.council_stp).recusal_reason
    assert reason and reason in stp_page
    # No link to a dossier a recused member may not open, nor to its score sheet.
    assert detail_url(recused) not in stp_page
    assert reverse("workflow:scoresheet", args=[recused.pk]) not in stp_page


def test_council_list_puts_what_is_being_scored_first_then_the_newest(
    client, province, at_state, monkeypatch
):
    """The member's dossiers being scored now come first, the nearest decision deadline
    first; then the others, the newest assignment first — across pages (the two lists are
    read one after the other, issue 14)."""
    from workflow.views.lists import CouncilListView

    at_state("awaiting_decision", title="Đã chấm trước")
    at_state("awaiting_decision", title="Đã chấm sau")
    late = at_state("council_review", title="Hạn xa")
    soon = at_state("council_review", title="Hạn gần")
    Initiative.objects.filter(pk=late.pk).update(decision_due=date(2031, 1, 1))
    Initiative.objects.filter(pk=soon.pk).update(decision_due=date(2030, 1, 1))
    monkeypatch.setattr(CouncilListView, "per_page", 3)
    member = province.council[0]
    url = reverse("workflow:council_list")

    def titles(page):
        return re.findall(
            r'class="assignment-row[^"]*">\s*<td[^>]*>[^<]*</td>\s*<td>(?:<a[^>]*>)?([^<]+)', page
        )

    first = html(get(client, member, url))
    second = html(get(client, member, url + "?page=2"))
    assert titles(first) == ["Hạn gần", "Hạn xa", "Đã chấm sau"]
    assert titles(second) == ["Đã chấm trước"]


def test_decisions_page_shows_the_councils_result(client, province, at_state):
    awaiting = at_state("awaiting_decision", title="Chờ quyết định")
    recognized = at_state("recognized", title="Đã công nhận, chưa nhân rộng")
    rollout = at_state("rollout", title="Đang nhân rộng")
    with translation.override("en"):
        page = html(get(client, province.leader, reverse("workflow:decisions")))
    section = page[page.index('id="awaiting-decision"') : page.index('id="recognized-list"')]
    assert "Chờ quyết định" in section and "76" in section and "3/3 agree" in section
    assert "Recognize" in section and "days left" in section
    for name in ("recognize", "decline"):
        assert reverse("workflow:transition", args=[awaiting.pk, name]) in section
    assert reverse("workflow:transition", args=[recognized.pk, "start_rollout"]) in page
    assert reverse("workflow:transition", args=[rollout.pk, "close_rollout"]) in page


def test_list_pages_paginate(client, province, at_state, monkeypatch):
    from workflow.views import lists as list_views

    for n in range(3):
        at_state("department_review", title=f"Hồ sơ số {n}")
    monkeypatch.setattr(list_views.PageView, "per_page", 2)
    with translation.override("en"):
        first = html(get(client, province.reviewer, reverse("workflow:review_queue")))
        second = html(get(client, province.reviewer, reverse("workflow:review_queue") + "?page=2"))
    assert "Page 1 of 2" in first and "?page=2" in first
    assert "Page 2 of 2" in second and second.count('class="queue-row"') == 1


def test_checklist_counts_the_one_year_rule_to_the_submission_date(client, province, at_state):
    from django.utils import timezone

    from initiatives.models import Initiative

    initiative = at_state("department_review")
    # First applied 11 months before a submission made 3 months ago: in time, though more
    # than a year has passed since by today.
    submitted = timezone.now() - timedelta(days=90)
    Initiative.objects.filter(pk=initiative.pk).update(
        submitted_at=submitted, first_applied_on=submitted.date() - timedelta(days=330)
    )
    with translation.override("en"):
        page = html(get(client, province.reviewer, detail_url(initiative)))
    assert "Every submission condition is met" in page
    assert "more than one year ago" not in page
