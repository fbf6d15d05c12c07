"""The agency's own (cơ sở) track through the REST API (issue 13): created at agency level,
submitted without a cơ sở decision, accepted by the agency's secretary for its own council,
scored, recorded and recognized by the head — each step refused to the province's reviewer and
leader (they do not even find the dossier) — then proposed to the province."""

import pytest

from initiatives.models import Initiative
from tests.conftest import today
from tests.workflow.council_fixtures import minutes_body

from .test_lifecycle import dossier_body, post_transition

pytestmark = pytest.mark.django_db


def test_the_agency_level_lifecycle_through_the_api(province, track, api):
    staff, secretary, head = api(province.staff), api(track.secretary), api(track.head)
    reviewer, leader = api(province.reviewer), api(province.leader)

    created = staff.post("/api/v1/initiatives/", dossier_body(), format="json")
    assert created.status_code == 201, created.data
    pk = created.data["id"]
    assert created.data["level"] == "agency"
    declarations = {"public_order_declared": True, "no_ip_protection_declared": True}
    assert post_transition(staff, pk, "submit", **declarations).status_code == 200

    assert post_transition(reviewer, pk, "accept", council=track.council.pk).status_code == 404
    refused = post_transition(secretary, pk, "accept", council=province.council_body.pk)
    assert refused.status_code == 400 and "Sở Tư pháp" in str(refused.data["council"])
    accepted = post_transition(secretary, pk, "accept", council=track.council.pk)
    assert accepted.status_code == 200, accepted.data

    for member in track.members:
        sheet = api(member).put(
            f"/api/v1/initiatives/{pk}/scoresheet/",
            {"scores": {"novelty": 32, "applicability": 25, "benefit": 24}, "vote": "agree",
             "submit": True},
            format="json",
        )  # fmt: skip
        assert sheet.status_code == 200, sheet.data
    minutes = minutes_body(Initiative.objects.get(pk=pk))
    assert post_transition(secretary, pk, "complete_scoring", **minutes).status_code == 200

    decision = {"decision_number": "07/QĐ-STP", "decision_date": today().isoformat(),
                "signer": {"name": "Trần Văn Hùng", "authority": "director"}}  # fmt: skip
    assert post_transition(leader, pk, "recognize", **decision).status_code == 404
    assert post_transition(staff, pk, "recognize", **decision).status_code == 403
    recognized = post_transition(head, pk, "recognize", **decision)
    assert recognized.status_code == 200, recognized.data
    assert (recognized.data["status"], recognized.data["scope"]) == ("recognized", "agency")
    assert post_transition(head, pk, "recognize", **decision).status_code == 409

    promoted = staff.post(f"/api/v1/initiatives/{pk}/promote/")
    assert promoted.status_code == 201, promoted.data
    assert reviewer.get(f"/api/v1/initiatives/{pk}/").status_code == 200  # now the evidence


def test_the_list_filters_by_level(province, track, api, at_agency_state, at_state):
    own = at_agency_state("department_review")
    provincial = at_state("department_review")
    staff = api(province.staff)
    ids = [r["id"] for r in staff.get("/api/v1/initiatives/", {"level": "agency"}).data["results"]]
    assert own.pk in ids and provincial.pk not in ids
    assert staff.get("/api/v1/initiatives/", {"level": "cấp xã"}).status_code == 400
