"""GET /api/v1/councils/?active=1 (API.md): the councils set up by decision, with members."""

import pytest

from tests.conftest import make_council, make_user

pytestmark = pytest.mark.django_db

URL = "/api/v1/councils/"


def test_the_province_council_with_its_members(province, api):
    expert = province.seat(None, "expert", full_name="TS. Lê Văn Chuyên", position="Đại học")
    response = api(province.reviewer).get(URL, {"active": 1})
    assert response.status_code == 200
    assert response.data["count"] == 1
    council = response.data["results"][0]
    assert {k: council[k] for k in ("id", "name", "kind", "decision_number", "voting")} == {
        "id": province.council_body.pk,
        "name": "Hội đồng sáng kiến tỉnh",
        "kind": "main",
        "decision_number": "1234/QĐ-UBND",
        "voting": "open",
    }
    assert council["body"] == {"id": province.ubnd.pk, "code": "UBND-TINH",
                               "name": "UBND tỉnh Thái Nguyên"}  # fmt: skip
    assert council["decision_date"] == province.council_body.decision_date.isoformat()
    members = {m["name"]: m for m in council["members"]}
    secretary = members["Hoàng Văn Nam"]
    assert secretary["role"] == "secretary"
    assert secretary["user"] == {"id": province.council[0].pk, "username": "council1",
                                 "full_name": "Hoàng Văn Nam"}  # fmt: skip
    assert members["TS. Lê Văn Chuyên"]["user"] is None
    assert members["TS. Lê Văn Chuyên"]["id"] == expert.pk


def test_active_filter(province, api):
    old = make_council(province.ubnd, [(province.council[0], "secretary")], name="Hội đồng cũ",
                       is_active=False)  # fmt: skip
    client = api(province.leader)
    active = [c["id"] for c in client.get(URL, {"active": 1}).data["results"]]
    assert active == [province.council_body.pk]
    every = [c["id"] for c in client.get(URL).data["results"]]
    assert set(every) == {province.council_body.pk, old.pk}
    assert client.get(URL, {"active": "maybe"}).status_code == 400


@pytest.mark.parametrize("who", ["reviewer", "leader", "council1"])
def test_who_takes_part_in_the_review_reads_them(who, province, api):
    user = province.council[0] if who == "council1" else getattr(province, who)
    assert api(user).get(URL).status_code == 200


@pytest.mark.parametrize("who", ["staff", "head", "outsider"])
def test_agencies_may_not(who, province, api):
    assert api(getattr(province, who)).get(URL).status_code == 403


def test_anonymous_is_401(api):
    assert api().get(URL).status_code == 401


def test_constant_number_of_queries(province, api, django_assert_max_num_queries):
    client = api(province.reviewer)
    with django_assert_max_num_queries(8):
        client.get(URL)
    for n in range(5):
        users = [make_user(f"hd{n}_{i}", f"Thành viên {n}.{i}", ("council_member", province.snv))
                 for i in range(3)]  # fmt: skip
        make_council(province.ubnd, [(u, "member") for u in users], name=f"Hội đồng {n}")
    with django_assert_max_num_queries(8):
        assert client.get(URL).data["count"] == 6
