"""Auth, the caller's profile, agencies, rubric, schema and health."""

import re
from datetime import date, timedelta

import pytest

from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


def test_token_login_and_wrong_credentials(province, api):
    ok = api().post("/api/v1/auth/token/", {"username": "reviewer", "password": "pw-for-tests-123"})
    assert ok.status_code == 200 and ok.data["token"]
    bad = api().post("/api/v1/auth/token/", {"username": "reviewer", "password": "sai"})
    assert bad.status_code == 400

    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ok.data['token']}")
    me = client.get("/api/v1/me/")
    assert me.status_code == 200
    assert me.data["username"] == "reviewer" and me.data["full_name"] == "Phạm Thu Hà"
    assert me.data["roles"][0]["role"] == "reviewer"
    assert me.data["roles"][0]["agency"]["code"] == "SKHCN"


def test_unauthenticated_is_401_everywhere(db, api):
    for path in ["/api/v1/me/", "/api/v1/initiatives/", "/api/v1/agencies/", "/api/v1/rubric/"]:
        assert api().get(path).status_code == 401, path


def test_agencies_filter_by_kind_and_name(province, api):
    client = api(province.staff)
    communes = client.get("/api/v1/agencies/", {"kind": "commune"}).data["results"]
    assert {a["code"] for a in communes} == {"UBND-PHOYEN", "UBND-DAITU", "UBND-SONGCONG"}
    found = client.get("/api/v1/agencies/", {"q": "Tư pháp"}).data["results"]
    assert [a["code"] for a in found] == ["STP"]


def test_rubric_is_the_default_seeded_one(province, api):
    rubric = api(province.staff).get("/api/v1/rubric/").data
    assert rubric["pass_total"] == 50
    assert [(c["code"], c["max_points"], c["min_points"]) for c in rubric["criteria"]] == [
        ("novelty", 40, 10), ("applicability", 30, 10), ("benefit", 30, 10)
    ]  # fmt: skip


def test_english_on_request(at_state, province, api):
    initiative = at_state("department_review")
    response = api(province.reviewer).get(
        f"/api/v1/initiatives/{initiative.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.data["status_label"] == "Application under review by the Department of S&T"


def test_openapi_schema_and_local_swagger_ui(db, client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/initiatives/{id}/transitions/{name}/" in schema.content
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    # Every script and stylesheet is served from here: no absolute URL to another host.
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "/static/drf_spectacular_sidecar/" in html


def test_healthz_reports_database_and_broker(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["broker"] in {"ok", "unreachable"}


# --- Adoption records through the API ----------------------------------------------------


def test_rollout_creates_mandated_adoptions_the_agency_updates(at_state, province, api):
    from tests.conftest import make_user

    initiative = at_state("rollout")
    head_phoyen = make_user("head_phoyen", "Lưu Văn Phúc", ("agency_head", province.phoyen))
    listing = api(province.other_staff).get(f"/api/v1/initiatives/{initiative.pk}/adoptions/")
    assert listing.status_code == 200
    mine = next(a for a in listing.data if a["agency"]["code"] == "UBND-PHOYEN")
    assert (mine["source"], mine["status"]) == ("mandated", "assigned")
    url = f"/api/v1/adoptions/{mine['id']}/"

    started = api(province.other_staff).patch(url, {"status": "in_progress"}, format="json")
    assert started.status_code == 200 and started.data["started_on"] == date.today().isoformat()
    # Staff cannot confirm the initiative is applied: the agency head does.
    with nothing_changes(initiative.adoptions.all()):
        confirm = api(province.other_staff).patch(url, {"status": "applied"}, format="json")
    assert confirm.status_code == 403
    assert api(head_phoyen).patch(url, {"status": "applied"}, format="json").status_code == 200
    # Another agency cannot touch this record.
    with nothing_changes(initiative.adoptions.all()):
        other = api(province.staff).patch(url, {"status": "in_progress"}, format="json")
    assert other.status_code == 403

    report = api(province.other_staff).post(
        f"{url}reports/",
        {"period": "6 tháng đầu năm", "result_summary": "Giảm thời gian xử lý",
         "processing_days_before": 5, "processing_days_after": 2, "dossiers_handled": 120,
         "cost_saved_vnd": 12000000},
        format="json",
    )  # fmt: skip
    assert report.status_code == 201, report.data
    assert report.data["confirmed"] is False


def test_not_applicable_needs_a_reason(at_state, province, api):
    initiative = at_state("rollout")
    adoption = initiative.adoptions.get(agency=province.phoyen)
    url = f"/api/v1/adoptions/{adoption.pk}/"
    with nothing_changes(adoption):
        response = api(province.other_staff).patch(url, {"status": "not_applicable"}, format="json")
    assert response.status_code == 400 and response.data["reason"]


def test_voluntary_adoption_of_a_recognized_initiative(at_state, province, api):
    initiative = at_state("recognized")
    path = f"/api/v1/initiatives/{initiative.pk}/adoptions/"
    created = api(province.other_staff).post(path, {}, format="json")
    assert created.status_code == 201
    assert (created.data["source"], created.data["agency"]["code"]) == ("voluntary", "UBND-PHOYEN")
    with nothing_changes(initiative.adoptions.all()):
        assert api(province.other_staff).post(path, {}, format="json").status_code == 400

    not_yet = at_state("department_review")
    path = f"/api/v1/initiatives/{not_yet.pk}/adoptions/"
    with nothing_changes(not_yet):
        assert api(province.other_staff).post(path, {}, format="json").status_code == 404
        assert api(province.staff).post(path, {}, format="json").status_code == 409


def test_report_due_is_in_the_future(at_state, province, api):
    initiative = at_state("recognized")
    body = {"target_agencies": [province.phoyen.pk],
            "report_due": (date.today() - timedelta(days=1)).isoformat()}  # fmt: skip
    with nothing_changes(initiative):
        response = api(province.leader).post(
            f"/api/v1/initiatives/{initiative.pk}/transitions/start_rollout/", body, format="json"
        )
    assert response.status_code == 400 and response.data["report_due"]


def test_openapi_schema_is_valid_without_warnings(db, tmp_path):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    assert "/api/v1/initiatives/{id}/scoresheet/" in (tmp_path / "s.yml").read_text()
