"""POST /api/v1/rounds/{id}/decide/: the batch decision through the API (issue 11)."""

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from tests.conftest import today
from tests.unchanged import nothing_changes
from tests.workflow.test_round_decision import DECISION, REASON, batch, refuse  # noqa: F401
from workflow.models import Round

pytestmark = pytest.mark.django_db


def url(made):
    return reverse("api-round-decide", args=[made.pk])


def body(**overrides):
    return {"decision_date": today().isoformat(), **DECISION} | overrides


def test_the_leader_decides_through_the_api(province, api, batch):  # noqa: F811
    made, first, second, low, waiting = batch
    refuse(province, waiting)
    response = api(province.leader).post(
        url(made), body(decline={str(low.pk): REASON}), format="json"
    )
    assert response.status_code == 200, response.json()
    assert sorted(response.json()["recognized"]) == sorted([first.code, second.code])
    assert response.json()["declined"] == [low.code]
    assert Round.objects.get(pk=made.pk).decided_on == today()


def test_a_refused_batch_names_each_dossier(province, api, batch):  # noqa: F811
    made, first, second, low, _waiting = batch
    # `second` was sent back after the leader's client listed it.
    Initiative.objects.filter(pk=second.pk).update(status="department_review")
    data = body(recognize=[first.pk, second.pk], decline={str(low.pk): ""})
    with nothing_changes(Initiative, Round):
        response = api(province.leader).post(url(made), data, format="json")
    assert response.status_code == 400
    assert set(response.json()["dossiers"]) == {second.code, low.code}


@pytest.mark.parametrize("who", ["reviewer", "staff"])
def test_others_get_403(who, province, api, batch):  # noqa: F811
    made = batch[0]
    with nothing_changes(Initiative, Round):
        response = api(getattr(province, who)).post(url(made), body(), format="json")
    assert response.status_code == 403


def test_an_unknown_round_is_404(province, api):
    response = api(province.leader).post(
        reverse("api-round-decide", args=[999]), body(), format="json"
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "bad",
    [
        {"decline": {"abc": REASON}},
        {"reasons": {"-1": REASON}},
        {"recognize": [10**30]},
        {"decline": {str(10**30): REASON}},
    ],
)
def test_malformed_ids_are_a_400_not_a_500(bad, province, api, batch):  # noqa: F811
    made = batch[0]
    with nothing_changes(Initiative, Round):
        response = api(province.leader).post(url(made), body(**bad), format="json")
    assert response.status_code == 400
    assert set(response.json()) & {"decline", "reasons", "recognize"}


def test_an_id_repeated_in_the_list_counts_once(province, api, batch):  # noqa: F811
    made, first, second, _low, _waiting = batch
    data = body(recognize=[first.pk, first.pk, second.pk])
    response = api(province.leader).post(url(made), data, format="json")
    assert response.status_code == 200, response.json()
    assert sorted(response.json()["recognized"]) == sorted([first.code, second.code])
