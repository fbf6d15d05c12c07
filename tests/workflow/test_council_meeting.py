"""complete_scoring records the council's meeting (issue 10 §4): the date, the members present,
the quorum, whose sheets count, and the 2/3 rule against the council's majority base. Through
the service; tests/api/test_council_meeting.py and test_views_council_meeting.py do the same
through the API and the pages."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from common.exceptions import Conflict
from tests.conftest import today
from tests.unchanged import nothing_changes
from tests.workflow.council_fixtures import GOOD, make_council, seat_on, seats, secretary
from workflow import scoresheets, services
from workflow.models import CouncilAssignment, CouncilReview, TransitionLog

pytestmark = pytest.mark.django_db


def score(initiative, seat, vote="agree", scores=GOOD, submit=True):
    return scoresheets.scoresheet_save(
        initiative_id=initiative.pk, actor=seat.user, scores=scores, vote=vote, submit=submit,
        comment="Nhận xét của thành viên.",
    )  # fmt: skip


def complete(initiative, actor, present, meeting_date=None):
    return services.initiative_complete_scoring(
        initiative=initiative,
        actor=actor,
        meeting_date=meeting_date or today(),
        present=[s.pk for s in present],
    )


def problems_of(call) -> dict:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


@pytest.fixture
def seated(at_state, province):
    """seated(size, votes=[...], **council settings) → (initiative, council, seats); the first
    len(votes) seats submit their sheet with that vote."""

    def build(size=5, votes=(), **settings):
        initiative = at_state("council_review")
        council = make_council(province, size, **settings)
        seat_on(initiative, council)
        members = seats(council)
        for seat, vote in zip(members, votes, strict=False):
            score(initiative, seat, vote)
        return initiative, council, members

    return build


def refused_unchanged(initiative, call):
    """The call is refused and nothing is written."""
    assignments = CouncilAssignment.objects.filter(initiative=initiative)
    with nothing_changes(initiative, assignments, CouncilReview.objects.all()):
        return problems_of(call)


# --- Right actor -----------------------------------------------------------------------------


def test_reviewer_records_the_meeting_and_the_result(seated, province):
    initiative, _council, members = seated(5, ["agree"] * 5)
    done = complete(initiative, province.reviewer, members)
    assert done.status == "awaiting_decision"
    review = CouncilReview.objects.get(initiative=initiative)
    assert review.meeting_date == today()
    assert (review.named_count, review.present_count) == (5, 5)
    assert (review.agree_count, review.disagree_count, review.majority_denominator) == (5, 0, 5)
    assert review.majority_base == "named" and review.recommended is True
    assert set(CouncilAssignment.objects.values_list("present", flat=True)) == {True}
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    assert log.role == "reviewer"
    assert log.data == {"meeting_date": today().isoformat(), "present": [s.pk for s in members]}


def test_the_council_secretary_records_the_meeting(seated):
    initiative, council, members = seated(5, ["agree"] * 5)
    complete(initiative, secretary(council), members)
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    assert (log.transition, log.actor, log.role) == (
        "complete_scoring",
        secretary(council),
        "council_secretary",
    )


# --- Wrong actor, wrong state ----------------------------------------------------------------


def test_a_member_who_is_not_the_secretary_and_the_leader_are_forbidden(seated, province):
    initiative, _council, members = seated(5, ["agree"] * 5)
    chair = members[0].user
    for actor in (chair, province.leader):
        with nothing_changes(initiative), pytest.raises(PermissionDenied):
            complete(initiative, actor, members)


def test_the_secretary_of_another_council_is_forbidden(seated, province):
    initiative, _council, members = seated(5, ["agree"] * 5)
    other = make_council(province, 3)
    with nothing_changes(initiative), pytest.raises((PermissionDenied, Exception)) as refused:
        complete(initiative, secretary(other), members)
    # Not on this dossier's council: the dossier is not theirs to see (404) or act on (403).
    assert refused.type.__name__ in ("PermissionDenied", "Http404")


def test_wrong_state_is_a_conflict(seated, province):
    initiative, _council, members = seated(5, ["agree"] * 5)
    complete(initiative, province.reviewer, members)
    with pytest.raises(Conflict):
        complete(initiative, province.reviewer, members)


# --- Unmet conditions ------------------------------------------------------------------------


def test_no_meeting_date_and_no_one_present_are_named(seated, province):
    initiative, _council, _members = seated(5, ["agree"] * 5)
    problems = refused_unchanged(
        initiative,
        lambda: services.initiative_complete_scoring(
            initiative=initiative, actor=province.reviewer
        ),
    )
    assert set(problems) == {"meeting_date", "present"}
    assert "ngày" in problems["meeting_date"][0].lower()


def test_a_meeting_in_the_future_or_before_the_round_is_refused(seated, province):
    initiative, _council, members = seated(5, ["agree"] * 5)
    tomorrow = today() + timedelta(days=1)
    problems = refused_unchanged(
        initiative, lambda: complete(initiative, province.reviewer, members, tomorrow)
    )
    assert list(problems) == ["meeting_date"]
    last_week = today() - timedelta(days=7)
    problems = refused_unchanged(
        initiative, lambda: complete(initiative, province.reviewer, members, last_week)
    )
    assert list(problems) == ["meeting_date"]
    assert today().strftime("%d/%m/%Y") in problems["meeting_date"][0]


def test_quorum_exactly_met_passes_and_one_fewer_fails(seated, province):
    # 5 members named, quorum 2/3: ceil(10/3) = 4 must be present.
    initiative, _council, members = seated(5, ["agree"] * 5)
    problems = refused_unchanged(
        initiative, lambda: complete(initiative, province.reviewer, members[:3])
    )
    assert list(problems) == ["present"]
    assert "4/5" in problems["present"][0] and "3" in problems["present"][0]
    done = complete(initiative, province.reviewer, members[:4])
    assert done.status == "awaiting_decision"
    review = CouncilReview.objects.get(initiative=initiative)
    assert (review.present_count, review.member_count) == (4, 4)
    absent = CouncilAssignment.objects.get(initiative=initiative, council_member=members[4])
    assert absent.present is False and absent.sheet.is_locked  # kept, not counted


def test_the_council_quorum_setting_is_used(seated, province):
    initiative, _council, members = seated(6, ["agree"] * 6, quorum_numerator=1,
                                          quorum_denominator=2)  # fmt: skip
    refused_unchanged(initiative, lambda: complete(initiative, province.reviewer, members[:2]))
    assert complete(initiative, province.reviewer, members[:3]).status == "awaiting_decision"


def test_a_present_members_missing_sheet_is_named(seated, province):
    initiative, _council, members = seated(5, ["agree"] * 4)
    problems = refused_unchanged(
        initiative, lambda: complete(initiative, province.reviewer, members)
    )
    assert list(problems) == ["scoresheets"]
    assert members[4].full_name in problems["scoresheets"][0]
    # Absent, that member holds nothing up.
    assert complete(initiative, province.reviewer, members[:4]).status == "awaiting_decision"


def test_a_present_id_not_of_this_council_is_refused(seated, province):
    initiative, _council, members = seated(5, ["agree"] * 5)
    stranger = seats(make_council(province, 3))[0]
    problems = refused_unchanged(
        initiative, lambda: complete(initiative, province.reviewer, [*members, stranger])
    )
    assert list(problems) == ["present"]
    assert str(stranger.pk) in problems["present"][0]


# --- Whose sheets count; the 2/3 rule's denominator --------------------------------------------


def test_an_absent_members_sheet_is_kept_but_not_counted(seated, province):
    initiative, _council, members = seated(5, ["agree"] * 4)
    score(initiative, members[4], "disagree", scores={"novelty": 0, "applicability": 0,
                                                      "benefit": 0})  # fmt: skip
    complete(initiative, province.reviewer, members[:4])
    review = CouncilReview.objects.get(initiative=initiative)
    assert review.total == 76 and review.member_count == 4
    assert (review.agree_count, review.disagree_count) == (4, 0)
    assert review.recommended is True  # 4 × 3 = 12 ≥ 2 × 5


@pytest.mark.parametrize(
    "base, recommended, denominator",
    [("named", False, 5), ("present", True, 4)],
)
def test_three_of_four_present_in_a_council_of_five(seated, province, base, recommended,
                                                    denominator):  # fmt: skip
    # named: 3 × 3 = 9 < 2 × 5 = 10; present: 9 ≥ 2 × 4 = 8.
    initiative, _council, members = seated(5, ["agree", "agree", "agree", "disagree"],
                                          majority_base=base)  # fmt: skip
    complete(initiative, province.reviewer, members[:4])
    review = CouncilReview.objects.get(initiative=initiative)
    assert (review.agree_count, review.disagree_count) == (3, 1)
    assert (review.majority_denominator, review.majority_base) == (denominator, base)
    assert review.not_voting_count == denominator - 4
    assert review.recommended is recommended
    if not recommended:
        assert any("3/5" in r or "3 of 5" in r for r in review.reasons), review.reasons
        assert any("quyết định" in r or "decision" in r for r in review.reasons), review.reasons


def test_eligible_base_leaves_out_recused_members_present(at_state, province):
    initiative = at_state("council_review")
    council = make_council(province, 5, majority_base="eligible")
    members = seats(council)
    seat_on(initiative, council, recused=[members[4]])
    for seat, vote in zip(members[:4], ["agree", "agree", "agree", "disagree"], strict=True):
        score(initiative, seat, vote)
    complete(initiative, province.reviewer, members)  # all five came; one is recused
    review = CouncilReview.objects.get(initiative=initiative)
    assert (review.present_count, review.majority_denominator) == (5, 4)
    assert review.recommended is True  # 3 × 3 = 9 ≥ 2 × 4


def test_exactly_two_thirds_of_the_members_named_passes(seated, province):
    initiative, _council, members = seated(6, ["agree"] * 4 + ["disagree"] * 2)
    complete(initiative, province.reviewer, members)
    review = CouncilReview.objects.get(initiative=initiative)
    assert (review.agree_count, review.majority_denominator) == (4, 6)
    assert review.recommended is True  # 4 × 3 = 12 = 2 × 6
    assert review.tally_text.startswith("4/6")
