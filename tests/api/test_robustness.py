"""Bad input gets a clear 4xx and changes nothing: never a 500."""

import pytest

from tests.conftest import IN_CI
from tests.unchanged import nothing_changes
from workflow.models import TransitionLog

pytestmark = pytest.mark.django_db

HUGE = 10**30


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/initiatives/abc/transitions/reject/"),
        ("get", "/api/v1/initiatives/abc/scoresheet/"),
        ("put", "/api/v1/initiatives/abc/scoresheet/"),
        ("get", "/api/v1/initiatives/abc/adoptions/"),
        ("post", "/api/v1/initiatives/abc/adoptions/"),
        ("get", "/api/v1/initiatives/abc/history/"),
        ("post", "/api/v1/notifications/abc/read/"),
        ("get", f"/api/v1/initiatives/{HUGE}/"),
        ("get", f"/api/v1/attachments/{HUGE}/download/"),
    ],
)
def test_malformed_or_unknown_ids_are_404(province, api, method, path):
    response = getattr(api(province.reviewer), method)(path, {}, format="json")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "body", "field"),
    [
        ("accept", {"council_members": "abc"}, "council_members"),
        ("accept", {"council_members": [HUGE]}, "council_members"),
        ("accept", {"council_members": [{"id": 1}]}, "council_members"),
        ("request_revision", {"comment": "x", "reply_due": "2026-13-45"}, "reply_due"),
        ("request_revision", {"comment": ["a", "b"]}, "comment"),
    ],
)
def test_wrong_types_in_a_transition_body_are_400(at_state, province, api, name, body, field):
    initiative = at_state("department_review")
    response = api(province.reviewer).post(
        f"/api/v1/initiatives/{initiative.pk}/transitions/{name}/", body, format="json"
    )
    assert response.status_code == 400
    assert field in response.data
    assert TransitionLog.objects.filter(initiative=initiative).count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"benefit_amount_vnd": HUGE},
        {"round": 99999},
        {"authors": "Nguyễn Văn A"},
        {"authors": [{"full_name": "A", "contribution_percent": "abc"}]},
        {"first_applied_on": "31/02/2026"},
        {"field": "nope"},
    ],
)
def test_wrong_dossier_fields_are_400_and_nothing_changes(province, api, draft, body):
    with nothing_changes(draft, draft.authors.all()):
        response = api(province.staff).patch(
            f"/api/v1/initiatives/{draft.pk}/", body, format="json"
        )
    assert response.status_code == 400, response.data
    assert set(body) <= set(response.data)


def test_scores_of_the_wrong_shape_are_400(at_state, province, api):
    initiative = at_state("council_review")
    with nothing_changes(initiative.council_assignments.all()):
        response = api(province.council[0]).put(
            f"/api/v1/initiatives/{initiative.pk}/scoresheet/", {"scores": [1, 2]}, format="json"
        )
    assert response.status_code == 400 and "scores" in response.data


def test_list_filters_with_huge_numbers_are_400(province, api):
    response = api(province.staff).get("/api/v1/initiatives/", {"agency": HUGE})
    assert response.status_code == 400 and "agency" in response.data


def test_pagination_bad_page_and_oversized_page_size(province, api, draft):
    client = api(province.staff)
    assert client.get("/api/v1/initiatives/", {"page": "abc"}).status_code == 404
    capped = client.get("/api/v1/initiatives/", {"page_size": 1000})
    assert capped.status_code == 200 and capped.data["count"] == 1


def test_an_invisible_dossier_is_404_even_with_a_bad_body(province, api, draft):
    with nothing_changes(draft):
        response = api(province.outsider).post(
            f"/api/v1/initiatives/{draft.pk}/transitions/submit/", {"comment": ["x"]}, format="json"
        )
    assert response.status_code == 404


def test_validation_messages_are_vietnamese_by_default(province, api, draft):
    response = api(province.staff).patch(
        f"/api/v1/initiatives/{draft.pk}/", {"authors": "x", "round": "abc"}, format="json"
    )
    text = str(response.data)
    assert "Expected" not in text and "valid integer" not in text


def test_healthz_broker_is_ok_in_ci(db, client):
    body = client.get("/healthz").json()
    if IN_CI:
        assert body == {"database": "ok", "broker": "ok"}
    else:
        assert body["database"] == "ok"
