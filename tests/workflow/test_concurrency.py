"""Two reviewers act on the same dossier at the same moment: exactly one wins."""

import threading

import pytest
from django.db import connection, connections

from tests.conftest import make_draft, require_service
from workflow.models import TransitionLog
from workflow.scenarios import advance


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        require_service("PostgreSQL", "row locks are only meaningful on PostgreSQL")


def race(clients, path, body):
    """POST the same request from several threads released at the same instant."""
    barrier = threading.Barrier(len(clients))
    results = [None] * len(clients)

    def run(index, client):
        try:
            barrier.wait()
            results[index] = client.post(path, body, format="json").status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(results)


REFUSAL = {"comment": "Trùng với đơn đã nộp.", "grounds": ["duplicate"]}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_same_transition_twice_at_once_one_wins(postgres, province, api, attempt):
    second_reviewer = type(province.reviewer).objects.create_user(
        username=f"reviewer2_{attempt}", full_name="Đặng Thị Yến"
    )
    second_reviewer.memberships.create(agency=province.skhcn, role="reviewer")
    initiative = advance(make_draft(province), "department_review", province.cast())
    path = f"/api/v1/initiatives/{initiative.pk}/transitions/reject/"

    statuses = race([api(province.reviewer), api(second_reviewer)], path, REFUSAL)

    assert statuses == [200, 409]
    assert TransitionLog.objects.filter(initiative=initiative, transition="reject").count() == 1
    initiative.refresh_from_db()
    assert initiative.status == "refused"


@pytest.mark.django_db(transaction=True)
def test_two_different_transitions_at_once_one_wins(postgres, province, api):
    """Reject and accept race from the same state: one applies, the other is a conflict."""
    initiative = advance(make_draft(province), "department_review", province.cast())
    base = f"/api/v1/initiatives/{initiative.pk}/transitions"
    barrier = threading.Barrier(2)
    codes = {}

    def run(name, body):
        try:
            barrier.wait()
            codes[name] = api(province.reviewer).post(f"{base}/{name}/", body, format="json")
        finally:
            connections.close_all()

    bodies = {"reject": REFUSAL,
              "accept": {"council": province.council_body.pk}}  # fmt: skip
    threads = [threading.Thread(target=run, args=item) for item in bodies.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(r.status_code for r in codes.values()) == [200, 409]
    assert (
        TransitionLog.objects.filter(initiative=initiative).exclude(transition="submit").count()
        == 1
    )
