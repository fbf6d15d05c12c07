"""Secret ballots cast at the same moment are all counted: the urn's counters are incremented
in the database under the dossier's row lock, never read, added to and written back."""

import threading

import pytest
from django.db import connections

from tests.workflow.council_fixtures import GOOD, make_council, seat_on, seats
from tests.workflow.test_concurrency import postgres  # noqa: F401 (the fixture)
from workflow.models import CouncilReview, ScoreSheet

SHEET = "/api/v1/initiatives/{}/scoresheet/"


@pytest.mark.django_db(transaction=True)
def test_ballots_cast_at_once_are_all_in_the_urn(postgres, at_state, province, api):  # noqa: F811
    initiative = at_state("council_review")
    council = make_council(province, 5, voting="secret")
    seat_on(initiative, council)
    members = seats(council)
    votes = ["agree", "disagree", "agree", "agree", "disagree"]
    barrier = threading.Barrier(len(members))
    codes = []

    def cast(seat, vote):
        try:
            barrier.wait()
            body = {"scores": GOOD, "vote": vote, "submit": True}
            codes.append(api(seat.user).put(SHEET.format(initiative.pk), body, format="json"))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=cast, args=pair) for pair in zip(members, votes, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(r.status_code for r in codes) == [200] * 5
    review = CouncilReview.objects.get(initiative=initiative)
    assert (review.ballots_agree, review.ballots_disagree) == (3, 2)
    assert ScoreSheet.objects.filter(has_voted=True, vote="").count() == 5
