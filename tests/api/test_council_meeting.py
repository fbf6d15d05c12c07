"""complete_scoring {"meeting_date", "present"} and the score sheet of a council set up by
decision, through the API (issue 10 §4): right actors (reviewer, the council's secretary), wrong
actors (a plain member, the leader: 403), wrong state (409), unmet conditions (400 naming each
field); the outside expert's paper sheet (PUT …/scoresheet/?seat=<id>, the secretary only)."""

from datetime import timedelta

import pytest

from tests.conftest import today
from tests.unchanged import nothing_changes
from tests.workflow.council_fixtures import GOOD, make_council, seat_on, seats, secretary
from workflow.models import CouncilReview, ScoreSheet

pytestmark = pytest.mark.django_db

SHEET = "/api/v1/initiatives/{}/scoresheet/"


def transition(pk):
    return f"/api/v1/initiatives/{pk}/transitions/complete_scoring/"


def put_sheet(client, pk, vote="agree", seat=None, **extra):
    url = SHEET.format(pk) + (f"?seat={seat}" if seat else "")
    body = {"scores": GOOD, "vote": vote, "comment": "Đạt.", "submit": True, **extra}
    return client.put(url, body, format="json")


def minutes(members, day=None):
    return {"meeting_date": (day or today()).isoformat(), "present": [s.pk for s in members]}


@pytest.fixture
def scored(at_state, province, api):
    """A dossier before a 5-member council (+1 outside expert), every sheet in through the
    API, the expert's entered by the secretary: (initiative, council, seats)."""

    def build(**settings):
        initiative = at_state("council_review")
        council = make_council(province, 5, experts=1, **settings)
        seat_on(initiative, council)
        members = seats(council)
        for seat in members[:5]:
            assert put_sheet(api(seat.user), initiative.pk).status_code == 200
        paper = put_sheet(api(secretary(council)), initiative.pk, seat=members[5].pk)
        assert paper.status_code == 200, paper.data
        return initiative, council, members

    return build


def refused(client, initiative, body):
    with nothing_changes(initiative, CouncilReview.objects.all(), ScoreSheet.objects.all()):
        return client.post(transition(initiative.pk), body, format="json")


@pytest.mark.parametrize("who", ["reviewer", "secretary"])
def test_the_reviewer_or_the_secretary_records_the_meeting(who, scored, province, api):
    initiative, council, members = scored()
    actor = province.reviewer if who == "reviewer" else secretary(council)
    response = api(actor).post(transition(initiative.pk), minutes(members), format="json")
    assert response.status_code == 200, response.data
    summary = response.data["score_summary"]
    assert response.data["status"] == "awaiting_decision"
    assert summary["meeting_date"] == today().isoformat()
    assert (summary["named_count"], summary["present_count"]) == (6, 6)
    assert (summary["agree_count"], summary["disagree_count"], summary["not_voting_count"]) == (
        6, 0, 0,
    )  # fmt: skip
    assert (summary["majority_base"], summary["majority_denominator"]) == ("named", 6)
    assert summary["tally"] == "6/6 thành viên đồng ý (tính trên số thành viên theo quyết định)"
    assert summary["voting"] == "open"
    history = api(actor).get(f"/api/v1/initiatives/{initiative.pk}/history/").data
    assert history[-1]["role"] == ("reviewer" if who == "reviewer" else "council_secretary")
    assert history[-1]["data"]["meeting_date"] == today().isoformat()


def test_a_plain_member_and_the_leader_are_forbidden(scored, province, api):
    initiative, _council, members = scored()
    for actor in (members[0].user, province.leader):
        response = refused(api(actor), initiative, minutes(members))
        assert response.status_code == 403, response.data


def test_wrong_state_is_a_conflict(scored, province, api):
    initiative, _council, members = scored()
    api(province.reviewer).post(transition(initiative.pk), minutes(members), format="json")
    response = refused(api(province.reviewer), initiative, minutes(members))
    assert response.status_code == 409 and response.data["status"] == "awaiting_decision"


def test_a_v1_client_that_omits_the_meeting_gets_both_fields_named(scored, province, api):
    initiative, _council, _members = scored()
    response = refused(api(province.reviewer), initiative, {})
    assert response.status_code == 400
    assert set(response.data) == {"meeting_date", "present"}


@pytest.mark.parametrize("days", [1, -30])
def test_a_meeting_date_in_the_future_or_before_the_round(days, scored, province, api):
    initiative, _council, members = scored()
    body = minutes(members, today() + timedelta(days=days))
    response = refused(api(province.reviewer), initiative, body)
    assert response.status_code == 400 and list(response.data) == ["meeting_date"]


def test_quorum_short_by_one_then_exactly_met(scored, province, api):
    # 6 named, quorum 2/3: exactly 4 must be present.
    initiative, _council, members = scored()
    response = refused(api(province.reviewer), initiative, minutes(members[:3]))
    assert response.status_code == 400 and list(response.data) == ["present"]
    assert "Cần ít nhất 4/6 thành viên có mặt" in response.data["present"][0]
    done = api(province.reviewer).post(
        transition(initiative.pk), minutes(members[:4]), format="json"
    )
    assert done.status_code == 200, done.data
    assert done.data["score_summary"]["present_count"] == 4


def test_a_present_members_missing_sheet_and_a_stranger_are_named(at_state, province, api):
    initiative = at_state("council_review")
    council = make_council(province, 5)
    seat_on(initiative, council)
    members = seats(council)
    for seat in members[:4]:
        put_sheet(api(seat.user), initiative.pk)
    response = refused(api(province.reviewer), initiative, minutes(members))
    assert response.status_code == 400
    assert members[4].full_name in response.data["scoresheets"][0]
    stranger = seats(make_council(province, 3))[0]
    response = refused(api(province.reviewer), initiative, minutes([*members[:4], stranger]))
    assert list(response.data) == ["present"] and str(stranger.pk) in response.data["present"][0]


# --- The outside expert's paper sheet ---------------------------------------------------------


def test_the_paper_sheet_is_marked_with_who_entered_it(scored, api):
    initiative, council, members = scored()
    got = api(secretary(council)).get(SHEET.format(initiative.pk) + f"?seat={members[5].pk}")
    assert got.status_code == 200
    assert got.data["entered_by"] == secretary(council).username and got.data["locked"]


def test_only_the_secretary_enters_a_paper_sheet(at_state, province, api):
    initiative = at_state("council_review")
    council = make_council(province, 5, experts=1)
    seat_on(initiative, council)
    members = seats(council)
    with nothing_changes(ScoreSheet.objects.all()):
        assert put_sheet(api(members[0].user), initiative.pk, seat=members[5].pk).status_code == 403
        assert (
            put_sheet(api(secretary(council)), initiative.pk, seat=members[0].pk).status_code == 403
        )
        assert put_sheet(api(secretary(council)), initiative.pk, seat="x").status_code == 400
        assert put_sheet(api(secretary(council)), initiative.pk, seat=99999).status_code == 404


# --- Secret ballot through the API -------------------------------------------------------------


def test_under_a_secret_ballot_the_sheet_answers_no_vote(at_state, province, api):
    initiative = at_state("council_review")
    council = make_council(province, 5, voting="secret")
    seat_on(initiative, council)
    member = api(seats(council)[0].user)
    draft = put_sheet(member, initiative.pk, vote="disagree", submit=False)
    assert (draft.data["vote"], draft.data["has_voted"]) == ("", False)
    submitted = put_sheet(member, initiative.pk, vote="disagree")
    assert (submitted.data["vote"], submitted.data["has_voted"]) == ("", True)
    assert member.get(SHEET.format(initiative.pk)).data["vote"] == ""
    again = put_sheet(member, initiative.pk, vote="agree")
    assert again.status_code == 409  # nobody votes twice
