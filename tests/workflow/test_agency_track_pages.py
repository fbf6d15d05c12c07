"""The pages of the agencies' own (cơ sở) track (issue 13): who sees a cơ sở dossier (its agency,
its secretary, its council — no other agency, and the province's reviewers and leaders only as
figures until it is proposed), the secretary's review queue and the head's decisions, the head's
switch and council, and the province's overview with a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Agency, Role
from tests.conftest import make_agency, make_user
from workflow.promotion import initiative_promote

pytestmark = pytest.mark.django_db


def status_of(client, user, url) -> int:
    client.force_login(user)
    return client.get(url).status_code


@pytest.mark.parametrize("who", ["reviewer", "leader", "other_staff", "other_secretary",
                                 "province_council"])  # fmt: skip
def test_nobody_outside_the_agency_reads_a_cơ_sở_dossier(
    client, api, province, track, at_agency_state, who
):
    initiative = at_agency_state("awaiting_decision")
    user = {
        "reviewer": province.reviewer, "leader": province.leader,
        "other_staff": province.other_staff, "province_council": province.council[0],
        "other_secretary": make_user("secretary_phoyen", "Lý Thị Hoa",
                                     (Role.INITIATIVE_SECRETARY, province.phoyen)),
    }[who]  # fmt: skip
    assert status_of(client, user, reverse("workflow:detail", args=[initiative.pk])) == 404
    assert api(user).get(f"/api/v1/initiatives/{initiative.pk}/").status_code == 404
    listed = api(user).get("/api/v1/initiatives/").data["results"]
    assert initiative.pk not in [row["id"] for row in listed]


@pytest.mark.parametrize("who", ["secretary", "head", "staff", "member"])
def test_the_agency_its_secretary_and_its_council_read_it(
    client, province, track, at_agency_state, who
):
    initiative = at_agency_state("awaiting_decision")
    user = {"secretary": track.secretary, "head": track.head, "staff": province.staff,
            "member": track.members[1]}[who]  # fmt: skip
    assert status_of(client, user, reverse("workflow:detail", args=[initiative.pk])) == 200


def test_once_proposed_the_province_reads_the_cơ_sở_dossier_as_evidence(
    client, province, track, at_agency_state
):
    initiative = at_agency_state("recognized")
    url = reverse("workflow:detail", args=[initiative.pk])
    assert status_of(client, province.reviewer, url) == 404
    initiative_promote(initiative=initiative, actor=province.staff)
    assert status_of(client, province.reviewer, url) == 200


def test_the_secretary_checks_and_the_head_decides_from_their_lists(
    client, province, track, at_agency_state, at_state
):
    waiting = at_agency_state("department_review", title="Sổ hộ tịch điện tử")
    deciding = at_agency_state("awaiting_decision", title="Một cửa liên thông tư pháp")
    provincial = at_state("department_review", title="Hồ sơ cấp tỉnh đang xét")

    client.force_login(track.secretary)
    queue = client.get(reverse("workflow:review_queue")).content.decode()
    assert waiting.title in queue and provincial.title not in queue
    home = client.get(reverse("home")).content.decode()
    assert waiting.title in home
    client.force_login(province.reviewer)
    queue = client.get(reverse("workflow:review_queue")).content.decode()
    assert provincial.title in queue and waiting.title not in queue

    client.force_login(track.head)
    decisions = client.get(reverse("workflow:decisions")).content.decode()
    assert deciding.title in decisions
    client.force_login(province.leader)
    assert deciding.title not in client.get(reverse("workflow:decisions")).content.decode()
    # A head whose agency does not run the track has no decisions page.
    other_head = make_user("head_phoyen", "Vũ Văn Long", (Role.AGENCY_HEAD, province.phoyen))
    assert status_of(client, other_head, reverse("workflow:decisions")) == 403


def test_the_head_turns_the_track_on_from_the_profile(client, province):
    head = make_user("head_phoyen", "Vũ Văn Long", (Role.AGENCY_HEAD, province.phoyen))
    client.force_login(head)
    assert (
        f'id="agency-track-{province.phoyen.pk}"' in client.get(reverse("profile")).content.decode()
    )
    client.post(reverse("agency_track", args=[province.phoyen.pk]), {"on": "1"})
    assert Agency.objects.get(pk=province.phoyen.pk).runs_agency_track is True
    # Staff may not; nor the head of another agency.
    client.force_login(province.other_staff)
    client.post(reverse("agency_track", args=[province.phoyen.pk]), {"on": "0"})
    assert Agency.objects.get(pk=province.phoyen.pk).runs_agency_track is True


def test_the_head_sets_up_the_agencys_own_council(client, province, track):
    client.force_login(track.head)
    page = client.get(reverse("workflow:councils")).content.decode()
    assert "Hội đồng sáng kiến Sở Tư pháp" in page
    assert "Hội đồng sáng kiến tỉnh" not in page  # the province's council is not the agency's
    edit = "workflow:council_edit"
    assert status_of(client, track.head, reverse(edit, args=[province.council_body.pk])) == 404
    assert status_of(client, track.head, reverse(edit, args=[track.council.pk])) == 200


def overview_queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("workflow:agency_level_overview"))
    assert response.status_code == 200
    return len(queries)


def test_the_province_overview_counts_per_agency_in_constant_queries(
    client, province, track, at_agency_state, django_assert_max_num_queries
):
    recognized = at_agency_state("recognized", title="Số hoá chứng thực")
    at_agency_state("department_review")
    initiative_promote(initiative=recognized, actor=province.staff)
    few = overview_queries(client, province.leader)
    for n in range(20):
        make_agency(f"XA-{n}", f"UBND xã Thử {n}", Agency.Kind.COMMUNE, province.ubnd)
    assert overview_queries(client, province.leader) == few
    with django_assert_max_num_queries(15):
        page = client.get(reverse("workflow:agency_level_overview")).content.decode()
    row = page[page.index('data-agency="STP"') :]
    cells = [c.split("<")[0] for c in row.split('class="text-end">')[1:5]]
    assert cells == ["2", "1", "1", "0"]  # filed, recognized, proposed, recognized by province
    assert "Số hoá chứng thực" in page
    assert 'data-agency="XA-3"' in page  # an agency that never filed is listed too
    assert status_of(client, province.staff, reverse("workflow:agency_level_overview")) == 403


def test_the_state_says_who_acts_at_agency_level(client, province, track, at_agency_state):
    initiative = at_agency_state("awaiting_decision")
    client.force_login(track.head)
    page = client.get(reverse("workflow:detail", args=[initiative.pk])).content.decode()
    assert "Chờ thủ trưởng cơ quan quyết định" in page and "Chờ UBND tỉnh quyết định" not in page
    assert "Thủ trưởng cơ quan" in page  # who acts next
