"""The web pages of the council's meeting (issue 10 §4): the complete_scoring form (meeting
date, the seats present, the quorum, what the result would be), who may use it, and the
outside expert's paper sheet that the council's secretary enters."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.conftest import today
from tests.unchanged import nothing_changes
from tests.workflow.council_fixtures import GOOD, make_council, seat_on, seats, secretary
from workflow import scoresheets
from workflow.models import CouncilReview, ScoreSheet, TransitionLog

pytestmark = pytest.mark.django_db


def url(initiative):
    return reverse("workflow:transition", args=[initiative.pk, "complete_scoring"])


def paper_url(initiative, seat):
    return reverse("workflow:paper_scoresheet", args=[initiative.pk, seat.pk])


def get(client, user, address):
    client.force_login(user)
    return client.get(address)


def post(client, user, address, data, **kwargs):
    client.force_login(user)
    return client.post(address, data, **kwargs)


def dmy(day) -> str:
    return day.strftime("%d/%m/%Y")


def submit(initiative, seat, vote="agree"):
    scoresheets.scoresheet_save(initiative_id=initiative.pk, actor=seat.user, scores=GOOD,
                                vote=vote, submit=True)  # fmt: skip


@pytest.fixture
def council_round(at_state, province):
    """A 5-member council (+1 outside expert) on a dossier; the first four members have
    submitted: (initiative, council, seats)."""
    initiative = at_state("council_review")
    council = make_council(province, 5, experts=1)
    seat_on(initiative, council)
    members = seats(council)
    for seat in members[:4]:
        submit(initiative, seat)
    return initiative, council, members


def unchanged(initiative):
    return nothing_changes(initiative, CouncilReview.objects.all(), ScoreSheet.objects.all())


def checked_boxes(html) -> set[int]:
    """The seats ticked present in the form."""
    import re

    return {
        int(m.group(1))
        for m in re.finditer(r'<input[^>]*name="present"[^>]*value="(\d+)"[^>]*checked', html)
    }


# --- Right actor: the page and the form --------------------------------------------------------


def test_the_secretary_sees_the_meeting_form_with_the_quorum(council_round, client):
    initiative, council, members = council_round
    html = get(client, secretary(council), url(initiative)).content.decode()
    assert 'id="transition-form"' in html and 'name="meeting_date"' in html
    assert dmy(today()) in html  # the meeting is today unless the secretary says otherwise
    assert checked_boxes(html) == {s.pk for s in members[:4]}  # those who submitted
    quorum = html[html.index('id="quorum-figure"') :]
    assert "4/6" in quorum[:300] or ("4" in quorum[:300] and "6" in quorum[:300])
    # The secretary is a member: no one else's scores before completion, only who is in.
    assert 'class="score-row"' not in html and 'id="sheet-status"' in html
    assert paper_url(initiative, members[5]) in html  # the expert's paper sheet


def test_the_reviewer_sees_the_sheets_and_the_result_it_would_record(council_round, client,
                                                                     province):  # fmt: skip
    initiative, _council, _members = council_round
    html = get(client, province.reviewer, url(initiative)).content.decode()
    assert 'class="score-row"' in html
    assert 'id="recommendation-preview"' in html  # 4 of 6 named agree: exactly two thirds
    assert "4/6" in html or "4 of 6" in html or "4 trên 6" in html


def test_the_secretary_records_the_meeting(council_round, client, province):
    initiative, council, members = council_round
    response = post(client, secretary(council), url(initiative),
                    {"meeting_date": dmy(today()), "present": [s.pk for s in members[:4]]},
                    follow=True)  # fmt: skip
    assert response.redirect_chain[-1][0] == reverse("workflow:detail", args=[initiative.pk])
    initiative.refresh_from_db()
    assert initiative.status == "awaiting_decision"
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    assert (log.actor, log.role) == (secretary(council), "council_secretary")
    html = response.content.decode()
    assert "4/6 thành viên đồng ý (tính trên số thành viên theo quyết định)" in html
    assert f"Phiên họp hội đồng ngày {dmy(today())}" in html  # on the timeline
    assert "Vắng mặt: phiếu không được tính" in html or "score-table" not in html


# --- Wrong actor, wrong state -------------------------------------------------------------------


def test_a_plain_member_and_the_leader_get_403(council_round, client, province):
    initiative, _council, members = council_round
    body = {"meeting_date": dmy(today()), "present": [s.pk for s in members[:4]]}
    for user in (members[0].user, province.leader):
        with unchanged(initiative):
            assert get(client, user, url(initiative)).status_code == 403
            assert post(client, user, url(initiative), body).status_code == 403


def test_wrong_state_redirects_with_a_message(council_round, client, province):
    initiative, _council, members = council_round
    body = {"meeting_date": dmy(today()), "present": [s.pk for s in members[:4]]}
    post(client, province.reviewer, url(initiative), body)
    with unchanged(initiative):
        response = post(client, province.reviewer, url(initiative), body)
    assert response.status_code == 302


# --- Unmet conditions, each next to its field ---------------------------------------------------


@pytest.mark.parametrize(
    "case",
    ["no date", "future date", "quorum short", "missing sheet", "stranger"],
)
def test_unmet_conditions_are_named_next_to_their_field(case, council_round, client, province):
    initiative, _council, members = council_round
    present = [s.pk for s in members[:4]]
    data = {"meeting_date": dmy(today()), "present": present}
    field = {"no date": "meeting_date", "future date": "meeting_date"}.get(case, "present")
    if case == "no date":
        data["meeting_date"] = ""
    elif case == "future date":
        data["meeting_date"] = dmy(today() + timedelta(days=1))
    elif case == "quorum short":
        data["present"] = present[:3]
    elif case == "missing sheet":
        data["present"] = [*present, members[4].pk]
    else:
        data["present"] = [*present, seats(make_council(province, 3))[0].pk]
    with unchanged(initiative):
        html = post(client, province.reviewer, url(initiative), data).content.decode()
    if case == "missing sheet":
        assert members[4].full_name in html[html.index('id="missing-sheets"') :]
        assert "Chưa chấm điểm xong" in html
        return
    block = html[html.index(f'id="div_id_{field}"') :]
    assert "invalid-feedback" in block[:3000], block[:3000]


# --- The outside expert's paper sheet -----------------------------------------------------------


def test_the_secretary_enters_the_experts_paper_sheet(council_round, client):
    initiative, council, members = council_round
    expert = members[5]
    html = get(client, secretary(council), paper_url(initiative, expert)).content.decode()
    assert expert.full_name in html and 'id="paper-sheet-note"' in html
    data = {f"score_{code}": value for code, value in GOOD.items()}
    data |= {"vote": "disagree", "comment": "Phiếu giấy đã ký.", "action": "confirm"}
    post(client, secretary(council), paper_url(initiative, expert), data)
    sheet = ScoreSheet.objects.get(assignment__council_member=expert)
    assert sheet.is_locked and sheet.entered_by == secretary(council)
    assert sheet.vote == "disagree"  # an open council: kept on the sheet, shown after completion


def test_no_one_else_enters_a_paper_sheet(council_round, client, province):
    initiative, council, members = council_round
    for user in (members[0].user, province.reviewer):
        with unchanged(initiative):
            status = get(client, user, paper_url(initiative, members[5])).status_code
        assert status in (403, 404)
    # A member with an account enters their own sheet, not the secretary.
    assert get(client, secretary(council), paper_url(initiative, members[4])).status_code == 403


def test_a_secret_ballot_draft_keeps_no_vote(at_state, province, client):
    initiative = at_state("council_review")
    council = make_council(province, 3, voting="secret")
    seat_on(initiative, council)
    member = seats(council)[0]
    address = reverse("workflow:scoresheet", args=[initiative.pk])
    data = {f"score_{code}": value for code, value in GOOD.items()}
    response = post(client, member.user, address, {**data, "vote": "agree", "action": "save"},
                    follow=True)  # fmt: skip
    assert "không kèm biểu quyết" in response.content.decode()
    assert ScoreSheet.objects.get(assignment__council_member=member).vote == ""
    post(client, member.user, address, {**data, "vote": "agree", "action": "confirm"})
    html = get(client, member.user, address).content.decode()
    assert "Đã bỏ phiếu kín" in html
    assert CouncilReview.objects.get(initiative=initiative).ballots_agree == 1


# --- The admin's form ----------------------------------------------------------------------------


def admin_url(initiative):
    name = "admin:initiatives_initiative_transition"
    return reverse(name, args=[initiative.pk, "complete_scoring"])


def test_the_admin_records_the_meeting_with_its_date_and_seats(council_round, admin_client):
    initiative, _council, members = council_round
    html = admin_client.get(admin_url(initiative)).content.decode()
    assert 'name="meeting_date"' in html and checked_boxes(html) == {s.pk for s in members[:4]}
    assert "4/6" in html or ("4" in html and "6" in html)  # the quorum beside the date
    with unchanged(initiative):  # the quorum is short by one
        short = {"meeting_date": today().isoformat(), "present": [s.pk for s in members[:3]]}
        admin_client.post(admin_url(initiative), short)
    met = {"meeting_date": today().isoformat(), "present": [s.pk for s in members[:4]]}
    response = admin_client.post(admin_url(initiative), met)
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == "awaiting_decision"
    review = CouncilReview.objects.get(initiative=initiative)
    assert (review.meeting_date, review.present_count) == (today(), 4)


def test_the_secretarys_work_list_offers_the_meeting(council_round, client):
    initiative, council, _members = council_round
    html = get(client, secretary(council), reverse("home")).content.decode()
    section = html[html.index('id="work-meetings"') :]
    assert (
        reverse("workflow:detail", args=[initiative.pk]) in section[: section.index("</section>")]
    )
