"""The councils page: leaders and reviewers see the councils set up by decision; leaders and
administrators set one up and change it, under the rules of a council (Vietnamese refusals)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.conftest import make_council, make_user, today
from tests.unchanged import nothing_changes
from workflow.council_body import Council, CouncilMember
from workflow.models import CouncilAssignment

pytestmark = pytest.mark.django_db

LIST = reverse("workflow:councils")
CREATE = reverse("workflow:council_create")


def as_user(client, user):
    client.force_login(user)
    return client


def form_data(province, seats, **overrides):
    """A council as typed in the form: seats are (user or None, role, expert name)."""
    data = {
        "name": "Hội đồng sáng kiến chuyên ngành Chuyển đổi số",
        "kind": "sector",
        "decision_number": "2468/QĐ-UBND",
        "decision_date": (today() - timedelta(days=3)).strftime("%d/%m/%Y"),
        "decision_signer": "Phó Chủ tịch UBND tỉnh",
        "voting": "secret",
        "quorum_numerator": 2,
        "quorum_denominator": 3,
        "majority_base": "named",
        "is_active": "on",
        "seats-TOTAL_FORMS": len(seats),
        "seats-INITIAL_FORMS": 0,
        "seats-MIN_NUM_FORMS": 0,
        "seats-MAX_NUM_FORMS": 1000,
    }
    for i, (user, role, name) in enumerate(seats):
        data |= {f"seats-{i}-user": user.pk if user else "", f"seats-{i}-full_name": name,
                 f"seats-{i}-position": "", f"seats-{i}-role": role}  # fmt: skip
    data.update(overrides)
    return data


@pytest.mark.parametrize("who", ["reviewer", "leader"])
def test_leaders_and_reviewers_see_the_councils(who, client, province):
    province.seat(None, "expert", full_name="TS. Lê Văn Chuyên")
    page = as_user(client, getattr(province, who)).get(LIST)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Hội đồng sáng kiến tỉnh" in html and "1234/QĐ-UBND" in html
    assert "Ủy viên thư ký" in html and "Hoàng Văn Nam" in html  # council1, the secretary
    assert "TS. Lê Văn Chuyên" in html and "Chuyên gia" in html
    assert "Biểu quyết công khai" in html
    assert ('id="council-create"' in html) is (who == "leader")
    assert reverse("workflow:councils") in html  # in the menu


@pytest.mark.parametrize("who", ["staff", "head", "outsider"])
def test_agencies_are_refused(who, client, province):
    assert as_user(client, getattr(province, who)).get(LIST).status_code == 403


def test_the_reviewer_may_not_set_one_up(client, province):
    client = as_user(client, province.reviewer)
    assert client.get(CREATE).status_code == 403
    edit = reverse("workflow:council_edit", args=[province.council_body.pk])
    with nothing_changes(province.council_body):
        seats = [(m, "secretary", "") for m in province.council]
        assert client.post(edit, form_data(province, seats)).status_code == 403


def test_the_leader_sets_up_a_council_with_an_outside_expert(client, province):
    seats = [(province.council[1], "chair", ""), (province.council[0], "secretary", ""),
             (province.council[2], "member", ""),
             (None, "expert", "PGS.TS Trần Chuyên Gia")]  # fmt: skip
    response = as_user(client, province.leader).post(CREATE, form_data(province, seats))
    assert response.status_code == 302, response.content.decode()[:3000]
    council = Council.objects.get(decision_number="2468/QĐ-UBND")
    assert council.body == province.ubnd and council.voting == "secret"
    members = list(council.members.order_by("order"))
    assert [(m.user, m.role) for m in members] == [
        (province.council[1], "chair"), (province.council[0], "secretary"),
        (province.council[2], "member"), (None, "expert"),
    ]  # fmt: skip
    assert members[3].full_name == "PGS.TS Trần Chuyên Gia" and members[3].is_outside_expert


def test_the_rules_of_a_council_in_vietnamese(client, province):
    seats = [(province.council[1], "chair", ""), (province.council[2], "chair", "")]
    future = (today() + timedelta(days=1)).strftime("%d/%m/%Y")
    before = Council.objects.count()
    response = as_user(client, province.leader).post(
        CREATE, form_data(province, seats, decision_date=future)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hội đồng phải có ít nhất 3 thành viên; mới nhập 2." in html
    assert "Hội đồng chỉ có một Chủ tịch." in html
    assert "Chọn thành viên là Ủy viên thư ký của Hội đồng." in html
    assert "Ngày quyết định không được sau ngày hiện tại." in html
    assert Council.objects.count() == before


def test_a_user_without_the_council_role_is_refused(client, province):
    seats = [(province.council[1], "chair", ""), (province.council[0], "secretary", ""),
             (province.staff, "member", "")]  # fmt: skip
    response = as_user(client, province.leader).post(CREATE, form_data(province, seats))
    assert response.status_code == 200  # the form offers only users with the council role
    assert not Council.objects.filter(decision_number="2468/QĐ-UBND").exists()


def test_the_leader_edits_a_council_a_seat_that_sat_is_kept_inactive(client, province, at_state):
    at_state("awaiting_decision")  # council3's seat has sat on a dossier, now scored
    council = province.council_body
    seat3 = council.members.get(user=province.council[2])
    edit = reverse("workflow:council_edit", args=[council.pk])
    page = as_user(client, province.leader).get(edit).content.decode()
    assert "1234/QĐ-UBND" in page
    newcomer = make_user("council9", "Lò Văn Mới", ("council_member", province.snv))
    seats = [(province.council[1], "chair", ""), (province.council[0], "secretary", ""),
             (newcomer, "member", "")]  # fmt: skip
    data = form_data(province, seats, name=council.name, decision_number="1234/QĐ-UBND",
                     voting=council.voting)  # fmt: skip
    assert client.post(edit, data).status_code == 302
    seat3.refresh_from_db()
    assert not seat3.is_active  # still named on the dossier it scored
    assert CouncilAssignment.objects.filter(council_member=seat3).exists()
    active = set(council.members.filter(is_active=True).values_list("user", flat=True))
    assert active == {province.council[1].pk, province.council[0].pk, newcomer.pk}
    council.refresh_from_db()
    assert council.decision_signer == "Phó Chủ tịch UBND tỉnh"  # the edit landed


def seats_of(province):
    return [(province.council[1], "chair", ""), (province.council[2], "vice_chair", ""),
            (province.council[0], "secretary", "")]  # fmt: skip


def test_the_voting_rules_do_not_change_under_a_dossier_being_scored(client, province, at_state):
    """Open to secret in mid-round would mix named votes with an anonymous tally."""
    initiative = at_state("council_review")
    council = province.council_body
    edit = reverse("workflow:council_edit", args=[council.pk])
    data = form_data(province, seats_of(province), name=council.name, voting="secret",
                     decision_number=council.decision_number)  # fmt: skip
    with nothing_changes(Council, CouncilMember):
        page = as_user(client, province.leader).post(edit, data)
    assert page.status_code == 200
    assert initiative.code in page.content.decode()
    assert "không thể thay đổi" in page.content.decode()
    council.refresh_from_db()
    assert council.voting == "open"


def test_the_voting_rules_change_once_no_dossier_is_being_scored(client, province, at_state):
    at_state("awaiting_decision")  # scored and completed
    council = province.council_body
    edit = reverse("workflow:council_edit", args=[council.pk])
    data = form_data(province, seats_of(province), name=council.name, voting="secret",
                     decision_number=council.decision_number)  # fmt: skip
    assert as_user(client, province.leader).post(edit, data).status_code == 302
    council.refresh_from_db()
    assert council.voting == "secret"


def test_the_admin_keeps_the_voting_rules_under_a_dossier_being_scored(admin_client, province,
                                                                       at_state):  # fmt: skip
    at_state("council_review")
    council = province.council_body
    form_class = admin_council_form()
    data = {name: getattr(council, name) for name in (
        "name", "kind", "decision_number", "decision_date", "decision_signer", "quorum_numerator",
        "quorum_denominator", "majority_base", "is_active")}  # fmt: skip
    form = form_class(data | {"body": council.body_id, "voting": "secret"}, instance=council)
    assert not form.is_valid()
    assert "voting" in form.errors
    form = form_class(data | {"body": council.body_id, "voting": council.voting}, instance=council)
    assert form.is_valid(), form.errors


def admin_council_form():
    from workflow.council_admin import CouncilForm

    return CouncilForm


def test_the_list_runs_a_constant_number_of_queries(
    client, province, django_assert_max_num_queries
):
    client = as_user(client, province.leader)
    client.get(LIST)
    with django_assert_max_num_queries(20) as captured:
        client.get(LIST)
    few = len(captured)
    for n in range(4):
        users = [make_user(f"hd{n}_{i}", f"Thành viên {n}.{i}", ("council_member", province.snv))
                 for i in range(3)]  # fmt: skip
        make_council(province.ubnd, [(u, "member") for u in users], name=f"Hội đồng {n}")
    with django_assert_max_num_queries(few):
        assert "Hội đồng 3" in client.get(LIST).content.decode()
    assert CouncilMember.objects.count() == 15


def test_the_members_do_not_change_under_a_dossier_being_scored(client, province, at_state):
    """Dropping an absent member before the meeting would turn 3 of 5 into 3 of 4."""
    expert = province.seat(None, full_name="Chuyên gia Ngoài")  # a fourth member
    initiative = at_state("council_review")
    council = province.council_body
    assert council.members.filter(is_active=True).count() == 4
    assert initiative.council_assignments.filter(council_member=expert).exists()
    edit = reverse("workflow:council_edit", args=[council.pk])
    dropped = seats_of(province)  # the expert left out
    data = form_data(province, dropped, name=council.name, voting=council.voting,
                     decision_number=council.decision_number)  # fmt: skip
    before = set(council.members.filter(is_active=True).values_list("pk", flat=True))
    with nothing_changes(Council, CouncilMember):
        page = as_user(client, province.leader).post(edit, data)
    assert page.status_code == 200
    assert initiative.code in page.content.decode()
    assert "không thể thay đổi thành viên" in page.content.decode()
    assert set(council.members.filter(is_active=True).values_list("pk", flat=True)) == before


def test_names_and_positions_may_be_corrected_during_scoring(client, province, at_state):
    at_state("council_review")
    council = province.council_body
    edit = reverse("workflow:council_edit", args=[council.pk])
    seats = [(s.user, s.role, "") for s in council.members.filter(is_active=True)]
    data = form_data(province, seats, name=council.name, voting=council.voting,
                     decision_number=council.decision_number)  # fmt: skip
    for i in range(len(seats)):
        data[f"seats-{i}-position"] = "Giám đốc"
    assert as_user(client, province.leader).post(edit, data).status_code == 302
    assert set(council.members.filter(is_active=True).values_list("position", flat=True)) == {
        "Giám đốc"
    }


def test_the_member_rule_holds_for_the_admin_inline_too(province, at_state):
    """The admin's member inline asks the same question (councils.seat_change_problems)."""
    from workflow.councils import SeatInput, seat_change_problems

    expert = province.seat(None, full_name="Chuyên gia Ngoài")
    at_state("council_review")
    council = province.council_body
    active = list(council.members.filter(is_active=True))
    as_is = [SeatInput(user=s.user, role=s.role, full_name=s.full_name, pk=s.pk) for s in active]
    assert seat_change_problems(council, as_is) == {}
    without_expert = [seat for seat in as_is if seat.pk != expert.pk]
    assert seat_change_problems(council, without_expert)["members"]
    new_roles = [SeatInput(user=s.user, role="member", full_name=s.full_name, pk=s.pk)
                 for s in active]  # fmt: skip
    assert seat_change_problems(council, new_roles)["members"]
