"""Creating, editing, listing and searching dossiers; visibility of each role."""

from datetime import date

import pytest

from tests.conftest import make_draft
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db

LIST = "/api/v1/initiatives/"


def ids(response):
    assert response.status_code == 200, response.data
    return {row["id"] for row in response.data["results"]}


def test_search_ignores_diacritics(province, api):
    reform = make_draft(province, title="Cải cách thủ tục đăng ký khai sinh trực tuyến")
    make_draft(province, title="Số hoá hồ sơ lưu trữ")
    staff = api(province.staff)
    assert ids(staff.get(LIST, {"q": "cai cach"})) == {reform.pk}
    assert ids(staff.get(LIST, {"q": "CẢI CÁCH"})) == {reform.pk}
    assert ids(staff.get(LIST, {"q": "dang ky khai sinh"})) == {reform.pk}
    assert ids(staff.get(LIST, {"q": "đăng ký"})) == {reform.pk}


def test_search_matches_the_description_and_text_pasted_in_nfd(province, api):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Ứng dụng mã QR tra cứu hồ sơ")
    found = make_draft(province, title="Tra cứu", description=nfd)
    assert ids(api(province.staff).get(LIST, {"q": "ứng dụng mã qr"})) == {found.pk}


def test_filters_by_status_agency_year_and_field(at_state, province, api):
    submitted = at_state("department_review")
    draft = make_draft(province, field_id="chuyen_doi_so", round=2025)
    staff = api(province.staff)
    assert ids(staff.get(LIST, {"status": "department_review"})) == {submitted.pk}
    assert ids(staff.get(LIST, {"field": "chuyen_doi_so"})) == {draft.pk}
    assert ids(staff.get(LIST, {"year": 2025})) == {draft.pk}
    assert ids(staff.get(LIST, {"agency": province.stp.pk})) == {submitted.pk, draft.pk}


def test_bad_filters_are_a_400(province, api):
    response = api(province.staff).get(LIST, {"status": "flying", "year": "abc"})
    assert response.status_code == 400
    assert set(response.data) == {"status", "year"}


def test_each_role_sees_what_design_says(at_state, province, api):
    draft = make_draft(province)
    submitted = at_state("department_review")
    scoring = at_state("council_review")
    assert ids(api(province.staff).get(LIST)) == {draft.pk, submitted.pk, scoring.pk}
    assert ids(api(province.other_staff).get(LIST)) == set()
    assert ids(api(province.reviewer).get(LIST)) == {submitted.pk, scoring.pk}
    assert ids(api(province.leader).get(LIST)) == {submitted.pk, scoring.pk}
    assert ids(api(province.council[0]).get(LIST)) == {scoring.pk}
    assert api(province.other_staff).get(f"{LIST}{draft.pk}/").status_code == 404
    assert api(province.reviewer).get(f"{LIST}{draft.pk}/").status_code == 404


def test_list_is_paginated(province, api):
    for n in range(3):
        make_draft(province, title=f"Sáng kiến {n}")
    page = api(province.staff).get(LIST, {"page_size": 2}).data
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]


def test_list_runs_a_constant_number_of_queries(province, api, django_assert_max_num_queries):
    for n in range(30):
        make_draft(province, title=f"Sáng kiến số {n}")
    client = api(province.reviewer)
    with django_assert_max_num_queries(6):
        assert api(province.staff).get(LIST, {"page_size": 100}).status_code == 200
    with django_assert_max_num_queries(6):
        client.get(LIST, {"page_size": 100})


def test_only_agency_people_create_and_authors_are_kept(province, api):
    body = {"title": "Một cửa điện tử", "authors": [
        {"full_name": "Nguyễn Văn A", "contribution_percent": "100"}]}  # fmt: skip
    with nothing_changes():
        assert api(province.reviewer).post(LIST, body, format="json").status_code == 403
    created = api(province.other_staff).post(LIST, body, format="json")
    assert created.status_code == 201
    assert created.data["agency"]["code"] == "UBND-PHOYEN"
    assert created.data["authors"][0]["full_name"] == "Nguyễn Văn A"


def test_create_validates_input_in_vietnamese(province, api):
    body = {"authors": [{"full_name": "", "contribution_percent": 150}], "benefit_amount_vnd": -5}
    with nothing_changes():
        response = api(province.staff).post(LIST, body, format="json")
    assert response.status_code == 400
    assert "title" in response.data and "authors" in response.data
    assert "benefit_amount_vnd" in response.data
    assert "trường" in str(response.data["title"]).lower() or "bắt buộc" in str(
        response.data["title"]
    )


def test_patch_replaces_authors_and_only_while_editable(at_state, province, api):
    draft = make_draft(province)
    url = f"{LIST}{draft.pk}/"
    staff = api(province.staff)
    body = {"authors": [{"full_name": "Phạm Văn Bình", "contribution_percent": 100}]}
    response = staff.patch(url, body, format="json")
    assert response.status_code == 200
    assert [a["full_name"] for a in response.data["authors"]] == ["Phạm Văn Bình"]

    submitted = at_state("department_review")
    with nothing_changes(submitted, submitted.authors.all()):
        conflict = staff.patch(f"{LIST}{submitted.pk}/", {"title": "Đổi tên"}, format="json")
        reviewer = api(province.reviewer).patch(
            f"{LIST}{submitted.pk}/", {"title": "x"}, format="json"
        )
    assert conflict.status_code == 409
    assert conflict.data["status"] == "department_review"
    assert reviewer.status_code == 403


def test_code_sequence_per_year(at_state):
    first, second = at_state("department_review"), at_state("department_review")
    year = date.today().year
    assert (first.code, second.code) == (f"SK-{year}-0001", f"SK-{year}-0002")


def test_deadlines_on_submission_and_acceptance(at_state):
    from dateutil.relativedelta import relativedelta

    accepted = at_state("council_review")
    today = date.today()
    assert accepted.review_due == today + relativedelta(months=1)  # NĐ 13 Điều 6: 01 tháng
    assert accepted.decision_due == today + relativedelta(months=3)
    assert accepted.accepted_at is not None


def test_text_pasted_in_nfd_is_stored_in_nfc(province, api):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Thuý")
    body = {"title": unicodedata.normalize("NFD", "Cải cách"),
            "authors": [{"full_name": nfd, "contribution_percent": 100}]}  # fmt: skip
    created = api(province.staff).post(LIST, body, format="json").data
    assert created["title"] == unicodedata.normalize("NFC", "Cải cách")
    assert created["authors"][0]["full_name"] == unicodedata.normalize("NFC", nfd)
