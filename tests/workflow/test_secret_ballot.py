"""The secret ballot (bỏ phiếu kín) and the paper sheets of outside experts, through the services
(issue 10 §4). The proof that nothing shows who voted how is tests/security/test_secret_ballot.py.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from common.exceptions import Conflict
from tests.conftest import today
from tests.unchanged import nothing_changes
from tests.workflow.council_fixtures import (
    GOOD,
    make_council,
    seat_on,
    seats,
    secretary,
    sheet_of,
)
from workflow import scoresheets, services
from workflow.models import CouncilReview, EarlierCouncilRound, EarlierScoreSheet, ScoreSheet

pytestmark = pytest.mark.django_db


def save(initiative, actor, vote="agree", submit=True, seat=None, scores=GOOD):
    return scoresheets.scoresheet_save(
        initiative_id=initiative.pk, actor=actor, scores=scores, vote=vote, submit=submit,
        comment="Ý kiến.", seat=seat.pk if seat else None,
    )  # fmt: skip


def review_of(initiative):
    return CouncilReview.objects.get(initiative=initiative)


@pytest.fixture
def secret(at_state, province):
    """A dossier before a 5-member council that votes by secret ballot, with one outside
    expert: (initiative, council, seats)."""
    initiative = at_state("council_review")
    council = make_council(province, 5, experts=1, voting="secret")
    seat_on(initiative, council)
    return initiative, council, seats(council)


def test_a_submitted_vote_goes_to_the_urn_never_to_the_sheet(secret):
    initiative, _council, members = secret
    sheet = save(initiative, members[0].user, "disagree")
    sheet.refresh_from_db()
    assert (sheet.vote, sheet.has_voted, sheet.is_locked) == ("", True, True)
    review = review_of(initiative)
    assert (review.ballots_agree, review.ballots_disagree) == (0, 1)


def test_a_draft_under_a_secret_ballot_keeps_no_vote(secret):
    initiative, _council, members = secret
    save(initiative, members[0].user, "agree", submit=False)
    sheet = sheet_of(initiative, members[0])
    assert (sheet.vote, sheet.has_voted) == ("", False)
    review = review_of(initiative)
    assert (review.ballots_agree, review.ballots_disagree) == (0, 0)


def test_nobody_votes_twice(secret):
    initiative, _council, members = secret
    save(initiative, members[0].user, "agree")
    watched = (CouncilReview.objects.all(), ScoreSheet.objects.all())
    with nothing_changes(*watched), pytest.raises(Conflict):
        save(initiative, members[0].user, "disagree")
    assert review_of(initiative).ballots_agree == 1


def test_completion_counts_the_urn(secret, province):
    initiative, council, members = secret
    for seat, vote in zip(members[:5], ["agree", "agree", "agree", "agree", "disagree"],
                          strict=True):  # fmt: skip
        save(initiative, seat.user, vote)
    save(initiative, secretary(council), "agree", seat=members[5])  # the expert's paper sheet
    services.initiative_complete_scoring(
        initiative=initiative, actor=secretary(council), meeting_date=today(),
        present=[s.pk for s in members],
    )  # fmt: skip
    review = review_of(initiative)
    assert (review.agree_count, review.disagree_count, review.majority_denominator) == (5, 1, 6)
    assert review.recommended is True
    assert set(ScoreSheet.objects.values_list("vote", flat=True)) == {""}


def test_a_member_who_cast_a_secret_ballot_cannot_be_recorded_absent(secret, province):
    initiative, council, members = secret
    for seat in members[:5]:
        save(initiative, seat.user, "agree")
    save(initiative, secretary(council), "agree", seat=members[5])
    with pytest.raises(ValidationError) as refused:
        services.initiative_complete_scoring(
            initiative=initiative, actor=province.reviewer, meeting_date=today(),
            present=[s.pk for s in members[1:]],
        )  # fmt: skip
    assert members[0].full_name in refused.value.message_dict["present"][0]


def test_an_open_council_keeps_the_vote_on_the_sheet(at_state, province):
    initiative = at_state("council_review")
    council = make_council(province, 3)
    seat_on(initiative, council)
    member = seats(council)[0]
    save(initiative, member.user, "disagree")
    assert sheet_of(initiative, member).vote == "disagree"
    assert review_of(initiative).ballots_disagree == 0


# --- Outside experts: the secretary enters the paper sheet -----------------------------------


def test_the_secretary_enters_an_outside_experts_paper_sheet(secret):
    initiative, council, members = secret
    expert = members[5]
    sheet = save(initiative, secretary(council), "disagree", seat=expert)
    assert sheet.assignment.council_member == expert and sheet.assignment.member is None
    assert sheet.entered_by == secretary(council)
    assert (sheet.vote, sheet.has_voted) == ("", True)  # secret: into the urn
    assert review_of(initiative).ballots_disagree == 1
    got = scoresheets.scoresheet_get(
        initiative_id=initiative.pk, actor=secretary(council), seat=expert.pk
    )
    assert got.pk == sheet.pk


def test_only_the_secretary_enters_a_paper_sheet_and_only_for_an_expert(secret, province):
    initiative, council, members = secret
    expert, chair = members[5], members[0]
    elsewhere = make_council(province, 3).members.first()
    with nothing_changes(ScoreSheet.objects.all()):
        with pytest.raises(PermissionDenied):
            save(initiative, chair.user, seat=expert)
        with pytest.raises(PermissionDenied):  # a member with an account enters their own
            save(initiative, secretary(council), seat=chair)
        with pytest.raises(Http404):  # the reviewer sees the dossier; the seat is not theirs
            save(initiative, province.reviewer, seat=elsewhere)


def test_an_expert_seat_is_carried_into_an_earlier_round(secret, province):
    """Sent back during scoring: the round is kept as rows, the expert's seat and the urn
    with it, and the sheets of a secret round hold no vote."""
    initiative, council, members = secret
    save(initiative, members[0].user, "disagree")
    save(initiative, secretary(council), "agree", seat=members[5])
    services.initiative_request_revision(
        initiative=initiative, actor=province.reviewer, comment="Bổ sung số liệu minh chứng."
    )
    earlier = EarlierCouncilRound.objects.get(initiative=initiative)
    assert (earlier.council, earlier.ballots_agree, earlier.ballots_disagree) == (council, 1, 1)
    expert_row = EarlierScoreSheet.objects.get(round=earlier, council_member=members[5])
    assert expert_row.member is None and expert_row.entered_by == secretary(council)
    assert set(EarlierScoreSheet.objects.values_list("vote", flat=True)) == {""}
    assert EarlierScoreSheet.objects.filter(has_voted=True).count() == 2
