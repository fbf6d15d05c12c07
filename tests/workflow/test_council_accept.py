"""accept assigns the dossier to a council set up by decision (issue 10 §4): through the service
and the API — the right actor, the wrong ones, the wrong state, and each unmet condition named
under `council`, in Vietnamese; recusal by identity; the legacy ad-hoc panel under its setting;
what council members see."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.models import Membership, Role
from initiatives.models import Field
from tests.conftest import make_council, make_draft, make_user, today
from tests.unchanged import nothing_changes
from workflow import services
from workflow.models import CouncilAssignment, CouncilReview, TransitionLog
from workflow.scenarios import advance

pytestmark = pytest.mark.django_db


def accept_url(initiative):
    return f"/api/v1/initiatives/{initiative.pk}/transitions/accept/"


def refused(api, user, initiative, body):
    with nothing_changes(initiative, initiative.authors.all()):
        return api(user).post(accept_url(initiative), body, format="json")


def council_errors(response):
    assert response.status_code == 400, response.data
    return " ".join(str(m) for m in response.data["council"])


def works_at_applicant(user, province):
    Membership.objects.create(user=user, agency=province.stp, role=Role.AGENCY_STAFF)


# --- The right actor ---------------------------------------------------------------------------


def test_reviewer_accepts_into_the_council_every_seat_assigned(at_state, province, api):
    initiative = at_state("department_review")
    expert = province.seat(None, "expert", full_name="PGS.TS Lê Văn Chuyên",
                           position="Trường Đại học Khoa học")  # fmt: skip
    council = province.council_body

    response = api(province.reviewer).post(accept_url(initiative), {"council": council.pk})

    assert response.status_code == 200, response.data
    assert response.data["status"] == "council_review"
    assert CouncilReview.objects.get(initiative=initiative).council == council
    seats = {
        a.council_member_id: a for a in CouncilAssignment.objects.filter(initiative=initiative)
    }
    assert set(seats) == set(council.members.values_list("pk", flat=True))
    assert seats[expert.pk].member is None and not seats[expert.pk].recused  # no account
    for member in province.council:
        assignment = CouncilAssignment.objects.get(initiative=initiative, member=member)
        assert assignment.council_member.user == member and not assignment.recused
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    assert log.data["council"] == {"id": council.pk, "name": "Hội đồng sáng kiến tỉnh"}
    assert sorted(log.data["council_members"]) == sorted(m.pk for m in province.council)


def test_an_outside_experts_seat_survives_a_second_round(at_state, province):
    """Sent back during scoring and accepted again: the round with the expert is kept."""
    initiative = at_state("department_review")
    province.seat(None, "expert", full_name="Chuyên gia Nguyễn Văn Ngoài")
    services.initiative_accept(
        initiative=initiative, actor=province.reviewer, council=province.council_body
    )
    services.initiative_request_revision(
        initiative=initiative, actor=province.reviewer, comment="Bổ sung số liệu."
    )
    services.initiative_resubmit(initiative=initiative, actor=province.staff)
    services.initiative_accept(
        initiative=initiative, actor=province.reviewer, council=province.council_body.pk
    )
    earlier = initiative.earlier_council_rounds.get().sheets.all()
    assert {s.member_name for s in earlier} >= {"Chuyên gia Nguyễn Văn Ngoài", "Hoàng Văn Nam"}
    assert initiative.council_assignments.count() == 4


# --- The wrong actor, the wrong state ---------------------------------------------------------


@pytest.mark.parametrize("who", ["leader", "staff", "head"])
def test_only_the_reviewer_accepts(who, at_state, province, api):
    initiative = at_state("department_review")
    response = refused(api, getattr(province, who), initiative,
                       {"council": province.council_body.pk})  # fmt: skip
    assert response.status_code == 403


def test_accept_from_the_wrong_state_is_a_conflict(at_state, province, api):
    initiative = at_state("revision_requested")
    response = refused(api, province.reviewer, initiative, {"council": province.council_body.pk})
    assert response.status_code == 409
    assert response.data["status"] == "revision_requested"


# --- Unmet conditions: each named under `council` ----------------------------------------------


def test_accept_without_a_council(at_state, province, api):
    initiative = at_state("department_review")
    errors = council_errors(refused(api, province.reviewer, initiative, {}))
    assert "Chọn Hội đồng sáng kiến được thành lập theo quyết định" in errors


def test_accept_with_an_unknown_council(at_state, province, api):
    initiative = at_state("department_review")
    errors = council_errors(refused(api, province.reviewer, initiative, {"council": 987654}))
    assert "987654" in errors


def test_accept_into_an_inactive_council(at_state, province, api):
    initiative = at_state("department_review")
    province.council_body.is_active = False
    province.council_body.save()
    body = {"council": province.council_body.pk}
    assert "không còn hoạt động" in council_errors(
        refused(api, province.reviewer, initiative, body)
    )


def test_accept_into_a_council_of_another_body(at_state, province, api):
    initiative = at_state("department_review")
    agency_council = make_council(province.skhcn, [(m, "secretary" if i else "chair")
                                                   for i, m in enumerate(province.council)],
                                  name="Hội đồng sáng kiến cơ sở Sở KH&CN")  # fmt: skip
    body = {"council": agency_council.pk}
    errors = council_errors(refused(api, province.reviewer, initiative, body))
    assert "Sở Khoa học và Công nghệ" in errors and "UBND tỉnh Thái Nguyên" in errors


def test_accept_into_a_council_that_does_not_cover_the_field(at_state, province, api):
    initiative = at_state("department_review")  # field: cải cách hành chính (the default)
    council = province.council_body
    council.fields.set([Field.objects.get(code="y_te")])
    body = {"council": council.pk}
    errors = council_errors(refused(api, province.reviewer, initiative, body))
    assert "không phụ trách lĩnh vực" in errors
    # Covering the dossier's field, or every field (none listed), it takes it.
    council.fields.add(initiative.field)
    assert api(province.reviewer).post(accept_url(initiative), body).status_code == 200


def test_accept_into_a_council_whose_term_has_ended(at_state, province, api):
    initiative = at_state("department_review")
    council = province.council_body
    council.term_ends_on = today() - timedelta(days=1)
    council.save()
    body = {"council": council.pk}
    errors = council_errors(refused(api, province.reviewer, initiative, body))
    assert "đã kết thúc" in errors and (today() - timedelta(days=1)).strftime("%d/%m/%Y") in errors
    council.term_ends_on = today()  # the last day of the term still counts
    council.save()
    assert api(province.reviewer).post(accept_url(initiative), body).status_code == 200


def test_every_problem_is_named_at_once(at_state, province, api):
    initiative = at_state("department_review")
    council = province.council_body
    council.is_active = False
    council.term_ends_on = today() - timedelta(days=1)
    council.save()
    errors = council_errors(refused(api, province.reviewer, initiative, {"council": council.pk}))
    assert "không còn hoạt động" in errors and "đã kết thúc" in errors


# --- The quorum, at its boundary -----------------------------------------------------------------


def test_exactly_the_quorum_of_non_recused_members_passes(at_state, province, api):
    """3 members named, 2/3 → 2 needed. One recused leaves exactly 2: accepted."""
    initiative = at_state("department_review")
    works_at_applicant(province.council[2], province)
    response = api(province.reviewer).post(accept_url(initiative),
                                           {"council": province.council_body.pk})  # fmt: skip
    assert response.status_code == 200, response.data
    recused = CouncilAssignment.objects.get(initiative=initiative, member=province.council[2])
    assert recused.recused and recused.recusal_reason == "Công tác tại cơ quan, đơn vị đề nghị"


def test_one_fewer_than_the_quorum_fails(at_state, province, api):
    initiative = at_state("department_review")
    works_at_applicant(province.council[1], province)
    works_at_applicant(province.council[2], province)
    body = {"council": province.council_body.pk}
    errors = council_errors(refused(api, province.reviewer, initiative, body))
    assert "cần ít nhất 2 thành viên" in errors and "hiện chỉ có 1" in errors
    assert "Vũ Thị Mai" in errors and "Đỗ Quang Vinh" in errors  # who is recused, and why


def test_the_quorum_is_rounded_up(at_state, province, api):
    """4 members named: 2/3 of 4 is 2.67, so 3 must be able to sit."""
    initiative = at_state("department_review")
    province.seat(province.council_stp)  # recused: works at the applicant agency
    body = {"council": province.council_body.pk}
    works_at_applicant(province.council[2], province)
    errors = council_errors(refused(api, province.reviewer, initiative, body))
    assert "cần ít nhất 3 thành viên" in errors and "hiện chỉ có 2" in errors
    Membership.objects.filter(user=province.council[2], agency=province.stp).delete()
    assert api(province.reviewer).post(accept_url(initiative), body).status_code == 200


# --- Recusal by identity, never by name ---------------------------------------------------------


def test_any_role_in_the_applicant_agency_recuses(at_state, province):
    initiative = at_state("department_review")
    Membership.objects.create(user=province.council[0], agency=province.stp, role=Role.AGENCY_HEAD)
    services.initiative_accept(
        initiative=initiative, actor=province.reviewer, council=province.council_body
    )
    assert CouncilAssignment.objects.get(initiative=initiative, member=province.council[0]).recused


def test_sharing_an_authors_name_does_not_recuse(province):
    """Vũ Thị Mai (council2, Sở Nội vụ) is not the author Vũ Thị Mai of Sở Tư pháp."""
    initiative = advance(
        make_draft(province, authors=[("Vũ Thị Mai", 100)]), "council_review", province.cast()
    )
    namesake = CouncilAssignment.objects.get(initiative=initiative, member=province.council[1])
    assert not namesake.recused


# --- The earlier contract: a hand-picked panel ---------------------------------------------------


def test_a_hand_picked_panel_is_refused_naming_the_council(at_state, province, api):
    initiative = at_state("department_review")
    body = {"council_members": [m.pk for m in province.council]}
    errors = council_errors(refused(api, province.reviewer, initiative, body))
    assert "Chọn Hội đồng sáng kiến được thành lập theo quyết định" in errors


def test_a_hand_picked_panel_where_the_province_allows_it(at_state, province, api, settings):
    settings.COUNCIL_ADHOC_PANELS = True
    initiative = at_state("department_review")
    body = {"council_members": [*(m.pk for m in province.council), province.council_stp.pk]}
    response = api(province.reviewer).post(accept_url(initiative), body, format="json")
    assert response.status_code == 200, response.data
    review = CouncilReview.objects.get(initiative=initiative)
    assert review.council is None
    stp = CouncilAssignment.objects.get(initiative=initiative, member=province.council_stp)
    assert stp.recused and stp.council_member is None


# --- Who sees the dossier (DESIGN §6) -----------------------------------------------------------


def test_members_see_their_councils_dossier_and_others_do_not(at_state, province, api):
    initiative = at_state("council_review")
    other = [make_user(f"hd_khac{i}", f"Thành viên khác {i}", (Role.COUNCIL_MEMBER, province.snv))
             for i in range(3)]  # fmt: skip
    seats = [(u, "secretary" if i == 0 else "member") for i, u in enumerate(other)]
    make_council(province.ubnd, seats, name="Hội đồng chuyên ngành")
    detail = f"/api/v1/initiatives/{initiative.pk}/"
    for member in province.council:
        assert api(member).get(detail).status_code == 200
    assert api(other[0]).get(detail).status_code == 404
    listed = api(other[0]).get("/api/v1/initiatives/").data["results"]
    assert initiative.pk not in [row["id"] for row in listed]


def test_the_accept_page_runs_a_constant_number_of_queries(
    client, at_state, province, django_assert_max_num_queries
):
    initiative = at_state("department_review")
    client.force_login(province.reviewer)
    url = f"/initiatives/{initiative.pk}/transitions/accept/"
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    for n in range(3):
        users = [make_user(f"hd{n}_{i}", f"Thành viên {n}.{i}", (Role.COUNCIL_MEMBER, province.snv))
                 for i in range(3)]  # fmt: skip
        make_council(province.ubnd, [(u, "secretary") for u in users], name=f"Hội đồng {n}")
    with django_assert_max_num_queries(len(captured)):
        assert "Hội đồng 2" in client.get(url).content.decode()


def test_the_accept_page_preselects_the_council_of_the_dossiers_round(client, at_state, province):
    from workflow.models import RoundDossier
    from workflow.rounds import round_save

    users = [make_user(f"dot{i}", f"Thành viên đợt {i}", (Role.COUNCIL_MEMBER, province.snv))
             for i in range(3)]  # fmt: skip
    seats = [(users[0], "secretary"), (users[1], "chair"), (users[2], "member")]
    specialist = make_council(province.ubnd, seats, name="Hội đồng chuyên ngành")
    initiative = at_state("department_review")
    url = f"/initiatives/{initiative.pk}/transitions/accept/"
    client.force_login(province.reviewer)
    page = client.get(url).content.decode()
    assert "council-of-round" not in page  # two councils fit: nothing chosen for the reviewer
    assert f'id="council-radio-{specialist.pk}" checked' not in page
    made = round_save(actor=province.reviewer, data={
        "year": today().year, "number": 1, "title": "Đợt I", "opens_on": today(),
        "closes_on": today() + timedelta(days=30), "council": specialist})  # fmt: skip
    RoundDossier.objects.create(round=made, initiative=initiative)
    page = client.get(url).content.decode()
    card = page[page.index(f'id="council-{specialist.pk}"') :].split('class="card-body"')[1]
    assert "council-of-round" in card
    assert f'id="council-radio-{specialist.pk}" checked' in card
