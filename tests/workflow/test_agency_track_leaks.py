"""What the review of issue 13 found open, closed: the province reads no council paper of a cơ
sở dossier (minutes draft, score sheets) while the agency's own secretary and head do; no
agency adopts another's cơ sở recognition to read it; the similar-initiatives panel and the
rollout dashboard show the province's recognitions only."""

import pytest
from django.urls import reverse

from adoption.models import Adoption
from initiatives.similarity import similar_recognized
from tests.documents.test_score_sheets import seat_of

pytestmark = pytest.mark.django_db


def status(client, user, url) -> int:
    client.force_login(user)
    return client.get(url).status_code


@pytest.fixture
def scored(at_agency_state):
    return at_agency_state("awaiting_decision")


def papers(initiative, track):
    seat = seat_of(initiative, track.members[1])
    return [
        reverse("documents:minutes_draft", args=[initiative.pk]),
        reverse("documents:score_sheet_blank", args=[seat.pk]),
        reverse("documents:score_sheet_filled", args=[seat.pk]),
        reverse("documents:council_papers", args=[initiative.pk]),
        reverse("documents:recognition_draft", args=[initiative.pk]),
    ]


@pytest.mark.parametrize("who", ["reviewer", "leader"])
def test_the_province_reads_no_council_paper_of_a_cơ_sở_dossier(client, province, track,
                                                                  scored, who):  # fmt: skip
    for url in papers(scored, track):
        assert status(client, getattr(province, who), url) == 404, url


@pytest.mark.parametrize("who", ["secretary", "head"])
def test_the_agencys_secretary_and_head_read_them(client, track, scored, who):
    for url in papers(scored, track):
        assert status(client, getattr(track, who), url) == 200, url


def test_no_agency_adopts_another_agencys_cơ_sở_recognition(client, province, track,
                                                            at_agency_state):  # fmt: skip
    initiative = at_agency_state("recognized")
    client.force_login(province.other_staff)
    response = client.post(reverse("adoption:registry_adopt", args=[initiative.pk]))
    assert response.status_code == 404
    assert not Adoption.objects.filter(initiative=initiative).exists()
    assert status(client, province.other_staff,
                  reverse("workflow:detail", args=[initiative.pk])) == 404  # fmt: skip


def test_the_panel_and_the_dashboard_show_the_provinces_recognitions(client, province, track,
                                                                      at_agency_state):  # fmt: skip
    own = at_agency_state("recognized")
    assert own.pk not in [i.pk for i in similar_recognized(own.title)]
    url = reverse("adoption:dashboard_initiative", args=[own.pk])
    assert status(client, province.leader, url) == 404
