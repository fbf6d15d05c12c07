"""GET /api/v1/persons/ and /persons/{id}/recognitions/ (issue 11)."""

from datetime import date
from decimal import Decimal

import pytest

from agencies.models import Person
from initiatives.models import Author, Initiative, Status
from tests.conftest import make_draft

pytestmark = pytest.mark.django_db

LIST = "/api/v1/persons/"
BORN = date(1975, 9, 2)


def recognitions_url(person):
    return f"{LIST}{person.pk}/recognitions/"


def _authored(province, person, *, status=Status.RECOGNIZED, decided=None, scope="provincial",
              title="Sáng kiến", percent=100):  # fmt: skip
    initiative = make_draft(province, title=title, authors=[])
    Author.objects.create(initiative=initiative, full_name=person.full_name, person=person,
                          contribution_percent=Decimal(percent))  # fmt: skip
    # Fixture rows: the states are reached through the workflow in the workflow tests.
    Initiative.objects.filter(pk=initiative.pk).update(
        status=status, decision_date=decided, decision_number="12/QĐ-UBND" if decided else "",
        scope=scope, code=f"SK-T-{initiative.pk:04d}",
    )  # fmt: skip
    return initiative


@pytest.fixture
def an(province):
    """Nguyễn Văn An of Sở Tư pháp: recognized in 2023 (agency) and 2025 (provincial), one
    dossier still under review, one revoked."""
    person = Person.objects.create(full_name="Nguyễn Văn An", birth_date=BORN, agency=province.stp)
    _authored(province, person, decided=date(2023, 4, 1), scope="agency", title="Một")
    _authored(province, person, decided=date(2025, 6, 1), title="Hai")
    _authored(province, person, status=Status.DEPARTMENT_REVIEW, title="Ba")
    _authored(province, person, status=Status.REVOKED, decided=date(2024, 1, 5), title="Bốn")
    return person


def rows(response):
    assert response.status_code == 200, response.data
    return response.data["results"]


def test_the_list_counts_recognized_initiatives_only(province, api, an):
    Person.objects.create(full_name="Trần Thị Bình", agency=province.phoyen)
    data = rows(api(province.reviewer).get(LIST))
    by_name = {row["full_name"]: row for row in data}
    assert by_name["Nguyễn Văn An"]["recognitions"] == 2
    assert by_name["Nguyễn Văn An"]["agency"]["id"] == province.stp.pk
    assert by_name["Trần Thị Bình"]["recognitions"] == 0


def test_other_agencies_see_only_persons_with_a_recognition(province, api, an):
    """An author of another agency's drafts is not named to everyone logged in."""
    bình = Person.objects.create(full_name="Trần Thị Bình", agency=province.phoyen)
    outsider = api(province.outsider)
    assert [row["full_name"] for row in rows(outsider.get(LIST))] == ["Nguyễn Văn An"]
    assert outsider.get(f"/api/v1/persons/{bình.pk}/recognitions/").status_code == 404
    assert outsider.get(f"/api/v1/persons/{an.pk}/recognitions/").status_code == 200
    # Her own agency, reviewers and leaders do see her.
    for user in (province.other_staff, province.reviewer, province.leader):
        assert "Trần Thị Bình" in {row["full_name"] for row in rows(api(user).get(LIST))}


def test_the_name_search_ignores_diacritics_and_case(province, api, an):
    Person.objects.create(full_name="Nguyễn Văn Ân", agency=province.phoyen)
    Person.objects.create(full_name="Lê Văn Anh", agency=province.stp)
    staff = api(province.reviewer)
    for query in ("nguyen van an", "NGUYỄN VĂN", "Nguyen"):
        names = {row["full_name"] for row in rows(staff.get(LIST, {"q": query}))}
        assert names == {"Nguyễn Văn An", "Nguyễn Văn Ân"}, query
    only_stp = rows(staff.get(LIST, {"q": "nguyen", "agency": province.stp.pk}))
    assert [row["full_name"] for row in only_stp] == ["Nguyễn Văn An"]


def test_the_emulation_question_filters_by_level_and_years(province, api, an):
    reviewer = api(province.reviewer)
    provincial = rows(reviewer.get(LIST, {"level": "provincial", "from": 2024, "to": 2026}))
    assert [(r["full_name"], r["recognitions"]) for r in provincial] == [("Nguyễn Văn An", 1)]
    assert rows(reviewer.get(LIST, {"level": "provincial", "from": 2026})) == []
    assert rows(reviewer.get(LIST, {"level": "national"})) == []


def test_birth_dates_only_for_the_agency_reviewers_and_leaders(province, api, an):
    for user, sees in ((province.staff, True), (province.reviewer, True),
                       (province.leader, True), (province.outsider, False),
                       (province.council[0], False)):  # fmt: skip
        row = rows(api(user).get(LIST, {"q": "an"}))[0]
        assert row["birth_date"] == (BORN.isoformat() if sees else None), user


def test_years_in_the_wrong_order_are_400(province, api, an):
    response = api(province.reviewer).get(LIST, {"from": 2026, "to": 2024})
    assert response.status_code == 400
    assert "năm" in " ".join(response.json()["to"]).lower()


def test_bad_filters_are_400(province, api):
    staff = api(province.staff)
    assert staff.get(LIST, {"level": "galactic"}).status_code == 400
    assert staff.get(LIST, {"from": "abc"}).status_code == 400
    assert staff.get(LIST, {"agency": "x"}).status_code == 400


def test_anonymous_is_refused(client, an):
    assert client.get(LIST).status_code in (401, 403)
    assert client.get(recognitions_url(an)).status_code in (401, 403)


def test_recognitions_of_a_person_with_period_and_level(province, api, an):
    outsider = api(province.outsider)
    everything = rows(outsider.get(recognitions_url(an)))
    assert [(r["initiative"]["title"], r["level"], r["year"]) for r in everything] == [
        ("Hai", "provincial", 2025), ("Một", "agency", 2023),
    ]  # fmt: skip
    first = everything[0]
    assert first["decision_number"] == "12/QĐ-UBND" and first["decision_date"] == "2025-06-01"
    assert first["certificate_number"] is None
    assert float(first["contribution_percent"]) == 100
    period = rows(
        outsider.get(recognitions_url(an), {"from": 2024, "to": 2026, "level": "provincial"})
    )
    assert [r["initiative"]["title"] for r in period] == ["Hai"]
    assert rows(outsider.get(recognitions_url(an), {"to": 2022})) == []


def test_recognitions_of_an_unknown_person_is_404(province, api):
    assert api(province.staff).get(f"{LIST}999999/recognitions/").status_code == 404


def test_a_dossier_recognized_through_the_workflow_counts(province, api, at_state):
    initiative = at_state("recognized")
    author = initiative.authors.order_by("order").first()
    assert author.person is None  # make_draft writes rows directly; the service links them
    person = Person.objects.create(full_name=author.full_name, agency=initiative.agency)
    initiative.authors.update(person=person)
    data = rows(api(province.leader).get(LIST, {"q": author.full_name}))
    assert data[0]["recognitions"] == 1


def test_the_list_query_count_is_constant_at_ten_thousand_persons(
    province, api, an, django_assert_max_num_queries
):
    Person.objects.bulk_create(
        Person(full_name=f"Người {i}", folded_name=f"nguoi {i}", agency=province.stp)
        for i in range(10_000)
    )
    reviewer = api(province.reviewer)
    with django_assert_max_num_queries(8):
        assert len(rows(reviewer.get(LIST))) > 0
    with django_assert_max_num_queries(8):
        rows(reviewer.get(LIST, {"q": "nguoi 99", "level": "provincial", "from": 2020}))
    with django_assert_max_num_queries(8):
        rows(reviewer.get(recognitions_url(an)))
