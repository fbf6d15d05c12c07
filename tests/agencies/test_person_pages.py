"""The person registry's pages: the search (/persons/) and a person's page (/persons/<id>/)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import Person
from initiatives.models import Initiative, Status
from tests.api.test_persons import _authored

pytestmark = pytest.mark.django_db

BORN = date(1975, 9, 2)
LIST = reverse("initiatives:persons")


@pytest.fixture
def an(province):
    person = Person.objects.create(full_name="Nguyễn Văn An", birth_date=BORN, agency=province.stp)
    _authored(province, person, decided=date(2023, 4, 1), scope="agency", title="Một cửa 2023")
    _authored(province, person, decided=date(2025, 6, 1), title="Số hoá 2025")
    _authored(province, person, status=Status.DEPARTMENT_REVIEW, title="Đang thẩm định")
    return person


def test_the_search_finds_a_person_without_diacritics(client, province, an):
    Person.objects.create(full_name="Lê Thị Hoa", agency=province.phoyen)
    client.force_login(province.outsider)
    response = client.get(LIST, {"q": "nguyen van an"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Văn An" in html and "Lê Thị Hoa" not in html
    assert "02/09/1975" not in html  # another agency: no birth date
    assert "Xuất Excel" not in html and "exports/persons" not in html


def test_the_search_by_level_and_years_and_the_export_button(client, province, an):
    Person.objects.create(full_name="Lê Thị Hoa", agency=province.phoyen)
    client.force_login(province.reviewer)
    html = client.get(LIST, {"level": "provincial", "from": 2024, "to": 2026}).content.decode()
    assert "Nguyễn Văn An" in html and "Lê Thị Hoa" not in html
    assert "02/09/1975" in html
    assert reverse("exports:start", args=["persons"]) in html
    assert 'name="level" value="provincial"' in html  # the export keeps the filters


def test_the_person_page_filters_by_period_and_level(
    client, province, an, django_assert_max_num_queries
):
    client.force_login(province.staff)  # the person's agency: sees the birth date
    url = reverse("initiatives:person", args=[an.pk])
    html = client.get(url).content.decode()
    assert "Một cửa 2023" in html and "Số hoá 2025" in html
    recognized = html.split('id="other-dossiers"')[0]
    assert "Đang thẩm định" not in recognized  # listed apart, as not recognized
    assert "02/09/1975" in html
    assert 'name="q"' not in html and 'name="level"' in html  # the person is given
    with django_assert_max_num_queries(12):
        html = client.get(url, {"from": 2024, "level": "provincial"}).content.decode()
    assert "Số hoá 2025" in html and "Một cửa 2023" not in html
    client.force_login(province.outsider)
    assert 'id="birth-date"' not in client.get(url).content.decode()


def test_pages_need_a_login_and_an_existing_person(client, province, an):
    assert client.get(LIST).status_code == 302
    client.force_login(province.staff)
    assert client.get(reverse("initiatives:person", args=[999999])).status_code == 404
    assert client.get(LIST, {"from": "abc"}).status_code == 200


def test_unrecognized_dossiers_only_for_the_agency_reviewers_and_leaders(client, province, an):
    Initiative.objects.filter(title="Đang thẩm định").update(submitted_at=timezone.now())
    url = reverse("initiatives:person", args=[an.pk])
    for user, sees in ((province.staff, True), (province.reviewer, True),
                       (province.leader, True), (province.outsider, False),
                       (province.council[0], False)):  # fmt: skip
        client.force_login(user)
        html = client.get(url).content.decode()
        assert ("Đang thẩm định" in html) is sees, user
        assert "Số hoá 2025" in html


def test_a_person_without_recognition_of_another_agency_is_not_shown(client, province, an):
    hidden = Person.objects.create(full_name="Trần Thị Bình", agency=province.phoyen)
    client.force_login(province.outsider)
    assert client.get(reverse("initiatives:person", args=[hidden.pk])).status_code == 404
    assert "Trần Thị Bình" not in client.get(LIST).content.decode()
    assert client.get(reverse("initiatives:person", args=[an.pk])).status_code == 200
    client.force_login(province.other_staff)  # her own agency
    assert client.get(reverse("initiatives:person", args=[hidden.pk])).status_code == 200
