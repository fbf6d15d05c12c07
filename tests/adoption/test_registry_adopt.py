"""What adoption adds to the public registry (adoption.registry, through initiatives'
registry hooks and template slots): applied counts, the agencies that applied an initiative,
and "adopt this initiative"."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from adoption.models import Adoption
from agencies.models import Membership, Role
from initiatives.models import Initiative
from tests.conftest import make_draft
from tests.initiatives.registry_data import (
    API,
    PUBLIC_FILE,
    REGISTRY,
    SECRET_FILE,
    detail_url,
    english,
    make_recognized,
)

pytestmark = pytest.mark.django_db


def flashed(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def recognized(at_state, province):
    """A recognized initiative holding every kind of secret the registry must keep."""
    return make_recognized(at_state)


# --- Applied counts -------------------------------------------------------------------------


def test_applied_count_counts_only_applied_adoptions(client, api, province, recognized):
    S = Adoption.Status
    for agency, status in (
        (province.phoyen, S.APPLIED),
        (province.dailu, S.APPLIED),
        (province.snv, S.IN_PROGRESS),
        (province.songcong, S.NOT_APPLICABLE),
    ):
        Adoption.objects.create(
            initiative=recognized, agency=agency, source="voluntary", status=status
        )
    other = make_draft(province, title="Sáng kiến khác")
    Initiative.objects.filter(pk=other.pk).update(status="recognized")
    Adoption.objects.create(
        initiative=other, agency=province.snv, source="voluntary", status="applied"
    )

    counts = {item["title"]: item["applied_count"] for item in api().get(API).json()["results"]}
    assert counts == {recognized.title: 2, other.title: 1}
    response = client.get(REGISTRY)
    page = {i.pk: i.applied_count for i in response.context["initiatives"]}
    assert page == {recognized.pk: 2, other.pk: 1}
    html = client.get(detail_url(recognized)).content.decode()
    assert "UBND phường Phổ Yên" in html and "UBND xã Đại Từ" in html
    assert "Sở Nội vụ" not in html.split('id="adopters"')[1].split("</ul>")[0]


# --- Adopt this initiative ------------------------------------------------------------------


def adopt(client, initiative, **data):
    return english(client).post(
        reverse("adoption:registry_adopt", args=[initiative.pk]), data, follow=True
    )


def test_anonymous_is_invited_to_log_in(client, recognized):
    html = client.get(detail_url(recognized)).content.decode()
    assert 'id="login-to-adopt"' in html
    assert "/attachments/" not in html  # names only: files are not public
    assert 'id="adopt-button"' not in html
    response = client.post(reverse("adoption:registry_adopt", args=[recognized.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Adoption.objects.exists()


def test_agency_user_adopts_voluntarily(client, province, recognized):
    client.force_login(province.other_staff)
    assert 'id="adopt-button"' in client.get(detail_url(recognized)).content.decode()

    response = adopt(client, recognized)
    adoption = Adoption.objects.get()
    assert (adoption.agency, adoption.source) == (province.phoyen, "voluntary")
    assert adoption.status == "assigned"
    assert any("now adopts" in m for m in flashed(response))
    html = response.content.decode()
    assert 'id="adopt-button"' not in html
    assert "UBND phường Phổ Yên already adopts this initiative." in html
    # Now an adopter, the agency may download the public documents (never the confidential).
    public = recognized.attachments.get(original_name=PUBLIC_FILE)
    assert reverse("initiatives:attachment", args=[public.pk]) in html
    assert SECRET_FILE not in html

    again = adopt(client, recognized)
    assert "Your agency already adopts this initiative." in flashed(again)
    assert Adoption.objects.count() == 1


def test_own_agency_cannot_adopt(client, province, recognized):
    client.force_login(province.staff)
    html = english(client).get(detail_url(recognized)).content.decode()
    assert 'id="adopt-button"' not in html
    assert "Your agency is the author of this initiative." in html
    response = adopt(client, recognized)
    assert "Your agency is the author of this initiative." in flashed(response)
    assert not Adoption.objects.exists()


def test_user_of_several_agencies_chooses_one(client, province, recognized):
    user = province.other_staff
    Membership.objects.create(user=user, agency=province.dailu, role=Role.AGENCY_HEAD)
    client.force_login(user)
    html = client.get(detail_url(recognized)).content.decode()
    assert 'id="adopt-agency"' in html
    assert f'<option value="{province.dailu.pk}">' in html

    response = adopt(client, recognized)
    assert "You belong to several agencies: choose one." in flashed(response)
    assert not Adoption.objects.exists()

    adopt(client, recognized, agency=province.dailu.pk)
    assert Adoption.objects.get().agency == province.dailu

    response = adopt(client, recognized, agency=province.snv.pk)  # not one of theirs
    assert "You cannot adopt on behalf of another agency." in flashed(response)
    assert Adoption.objects.count() == 1


def test_closed_initiative_cannot_be_adopted(client, province, at_state):
    closed = at_state("closed")
    client.force_login(province.outsider)
    assert 'id="adopt-button"' not in client.get(detail_url(closed)).content.decode()
    response = adopt(client, closed)
    assert "Only a recognized initiative can be adopted." in flashed(response)
    assert not Adoption.objects.filter(agency=province.songcong).exists()


def test_non_agency_user_sees_no_button(client, province, recognized):
    client.force_login(province.reviewer)
    html = english(client).get(detail_url(recognized)).content.decode()
    assert 'id="adopt-button"' not in html
    assert "Only agency staff or heads can adopt an initiative." in html
