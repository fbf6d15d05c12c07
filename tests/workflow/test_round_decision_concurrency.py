"""The batch decision under concurrent changes, on PostgreSQL with real row locks: whatever
wins, the round is never half decided and no dossier is decided twice."""
# ruff: noqa: F811 — the fixtures are imported from the modules that define them

import threading

import pytest
from django.db import connections

from tests.conftest import today
from tests.workflow.test_concurrency import postgres  # noqa: F401
from tests.workflow.test_round_decision import DECISION, REASON, batch, refuse  # noqa: F401
from workflow.models import Round, TransitionLog

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(calls):
    """Run each call in its own thread (own connection), released at the same instant."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def batch_body(**overrides):
    return {"decision_date": today().isoformat(), **DECISION} | overrides


def decisions_of(initiative):
    return TransitionLog.objects.filter(
        initiative=initiative, transition__in=("recognize", "decline")
    ).count()


@pytest.mark.parametrize("attempt", range(3))
def test_two_leaders_decide_the_same_round_at_once(postgres, province, api, batch, attempt):
    made, first, second, low, waiting = batch
    refuse(province, waiting)
    second_leader = type(province.leader).objects.create_user(
        username=f"leader2_{attempt}", full_name="Hoàng Minh Đức"
    )
    second_leader.memberships.create(agency=province.ubnd, role="leader")
    url = f"/api/v1/rounds/{made.pk}/decide/"
    body = batch_body(decline={str(low.pk): REASON})
    statuses = at_once([
        lambda: api(province.leader).post(url, body, format="json").status_code,
        lambda: api(second_leader).post(url, body, format="json").status_code,
    ])  # fmt: skip
    assert sorted(statuses) == [200, 400]
    assert [decisions_of(i) for i in (first, second, low)] == [1, 1, 1]
    assert Round.objects.get(pk=made.pk).decided_on == today()


@pytest.mark.parametrize("attempt", range(3))
def test_a_single_recognition_racing_the_batch_never_leaves_it_half_done(
    postgres,
    province,
    api,
    batch,
    attempt,
):
    made, first, second, _low, _waiting = batch
    single = {"decision_number": "77/QĐ-UBND", "decision_date": today().isoformat(),
              "scope": "provincial", "signer": "Ngô Thanh Sơn",
              "signer_authority": "chairman"}  # fmt: skip
    statuses = at_once([
        lambda: api(province.leader).post(
            f"/api/v1/rounds/{made.pk}/decide/", batch_body(), format="json"
        ).status_code,
        lambda: api(province.leader).post(
            f"/api/v1/initiatives/{second.pk}/transitions/recognize/", single, format="json"
        ).status_code,
    ])  # fmt: skip
    first.refresh_from_db()
    second.refresh_from_db()
    assert decisions_of(second) == 1  # decided once, by whichever came first
    if statuses[0] == 200:  # the batch won: both dossiers carry its decision
        assert statuses[1] == 409
        assert first.decision_number == second.decision_number == DECISION["decision_number"]
    else:  # the single recognition won: the batch wrote nothing at all
        assert statuses == [400, 200]
        assert second.decision_number == "77/QĐ-UBND"
        assert first.status == "awaiting_decision" and decisions_of(first) == 0
        assert Round.objects.get(pk=made.pk).decided_on is None
