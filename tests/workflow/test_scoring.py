"""Council scoring: recusal, locked sheets, privacy of sheets, and the recommendation."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from tests.conftest import make_user
from tests.unchanged import nothing_changes
from tests.workflow.council_fixtures import minutes_body
from workflow import scoring
from workflow.models import CouncilAssignment, ScoreSheet

pytestmark = pytest.mark.django_db

SHEET = "/api/v1/initiatives/{}/scoresheet/"
GOOD = {"novelty": 30, "applicability": 20, "benefit": 20}


def put(client, pk, **body):
    return client.put(SHEET.format(pk), body, format="json")


def sheets(initiative):
    return ScoreSheet.objects.filter(assignment__initiative=initiative)


def accept_with(province, api, initiative, members):
    body = {"council": province.seat_all(members).pk}
    return api(province.reviewer).post(
        f"/api/v1/initiatives/{initiative.pk}/transitions/accept/", body, format="json"
    )


def test_member_from_applicant_agency_is_recused_and_cannot_score(at_state, province, api):
    initiative = at_state("department_review")
    response = accept_with(province, api, initiative, [*province.council, province.council_stp])
    assert response.status_code == 200, response.data
    assignment = CouncilAssignment.objects.get(initiative=initiative, member=province.council_stp)
    assert assignment.recused
    assert assignment.recusal_reason  # shown to the reviewer next to the greyed-out member

    # A recused member has a conflict of interest: the dossier is not theirs to see.
    with nothing_changes(initiative, sheets(initiative)):
        refused = put(api(province.council_stp), initiative.pk, scores=GOOD, vote="agree")
    assert refused.status_code == 404
    assert api(province.council_stp).get(f"/api/v1/initiatives/{initiative.pk}/").status_code == 404
    # A recused member does not hold up the council: the other three are enough.
    for member in province.council:
        assert (
            put(api(member), initiative.pk, scores=GOOD, vote="agree", submit=True).status_code
            == 200
        )
    done = api(province.reviewer).post(
        f"/api/v1/initiatives/{initiative.pk}/transitions/complete_scoring/",
        minutes_body(initiative),
        format="json",
    )
    assert done.status_code == 200, done.data
    assert done.data["score_summary"]["member_count"] == 3


def test_a_namesake_of_an_author_on_the_council_is_not_recused(at_state, province, api):
    """Recusal compares identities, never names: Trần Văn Hùng is an author of the default
    draft (the head of Sở Tư pháp); a council member of Sở Nội vụ bearing the same name is
    another person, and scores."""
    namesake = make_user("council_namesake", "Trần Văn Hùng", ("council_member", province.snv))
    initiative = at_state("department_review")
    assert accept_with(province, api, initiative, [namesake]).status_code == 200
    assignment = CouncilAssignment.objects.get(initiative=initiative, member=namesake)
    assert not assignment.recused and assignment.recusal_reason == ""
    assert put(api(namesake), initiative.pk, scores=GOOD, vote="agree").status_code == 200


def test_sheet_is_a_draft_until_submitted_then_locked(at_state, province, api):
    initiative = at_state("council_review")
    member = api(province.council[0])
    draft = put(member, initiative.pk, scores={"novelty": 25}, comment="Đang xem xét.")
    assert draft.status_code == 200 and draft.data["locked"] is False
    assert member.get(SHEET.format(initiative.pk)).data["scores"] == {"novelty": 25.0}

    with nothing_changes(sheets(initiative)):
        incomplete = put(member, initiative.pk, scores={"novelty": 25}, submit=True)
    assert incomplete.status_code == 400
    assert "scores" in incomplete.data and "vote" in incomplete.data

    submitted = put(member, initiative.pk, scores=GOOD, vote="agree", submit=True)
    assert submitted.status_code == 200 and submitted.data["locked"] is True

    with nothing_changes(initiative, sheets(initiative)):
        changed = {**GOOD, "novelty": 40}
        again = put(member, initiative.pk, scores=changed, vote="agree", submit=True)
    assert again.status_code == 409
    assert member.get(SHEET.format(initiative.pk)).data["scores"]["novelty"] == 30.0


def test_scores_are_checked_against_the_rubric(at_state, province, api):
    initiative = at_state("council_review")
    member = api(province.council[0])
    with nothing_changes(sheets(initiative)):
        over = put(member, initiative.pk, scores={"novelty": 41, "benefit": -1, "luck": 5})
    assert over.status_code == 400
    text = " ".join(over.data["scores"])
    assert "40" in text and "luck" in text


def test_members_never_see_each_others_sheets(at_state, province, api):
    initiative = at_state("council_review")
    first, second = province.council[0], province.council[1]
    put(api(first), initiative.pk, scores={"novelty": 39}, vote="disagree", comment="Riêng tư")
    mine = api(second).get(SHEET.format(initiative.pk)).data
    assert mine["scores"] == {} and mine["comment"] == "" and mine["vote"] == ""
    detail = api(second).get(f"/api/v1/initiatives/{initiative.pk}/").data
    assert detail["score_summary"] is None
    assert "Riêng tư" not in str(detail)


def test_a_council_member_not_assigned_cannot_see_the_dossier(at_state, province, api):
    initiative = at_state("council_review")
    outsider = make_user("council9", "Lý Văn Khoa", ("council_member", province.snv))
    assert api(outsider).get(f"/api/v1/initiatives/{initiative.pk}/").status_code == 404
    with nothing_changes(initiative, sheets(initiative)):
        refused = put(api(outsider), initiative.pk, scores=GOOD, vote="agree")
    assert refused.status_code == 404


def test_reviewer_cannot_fill_a_sheet(at_state, province, api):
    initiative = at_state("council_review")
    with nothing_changes(initiative, sheets(initiative)):
        refused = put(api(province.reviewer), initiative.pk, scores=GOOD, vote="agree")
    assert refused.status_code == 403


# --- The recommendation at its boundaries ------------------------------------------------


def criteria():
    return [
        SimpleNamespace(code="novelty", name="Tính mới", min_points=Decimal(10)),
        SimpleNamespace(code="applicability", name="Khả năng áp dụng", min_points=Decimal(10)),
        SimpleNamespace(code="benefit", name="Hiệu quả", min_points=Decimal(10)),
    ]


def sheet(novelty, applicability, benefit, vote="agree"):
    scores = {"novelty": novelty, "applicability": applicability, "benefit": benefit}
    return SimpleNamespace(scores=scores, vote=vote)


def test_total_exactly_at_the_pass_mark_passes():
    result = scoring.compute(criteria(), [sheet(20, 15, 15)] * 3, Decimal(50))
    assert result.total == Decimal(50)
    assert result.recommended is True


def test_total_just_below_the_pass_mark_fails():
    sheets = [sheet(20, 15, 15), sheet(20, 15, 15), sheet(20, 15, 14)]
    result = scoring.compute(criteria(), sheets, Decimal(50))
    assert result.total == Decimal("49.67")
    assert result.recommended is False
    assert any("50" in reason for reason in result.reasons)


def test_one_criterion_under_its_minimum_fails_even_with_a_high_total():
    result = scoring.compute(criteria(), [sheet(40, 30, 9)] * 3, Decimal(50))
    assert result.total == Decimal(79)
    assert result.recommended is False
    assert any("Hiệu quả" in reason for reason in result.reasons)


def test_criterion_mean_exactly_at_its_minimum_passes():
    sheets = [sheet(30, 20, 10), sheet(30, 20, 11), sheet(30, 20, 9)]
    assert scoring.compute(criteria(), sheets, Decimal(50)).recommended is True


def test_exactly_two_thirds_agreeing_is_enough():
    sheets = [sheet(30, 20, 20), sheet(30, 20, 20), sheet(30, 20, 20, vote="disagree")]
    result = scoring.compute(criteria(), sheets, Decimal(50))
    assert (result.agree_count, result.member_count, result.recommended) == (2, 3, True)


def test_less_than_two_thirds_agreeing_fails():
    votes = ["agree", "agree", "disagree", "disagree"]
    sheets = [sheet(30, 20, 20, vote=v) for v in votes]
    result = scoring.compute(criteria(), sheets, Decimal(50))
    assert (result.agree_count, result.member_count, result.recommended) == (2, 4, False)
    assert any("2/3" in r or "hai phần ba" in r or "two thirds" in r for r in result.reasons)


def test_complete_scoring_stores_the_result_on_the_dossier(at_state, province, api):
    initiative = at_state("council_review")
    for member, vote in zip(province.council, ["agree", "agree", "disagree"], strict=True):
        put(api(member), initiative.pk, scores={"novelty": 20, "applicability": 15, "benefit": 15},
            vote=vote, submit=True)  # fmt: skip
    response = api(province.reviewer).post(
        f"/api/v1/initiatives/{initiative.pk}/transitions/complete_scoring/",
        minutes_body(initiative),
        format="json",
    )
    summary = response.data["score_summary"]
    assert summary["total"] == 50
    assert summary["mean_scores"] == {"novelty": 20.0, "applicability": 15.0, "benefit": 15.0}
    assert (summary["agree_count"], summary["member_count"]) == (2, 3)
    assert summary["recommended"] is True


def test_a_deactivated_member_does_not_block_scoring(at_state, province, api):
    initiative = at_state("council_review")
    for member in province.council[:2]:
        put(api(member), initiative.pk, scores=GOOD, vote="agree", submit=True)
    province.council[2].is_active = False
    province.council[2].save()
    done = api(province.reviewer).post(
        f"/api/v1/initiatives/{initiative.pk}/transitions/complete_scoring/",
        minutes_body(initiative),
        format="json",
    )
    assert done.status_code == 200, done.data
    assert done.data["score_summary"]["member_count"] == 2
