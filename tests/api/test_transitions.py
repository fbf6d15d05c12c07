"""Every transition: the right actor in the right state succeeds; the wrong role gets 403, a
caller who may not see the dossier 404, a wrong state 409, unmet conditions 400 naming each
problem in Vietnamese."""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta

from tests.conftest import today
from tests.unchanged import nothing_changes
from tests.workflow.council_fixtures import all_seat_ids, minutes_body
from workflow.models import TransitionLog

pytestmark = pytest.mark.django_db


def iso_days_from_now(days):
    """A date in a case's body, computed when the test runs: (province) → ISO date."""
    return lambda province: (today() + timedelta(days=days)).isoformat()


@dataclass
class Case:
    name: str
    state: str  # a state the transition starts from
    actor: str  # a Province attribute
    wrong_actor: str  # sees the dossier in `wrong_actor_state` but holds the wrong role
    wrong_state: str
    target: str
    body: dict = field(default_factory=dict)
    wrong_actor_state: str = ""

    def __str__(self):
        return self.name


def members(p):
    return [m.pk for m in p.council]


CASES = [
    Case("submit", "draft", "staff", "reviewer", "department_review", "department_review",
         wrong_actor_state="department_review"),
    Case("request_revision", "department_review", "reviewer", "head", "awaiting_decision",
         "revision_requested", {"comment": "Thiếu biên bản cơ sở."}),
    Case("resubmit", "revision_requested", "head", "reviewer", "department_review",
         "department_review"),
    Case("reject", "department_review", "reviewer", "staff", "awaiting_decision", "refused",
         {"comment": "Trùng với đơn đã nộp.", "grounds": ["duplicate"]}),
    Case("accept", "department_review", "reviewer", "leader", "revision_requested",
         "council_review", {"council": lambda p: p.council_body.pk}),
    # The members present are the dossier's own seats: added per dossier (minutes_body).
    Case("complete_scoring", "awaiting_decision", "reviewer", "leader", "department_review",
         "awaiting_decision", {"meeting_date": iso_days_from_now(0)}),
    Case("recognize", "awaiting_decision", "leader", "reviewer", "council_review", "recognized",
         {"decision_number": "12/QĐ-UBND", "decision_date": iso_days_from_now(0),
          "scope": "provincial", "signer": "Ngô Thanh Sơn", "signer_authority": "chairman"}),
    Case("decline", "awaiting_decision", "leader", "staff", "recognized", "rejected",
         {"comment": "Hiệu quả chưa rõ."}),
    Case("start_rollout", "recognized", "leader", "head", "awaiting_decision", "rollout",
         {"target_agencies": lambda p: [p.phoyen.pk], "report_due": iso_days_from_now(30)}),
    Case("close_rollout", "rollout", "reviewer", "staff", "recognized", "closed"),
    Case("revoke", "rollout", "leader", "reviewer", "awaiting_decision", "revoked",
         {"decision_number": "215/QĐ-UBND", "decision_date": iso_days_from_now(0),
          "comment": "Sao chép giải pháp đã được bảo hộ."}),
    Case("withdraw", "department_review", "staff", "reviewer", "council_review", "withdrawn"),
    Case("appeal", "refused", "head", "staff", "department_review", "appeal_review",
         {"comment": "Hồ sơ đã đủ thành phần."}),
    Case("resolve_appeal", "appeal_review", "reviewer", "leader", "refused", "refused",
         {"outcome": "upheld", "comment": "Giữ nguyên quyết định từ chối."}),
]  # fmt: skip


def resolve(body, province):
    return {k: (v(province) if callable(v) else v) for k, v in body.items()}


def url(pk, name):
    return f"/api/v1/initiatives/{pk}/transitions/{name}/"


def refused_post(client, initiative, name, body=None):
    """POST a transition that must be refused: the dossier and every table stay as they were."""
    with nothing_changes(initiative, initiative.authors.all()):
        return client.post(url(initiative.pk, name), body or {}, format="json")


def start_state(case):
    # complete_scoring is taken from council_review once every sheet is in: build that
    # by driving to awaiting_decision's predecessor through the scenario helper.
    return "council_review_scored" if case.name == "complete_scoring" else case.state


@pytest.fixture
def dossier(at_state, province):
    from workflow.scenarios import STEPS

    def build(state):
        if state == "council_review_scored":
            initiative = at_state("council_review")
            return STEPS["score"](initiative, province.cast(), today())
        return at_state(state)

    return build


@pytest.mark.parametrize("case", CASES, ids=str)
def test_right_actor_in_right_state(case, dossier, province, api):
    initiative = dossier(start_state(case))
    before = TransitionLog.objects.filter(initiative=initiative).count()
    body = resolve(case.body, province)
    if case.name == "complete_scoring":
        body |= minutes_body(initiative)
    response = api(getattr(province, case.actor)).post(
        url(initiative.pk, case.name), body, format="json"
    )
    assert response.status_code == 200, response.data
    assert response.data["status"] == case.target
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    assert (log.transition, log.target, log.actor) == (
        case.name,
        case.target,
        getattr(province, case.actor),
    )
    assert TransitionLog.objects.filter(initiative=initiative).count() == before + 1


@pytest.mark.parametrize("case", CASES, ids=str)
def test_wrong_role_is_forbidden(case, dossier, province, api):
    initiative = dossier(case.wrong_actor_state or start_state(case))
    status_before = initiative.status
    response = refused_post(
        api(getattr(province, case.wrong_actor)),
        initiative,
        case.name,
        resolve(case.body, province),
    )
    assert response.status_code == 403, response.data
    assert "detail" in response.data
    initiative.refresh_from_db()
    assert initiative.status == status_before


@pytest.mark.parametrize("case", CASES, ids=str)
def test_invisible_dossier_is_not_found(case, dossier, province, api):
    initiative = dossier(start_state(case))
    # Staff of UBND phường Sông Công may not see a dossier of Sở Tư pháp.
    response = refused_post(
        api(province.outsider), initiative, case.name, resolve(case.body, province)
    )
    assert response.status_code == 404


@pytest.mark.parametrize("case", CASES, ids=str)
def test_wrong_state_is_a_conflict(case, dossier, province, api):
    initiative = dossier(case.wrong_state)
    response = refused_post(
        api(getattr(province, case.actor)), initiative, case.name, resolve(case.body, province)
    )
    assert response.status_code == 409, response.data
    assert response.data["status"] == case.wrong_state
    assert "detail" in response.data


def test_unknown_transition_and_system_only_expire_are_not_exposed(at_state, province, api):
    initiative = at_state("revision_requested")
    client = api(province.reviewer)
    assert refused_post(client, initiative, "fly").status_code == 404
    assert refused_post(client, initiative, "expire").status_code == 404


def test_anonymous_caller_gets_401(at_state, api):
    initiative = at_state("department_review")
    response = refused_post(api(), initiative, "reject", {"comment": "x"})
    assert response.status_code == 401


# --- Unmet conditions: 400 naming each problem ------------------------------------------


def errors_of(response):
    assert response.status_code == 400, response.data
    return {key: " ".join(map(str, value)) for key, value in response.data.items()}


def test_submit_names_every_unmet_condition(province, api):
    from tests.conftest import make_draft

    initiative = make_draft(
        province,
        authors=[("Nguyễn Thị Lan", 60), ("Trần Văn Hùng", 30)],
        first_applied_on=today() - timedelta(days=400),
        truthfulness_declared=False,
        applicability="",
    )
    errors = errors_of(refused_post(api(province.staff), initiative, "submit", {}))
    assert "90%" in errors["authors"] and "100%" in errors["authors"]
    assert "một năm" in errors["first_applied_on"]
    assert "cam đoan" in errors["truthfulness_declared"]
    assert "applicability" in errors
    initiative.refresh_from_db()
    assert initiative.status == "draft" and initiative.code is None


def test_submit_without_authors(province, api):
    from tests.conftest import make_draft

    initiative = make_draft(province, authors=[])
    errors = errors_of(refused_post(api(province.staff), initiative, "submit", {}))
    assert "tác giả" in errors["authors"]


def test_resubmit_checks_the_same_conditions(at_state, province, api):
    initiative = at_state("revision_requested")
    initiative.authors.update(contribution_percent=10)
    errors = errors_of(refused_post(api(province.staff), initiative, "resubmit", {}))
    assert "20%" in errors["authors"]


@pytest.mark.parametrize("name", ["request_revision", "reject"])
def test_reviewer_must_explain(name, at_state, province, api):
    initiative = at_state("department_review")
    errors = errors_of(refused_post(api(province.reviewer), initiative, name, {}))
    assert errors["comment"]


def test_revision_reply_due_must_be_in_the_future(at_state, province, api):
    initiative = at_state("department_review")
    body = {"comment": "Bổ sung.", "reply_due": (today() - timedelta(days=1)).isoformat()}
    errors = errors_of(refused_post(api(province.reviewer), initiative, "request_revision", body))
    assert errors["reply_due"]


def test_adhoc_panel_needs_three_members_who_are_not_recused(at_state, province, api, settings):
    settings.COUNCIL_ADHOC_PANELS = True  # the earlier contract, where the province allows it
    initiative = at_state("department_review")
    body = {"council_members": [province.council[0].pk, province.council[1].pk,
                                province.council_stp.pk]}  # fmt: skip
    errors = errors_of(refused_post(api(province.reviewer), initiative, "accept", body))
    assert "3" in errors["council_members"]
    assert province.council_stp.full_name in errors["council_members"]
    initiative.refresh_from_db()
    assert initiative.status == "department_review"
    assert not initiative.council_assignments.exists()


def test_adhoc_panel_refuses_users_who_are_not_council_members(at_state, province, api, settings):
    settings.COUNCIL_ADHOC_PANELS = True
    initiative = at_state("department_review")
    body = {"council_members": [*members(province), province.staff.pk]}
    errors = errors_of(refused_post(api(province.reviewer), initiative, "accept", body))
    assert str(province.staff.pk) in errors["council_members"]


def test_complete_scoring_waits_for_every_sheet(at_state, province, api):
    initiative = at_state("council_review")
    body = {"meeting_date": today().isoformat(), "present": all_seat_ids(initiative)}
    errors = errors_of(refused_post(api(province.reviewer), initiative, "complete_scoring", body))
    assert list(errors) == ["scoresheets"]
    for member in province.council:
        assert member.full_name in errors["scoresheets"]


def test_complete_scoring_names_the_missing_meeting_record(at_state, dossier, province, api):
    """A v1 client that still posts {} learns that the law wants the meeting's minutes."""
    initiative = dossier("council_review_scored")
    errors = errors_of(refused_post(api(province.reviewer), initiative, "complete_scoring", {}))
    assert set(errors) == {"meeting_date", "present"}


def test_recognize_needs_decision_number_date_and_signer(at_state, province, api):
    initiative = at_state("awaiting_decision")
    errors = errors_of(refused_post(api(province.leader), initiative, "recognize", {}))
    # The scope is optional: the provincial track records provincial scope.
    assert set(errors) == {"decision_number", "decision_date", "signer", "signer_authority"}
    assert "số quyết định" in errors["decision_number"].lower()


def test_decline_needs_a_reason(at_state, province, api):
    initiative = at_state("awaiting_decision")
    errors = errors_of(refused_post(api(province.leader), initiative, "decline", {}))
    assert errors["comment"]


def test_start_rollout_needs_targets_and_a_report_date(at_state, province, api):
    initiative = at_state("recognized")
    errors = errors_of(refused_post(api(province.leader), initiative, "start_rollout", {}))
    assert set(errors) == {"target_agencies", "report_due"}


def test_malformed_input_is_a_400_not_a_500(at_state, province, api):
    initiative = at_state("awaiting_decision")
    body = {"decision_date": "31/12/2026", "decision_number": "1", "scope": "provincial"}
    errors = errors_of(refused_post(api(province.leader), initiative, "recognize", body))
    assert errors["decision_date"]


# --- Other source states of multi-source transitions ---------------------------------------


def test_reviewer_can_send_back_during_council_scoring(at_state, province, api):
    initiative = at_state("council_review")
    response = api(province.reviewer).post(
        url(initiative.pk, "request_revision"), {"comment": "Bổ sung số liệu."}, format="json"
    )
    assert response.status_code == 200 and response.data["status"] == "revision_requested"


@pytest.mark.parametrize("state", ["draft", "revision_requested"])
def test_withdraw_from_other_states(state, at_state, province, api):
    initiative = at_state(state)
    response = api(province.head).post(url(initiative.pk, "withdraw"), {}, format="json")
    assert response.status_code == 200 and response.data["status"] == "withdrawn"


def test_default_reply_due_is_one_calendar_month_and_at_most_three(at_state, province, api):
    initiative = at_state("department_review")
    client = api(province.reviewer)
    latest = today() + relativedelta(months=3)
    too_late = {"comment": "Bổ sung.", "reply_due": (latest + timedelta(days=1)).isoformat()}
    errors = errors_of(refused_post(client, initiative, "request_revision", too_late))
    assert latest.strftime("%d/%m/%Y") in errors["reply_due"]
    response = client.post(url(initiative.pk, "request_revision"), {"comment": "Bổ sung."})
    assert response.data["revision_due"] == (today() + relativedelta(months=1)).isoformat()


def test_resubmit_counts_the_year_from_the_first_request(at_state, province, api):
    """Applied 11 months before submitting; the revision took two more months: still fine."""
    from initiatives.models import Initiative

    initiative = at_state("revision_requested", first_applied_on=today() - timedelta(days=330))
    Initiative.objects.filter(pk=initiative.pk).update(
        first_applied_on=today() - timedelta(days=390),
        submitted_at=initiative.submitted_at - timedelta(days=60),
    )
    response = api(province.staff).post(url(initiative.pk, "resubmit"), {}, format="json")
    assert response.status_code == 200, response.data
