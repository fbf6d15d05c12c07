"""Adoption records: who changes them, when, and with which dates."""

from datetime import timedelta

import pytest

from tests.conftest import make_user, today
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


def record(initiative, agency):
    return f"/api/v1/adoptions/{initiative.adoptions.get(agency=agency).pk}/"


def test_no_changes_once_the_rollout_is_closed(at_state, province, api):
    initiative = at_state("closed")
    path = record(initiative, province.phoyen)
    staff = api(province.other_staff)
    with nothing_changes(initiative, initiative.adoptions.all()):
        response = staff.patch(path, {"status": "in_progress"}, format="json")
        report = staff.post(
            f"{path}reports/", {"period": "2026", "result_summary": "x"}, format="json"
        )
    assert response.status_code == 409
    assert report.status_code == 409


def test_dates_must_make_sense(at_state, province, api):
    initiative = at_state("rollout")
    path = record(initiative, province.phoyen)
    future = (today() + timedelta(days=3)).isoformat()
    head = make_user("head_phoyen", "Lưu Văn Phúc", ("agency_head", province.phoyen))
    with nothing_changes(initiative.adoptions.all()):
        response = api(province.other_staff).patch(
            path, {"status": "in_progress", "started_on": future}, format="json"
        )
        backwards = api(head).patch(
            path,
            {"status": "applied", "started_on": today().isoformat(),
             "applied_on": (today() - timedelta(days=5)).isoformat()},
            format="json",
        )  # fmt: skip
    assert response.status_code == 400 and "started_on" in response.data
    assert backwards.status_code == 400 and "applied_on" in backwards.data


def test_the_author_agency_does_not_adopt_its_own_initiative(at_state, province, api):
    initiative = at_state("recognized")
    with nothing_changes(initiative):
        response = api(province.staff).post(
            f"/api/v1/initiatives/{initiative.pk}/adoptions/", {}, format="json"
        )
    assert response.status_code == 400 and "agency" in response.data


def test_someone_in_two_agencies_chooses_which_adopts(at_state, province, api):
    initiative = at_state("recognized")
    both = make_user(
        "two_hats", "Cao Thị Nga",
        ("agency_staff", province.phoyen), ("agency_staff", province.dailu),
    )  # fmt: skip
    path = f"/api/v1/initiatives/{initiative.pk}/adoptions/"
    with nothing_changes(initiative):
        assert api(both).post(path, {}, format="json").status_code == 400
    chosen = api(both).post(path, {"agency": province.dailu.pk}, format="json")
    assert chosen.status_code == 201 and chosen.data["agency"]["code"] == "UBND-DAITU"
    with nothing_changes(initiative, initiative.adoptions.all()):
        other = api(both).post(path, {"agency": province.songcong.pk}, format="json")
    assert other.status_code == 403


def test_staff_cannot_change_the_dates_of_a_confirmed_record(at_state, province, api):
    initiative = at_state("rollout")
    path = record(initiative, province.phoyen)
    head = make_user("head_phoyen", "Lưu Văn Phúc", ("agency_head", province.phoyen))
    assert api(head).patch(path, {"status": "applied"}, format="json").status_code == 200
    with nothing_changes(initiative.adoptions.all()):
        changed = api(province.other_staff).patch(
            path, {"applied_on": (today() - timedelta(days=1)).isoformat()}, format="json"
        )
    assert changed.status_code == 403


def test_nul_characters_never_reach_the_database(province, api, client):
    refused = api(province.staff).get("/api/v1/initiatives/", {"q": "abc\x00"})
    assert refused.status_code == 400 and "q" in refused.data
    client.force_login(province.staff)
    assert client.get("/registry/similar/", {"title": "\x00abc"}).status_code == 200
    client.logout()
    assert client.get("/registry/similar/", {"title": "abc"}).status_code == 302
