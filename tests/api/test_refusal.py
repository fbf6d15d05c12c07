"""The refusal of an application through the API: `grounds` in the body, `refused` as a status."""

import pytest

from tests.unchanged import nothing_changes
from workflow.refusal import RefusalGround

pytestmark = pytest.mark.django_db

BODY = {"comment": "Trùng với đơn đã nộp ở đợt trước.", "grounds": ["duplicate"]}


def reject(client, initiative, body):
    return client.post(
        f"/api/v1/initiatives/{initiative.pk}/transitions/reject/", body, format="json"
    )


def refused_reject(client, initiative, body):
    with nothing_changes(initiative):
        return reject(client, initiative, body)


def test_refusal_returns_refused_and_the_history_keeps_the_grounds(at_state, province, api):
    initiative = at_state("department_review")
    response = reject(api(province.reviewer), initiative, BODY)
    assert response.status_code == 200, response.data
    assert response.data["status"] == "refused"
    assert response.data["status_label"] == "Từ chối chấp nhận đơn"
    history = api(province.staff).get(f"/api/v1/initiatives/{initiative.pk}/history/").data
    assert history[-1]["transition"] == "reject" and history[-1]["target"] == "refused"
    assert history[-1]["data"] == {"grounds": ["duplicate"]}


def test_wrong_actor_is_403_and_wrong_state_409(at_state, province, api):
    initiative = at_state("department_review")
    assert refused_reject(api(province.leader), initiative, BODY).status_code == 403
    assert refused_reject(api(province.staff), initiative, BODY).status_code == 403
    later = at_state("council_review")
    response = refused_reject(api(province.reviewer), later, BODY)
    assert response.status_code == 409 and response.data["status"] == "council_review"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"comment": "Trùng."}, "căn cứ từ chối"),
        ({"comment": "Trùng.", "grounds": []}, "căn cứ từ chối"),
        ({"comment": "Trùng.", "grounds": ["weak_benefit"]}, "weak_benefit"),
        ({"comment": "Trùng.", "grounds": "duplicate"}, ""),
    ],
)
def test_grounds_are_required_and_validated(body, words, at_state, province, api):
    initiative = at_state("department_review")
    response = refused_reject(api(province.reviewer), initiative, body)
    assert response.status_code == 400
    assert "grounds" in response.data
    assert words in str(response.data["grounds"])


def test_the_status_filter_knows_refused(at_state, province, api):
    refused = at_state("refused")
    at_state("rejected")
    client = api(province.reviewer)
    results = client.get("/api/v1/initiatives/", {"status": "refused"}).data["results"]
    assert [row["id"] for row in results] == [refused.pk]
    assert results[0]["status"] == "refused"
    both = client.get("/api/v1/initiatives/", {"status": "refused,rejected"}).data["results"]
    assert len(both) == 2


def test_neither_refusal_is_in_the_public_registry(at_state, api):
    at_state("refused")
    at_state("rejected")
    assert api().get("/api/v1/registry/").data["count"] == 0


def test_the_schema_documents_refused_and_the_grounds(api):
    schema = api().get("/api/v1/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]
    assert "refused" in components["InitiativeStatusEnum"]["enum"]
    grounds = components["TransitionInputRequest"]["properties"]["grounds"]
    assert grounds["items"] == {"$ref": "#/components/schemas/GroundsEnum"}
    assert set(components["GroundsEnum"]["enum"]) == set(RefusalGround.values)
