"""Persons behind author rows: the migration of today's authors and linking on save."""

import importlib
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from agencies.models import Person
from initiatives import services
from initiatives.models import Author
from tests.conftest import make_draft
from tests.unchanged import nothing_changes

BORN = date(1980, 5, 1)
# The data migration's own function, run on the live models (their fields are the same).
MIGRATION = importlib.import_module("initiatives.migrations.0014_link_authors_to_persons")


def link_unlinked_authors():
    return MIGRATION.link(django_apps, None)


def _author(initiative, name, birth_date=None, order=0):
    return Author.objects.create(
        initiative=initiative,
        full_name=name,
        birth_date=birth_date,
        contribution_percent=Decimal(50),
        order=order,
    )


@pytest.fixture
def two_drafts(province):
    first = make_draft(province, authors=[])
    second = make_draft(province, authors=[])
    return first, second


def test_person_stores_nfc_and_folded_name(province):
    person = Person.objects.create(full_name="Nguye\u0302\u0303n  Văn Đức", agency=province.stp)
    assert person.full_name == "Nguyễn  Văn Đức"
    assert person.folded_name == "nguyen van duc"
    assert person.civil_servant_code is None


def test_migration_joins_same_name_agency_and_birth_date(two_drafts):
    first, second = two_drafts
    a = _author(first, "Nguyễn Văn An", BORN)
    b = _author(second, "NGUYEN VAN AN", BORN)
    assert link_unlinked_authors() == 1
    a.refresh_from_db(), b.refresh_from_db()
    assert a.person_id == b.person_id
    assert a.person.agency_id == first.agency_id


def test_migration_never_joins_rows_whose_birth_dates_differ(two_drafts):
    first, second = two_drafts
    a = _author(first, "Nguyễn Văn An", BORN)
    b = _author(second, "Nguyễn Văn An", date(1990, 1, 1))
    c = _author(second, "Nguyễn Văn An", None, order=1)
    assert link_unlinked_authors() == 3
    ids = {Author.objects.get(pk=row.pk).person_id for row in (a, b, c)}
    assert len(ids) == 3


def test_migration_joins_rows_without_birth_date_of_the_same_name(two_drafts):
    first, second = two_drafts
    a = _author(first, "Trần Thị Bình")
    b = _author(second, "Trần Thị Bình")
    link_unlinked_authors()
    assert Author.objects.get(pk=a.pk).person_id == Author.objects.get(pk=b.pk).person_id


def test_migration_keeps_agencies_apart(province, two_drafts):
    first, _second = two_drafts
    other = make_draft(
        province, authors=[], agency=province.phoyen, created_by=province.other_staff
    )
    a = _author(first, "Lê Văn Cường", BORN)
    b = _author(other, "Lê Văn Cường", BORN)
    link_unlinked_authors()
    assert Author.objects.get(pk=a.pk).person_id != Author.objects.get(pk=b.pk).person_id


def test_migration_reuses_an_existing_person_and_is_idempotent(two_drafts):
    first, _second = two_drafts
    existing = Person.objects.create(full_name="Lê Văn Cường", birth_date=BORN, agency=first.agency)
    a = _author(first, "Le Van Cuong", BORN)
    assert link_unlinked_authors() == 0
    assert Author.objects.get(pk=a.pk).person_id == existing.pk
    assert link_unlinked_authors() == 0


def _row(name, birth_date=None, percent=100, **extra):
    return {"full_name": name, "birth_date": birth_date,
            "contribution_percent": Decimal(percent), **extra}  # fmt: skip


def test_saving_authors_links_the_exact_match(province, draft):
    person = Person.objects.create(full_name="Nguyễn Thị Lan", birth_date=BORN, agency=province.stp)
    services.initiative_update(
        initiative=draft, actor=province.staff, data={},
        authors=[_row("Nguyen Thi LAN", BORN, 60), _row("Trần Văn Hùng", None, 40)],
    )  # fmt: skip
    first, second = draft.authors.order_by("order")
    assert first.person_id == person.pk
    assert second.person_id not in (None, person.pk)
    assert second.person.full_name == "Trần Văn Hùng"


def test_saving_never_merges_a_namesake_with_another_birth_date(province, draft):
    person = Person.objects.create(full_name="Nguyễn Thị Lan", birth_date=BORN, agency=province.stp)
    services.initiative_update(
        initiative=draft, actor=province.staff, data={},
        authors=[_row("Nguyễn Thị Lan", date(1991, 2, 3))],
    )  # fmt: skip
    author = draft.authors.get()
    assert author.person_id != person.pk
    assert Person.objects.filter(folded_name="nguyen thi lan").count() == 2


def test_saving_keeps_the_person_chosen(province, draft):
    chosen = Person.objects.create(full_name="Nguyễn Thị Lan", birth_date=BORN, agency=province.stp)
    services.initiative_update(
        initiative=draft, actor=province.staff, data={},
        authors=[_row("Nguyen Thi Lan", None, person=chosen.pk)],
    )  # fmt: skip
    assert draft.authors.get().person_id == chosen.pk


def test_a_chosen_person_with_another_birth_date_is_refused(province, draft):
    chosen = Person.objects.create(full_name="Nguyễn Thị Lan", birth_date=BORN, agency=province.stp)
    with nothing_changes(Author, Person), pytest.raises(ValidationError) as error:
        services.initiative_update(
            initiative=draft, actor=province.staff, data={},
            authors=[_row("Nguyễn Thị Lan", date(1985, 5, 5), person=chosen.pk)],
        )  # fmt: skip
    message = " ".join(error.value.message_dict["authors"])
    assert "01/05/1980" in message and "05/05/1985" in message


def test_the_migration_reuses_the_oldest_of_two_matching_persons(two_drafts):
    first, _second = two_drafts
    oldest = Person.objects.create(full_name="Lê Văn Cường", agency=first.agency)
    Person.objects.create(full_name="Le Van Cuong", agency=first.agency)
    a = _author(first, "Lê Văn Cường")
    link_unlinked_authors()
    assert Author.objects.get(pk=a.pk).person_id == oldest.pk


def test_a_row_renamed_to_someone_else_drops_the_chosen_person(province, draft):
    chosen = Person.objects.create(full_name="Nguyễn Thị Lan", birth_date=BORN, agency=province.stp)
    services.initiative_update(
        initiative=draft, actor=province.staff, data={},
        authors=[_row("Phan Văn Khải", BORN, person=chosen.pk)],
    )  # fmt: skip
    assert draft.authors.get().person.full_name == "Phan Văn Khải"


def test_a_person_of_another_agency_cannot_be_chosen(province, draft):
    foreign = Person.objects.create(full_name="Nguyễn Thị Lan", agency=province.phoyen)
    with pytest.raises(ValidationError) as raised:
        services.initiative_update(
            initiative=draft, actor=province.staff, data={},
            authors=[_row("Nguyễn Thị Lan", person=foreign.pk)],
        )  # fmt: skip
    assert "authors" in raised.value.message_dict


# --- Through the API and the web form -------------------------------------------------------


def test_api_author_rows_carry_and_accept_the_person(province, draft, api):
    chosen = Person.objects.create(full_name="Phạm Văn Bình", birth_date=BORN, agency=province.stp)
    staff = api(province.staff)
    url = f"/api/v1/initiatives/{draft.pk}/"
    body = {"authors": [{"full_name": "Pham Van Binh", "contribution_percent": 100,
                         "person": chosen.pk}]}  # fmt: skip
    response = staff.patch(url, body, format="json")
    assert response.status_code == 200, response.data
    assert response.data["authors"][0]["person"] == chosen.pk
    # Sent back without a person: matched again (no birth date, so another person than chosen).
    body["authors"][0].pop("person")
    again = staff.patch(url, body, format="json")
    assert again.data["authors"][0]["person"] not in (None, chosen.pk)


def test_api_refuses_a_person_of_another_agency(province, draft, api):
    foreign = Person.objects.create(full_name="Phạm Văn Bình", agency=province.phoyen)
    body = {"authors": [{"full_name": "Phạm Văn Bình", "contribution_percent": 100,
                         "person": foreign.pk}]}  # fmt: skip
    response = api(province.staff).patch(f"/api/v1/initiatives/{draft.pk}/", body, format="json")
    assert response.status_code == 400
    assert "authors" in response.data
    assert draft.authors.count() == 2  # nothing written


def test_the_edit_form_keeps_the_person_of_each_row(client, province, draft):
    chosen = Person.objects.create(full_name="Nguyễn Thị Lan", birth_date=BORN, agency=province.stp)
    draft.authors.filter(full_name="Nguyễn Thị Lan").update(person=chosen)
    client.force_login(province.staff)
    html = client.get(reverse("initiatives:edit", args=[draft.pk])).content.decode()
    assert f'name="authors-0-person" value="{chosen.pk}"' in html
    assert 'type="hidden" name="authors-0-person"' in html


# --- Suggestions while drafting ---------------------------------------------------------------

SUGGEST = "/persons/suggest/"


def test_the_form_is_offered_persons_of_the_agency_by_folded_name_and_birth_date(province, client):
    same = Person.objects.create(full_name="Nguyễn Văn An", birth_date=BORN, agency=province.stp)
    undated = Person.objects.create(full_name="Nguyễn Văn An", agency=province.stp)
    Person.objects.create(
        full_name="Nguyễn Văn An", birth_date=date(1990, 1, 1), agency=province.stp
    )
    Person.objects.create(full_name="Nguyễn Văn An", birth_date=BORN, agency=province.phoyen)
    Person.objects.create(full_name="Nguyễn Văn Anh", birth_date=BORN, agency=province.stp)
    client.force_login(province.staff)
    found = client.get(SUGGEST, {"full_name": "nguyen  VAN an", "birth_date": "01/05/1980"})
    assert {p["id"] for p in found.json()["persons"]} == {same.pk, undated.pk}
    first = next(p for p in found.json()["persons"] if p["id"] == same.pk)
    assert first["birth_date"] == "01/05/1980" and first["recognitions"] == 0
    # Without a birth date typed, every namesake of the agency is offered.
    assert len(client.get(SUGGEST, {"full_name": "Nguyễn Văn An"}).json()["persons"]) == 3


def test_suggestions_stay_inside_the_users_agencies(province, client):
    Person.objects.create(full_name="Nguyễn Văn An", agency=province.phoyen)
    client.force_login(province.staff)
    assert client.get(SUGGEST, {"full_name": "Nguyễn Văn An"}).json() == {"persons": []}
    other = client.get(SUGGEST, {"full_name": "Nguyễn Văn An", "agency": province.phoyen.pk})
    assert other.status_code == 403
    client.force_login(province.reviewer)  # no agency to draft for: nothing to suggest
    assert client.get(SUGGEST, {"full_name": "Nguyễn Văn An"}).json() == {"persons": []}
    client.logout()
    assert client.get(SUGGEST, {"full_name": "x"}).status_code == 302


def test_the_dossier_form_wires_the_suggestions(client, province, draft):
    client.force_login(province.staff)
    html = client.get(reverse("initiatives:edit", args=[draft.pk])).content.decode()
    assert f'data-suggest-url="{SUGGEST}"' in html
    assert f'data-suggest-agency="{draft.agency_id}"' in html
    assert html.count("data-person-suggestions") == 3  # two rows and the new row's template
    assert 'aria-live="polite"' in html
