"""appeal and resolve_appeal (DESIGN.md §5 v2; Luật Khiếu nại 2011 Điều 9, 28): the head of the
owning agency appeals a refusal or a non-recognition within 90 days of it, with grounds; the
reviewer resolves an appeal against a refusal, the leader one against a non-recognition, within
30 days of filing (45 when complex). Upheld: the outcome stands, final. Granted: the review
starts again (refusal) or the council sits again in a new round (non-recognition).
The pages are tested in test_appeal_pages.py."""

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from common import clock
from common.exceptions import Conflict
from notifications.models import Notification
from tests.conftest import today
from tests.unchanged import nothing_changes
from workflow import services
from workflow.appeal_rules import appeal_last_day
from workflow.models import CouncilAssignment, EarlierCouncilRound, TransitionLog

pytestmark = pytest.mark.django_db

GROUNDS = "Hồ sơ đã đủ thành phần theo quy định; đề nghị xem xét lại."
REASONS = "Đã xem xét lại toàn bộ hồ sơ."


def appeal(initiative, actor, **overrides):
    values = {"comment": GROUNDS} | overrides
    return services.initiative_appeal(initiative=initiative, actor=actor, **values)


def resolve(initiative, actor, **overrides):
    values = {"outcome": "upheld", "comment": REASONS} | overrides
    return services.initiative_resolve_appeal(initiative=initiative, actor=actor, **values)


def url(initiative, name):
    return f"/api/v1/initiatives/{initiative.pk}/transitions/{name}/"


def page(initiative, name):
    return reverse("workflow:transition", args=[initiative.pk, name])


def detail(initiative):
    return reverse("workflow:detail", args=[initiative.pk])


def dmy(day):
    return day.strftime("%d/%m/%Y")


def errors(response) -> dict:
    return {key: " ".join(map(str, value)) for key, value in response.data.items()}


# --- appeal ----------------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["refused", "rejected"])
def test_the_head_appeals_with_grounds(state, at_state, province):
    initiative = appeal(at_state(state), province.head)

    initiative.refresh_from_db()
    assert initiative.status == "appeal_review"
    assert initiative.appealed_from == state
    assert initiative.appeal_due == today() + timedelta(days=30)
    assert initiative.appeal_complex is False
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    assert (log.transition, log.source, log.target, log.role) == (
        "appeal", state, "appeal_review", "agency_head"
    )  # fmt: skip
    assert log.comment == GROUNDS


@pytest.mark.parametrize("who", ["staff", "other_staff", "reviewer", "leader"])
def test_only_the_head_of_the_owning_agency_appeals(who, at_state, province, api):
    initiative = at_state("refused")
    actor = getattr(province, who)
    with nothing_changes(initiative), pytest.raises((PermissionDenied, Exception)) as raised:
        appeal(initiative, actor)
    assert raised.type.__name__ in ("PermissionDenied", "Http404")
    with nothing_changes(initiative):
        response = api(actor).post(url(initiative, "appeal"), {"comment": GROUNDS}, format="json")
    assert response.status_code in (403, 404)
    if who == "staff":  # the agency's own staff sees the dossier but may not complain
        assert response.status_code == 403


def test_the_head_of_another_agency_cannot_appeal(at_state, province, api):
    from agencies.models import Membership, Role

    Membership.objects.create(user=province.other_staff, agency=province.phoyen,
                              role=Role.AGENCY_HEAD)  # fmt: skip
    initiative = at_state("refused")
    with nothing_changes(initiative):
        response = api(province.other_staff).post(
            url(initiative, "appeal"), {"comment": GROUNDS}, format="json"
        )
    assert response.status_code == 404  # another agency's dossier is invisible


@pytest.mark.parametrize("state", ["department_review", "awaiting_decision", "recognized"])
def test_appealing_what_was_not_refused_is_a_conflict(state, at_state, province, api):
    initiative = at_state(state)
    with nothing_changes(initiative), pytest.raises(Conflict):
        appeal(initiative, province.head)
    with nothing_changes(initiative):
        response = api(province.head).post(url(initiative, "appeal"), {"comment": GROUNDS},
                                           format="json")  # fmt: skip
    assert response.status_code == 409


def test_grounds_are_required(at_state, province, api):
    initiative = at_state("refused")
    with nothing_changes(initiative):
        response = api(province.head).post(url(initiative, "appeal"), {"comment": "  "},
                                           format="json")  # fmt: skip
    assert response.status_code == 400
    assert "căn cứ khiếu nại" in errors(response)["comment"]


def test_the_last_day_of_the_period_is_allowed(at_state, province, monkeypatch):
    initiative = at_state("refused")
    last_day = today() + timedelta(days=90)
    assert appeal_last_day(initiative) == last_day
    monkeypatch.setattr(clock, "today", lambda: last_day)
    initiative = appeal(initiative, province.head)
    assert initiative.status == "appeal_review"
    assert initiative.appeal_due == last_day + timedelta(days=30)


def test_the_day_after_the_period_is_refused_naming_the_last_day(
    at_state, province, api, monkeypatch
):
    initiative = at_state("rejected")
    last_day = today() + timedelta(days=90)
    monkeypatch.setattr(clock, "today", lambda: last_day + timedelta(days=1))
    with nothing_changes(initiative):
        response = api(province.head).post(url(initiative, "appeal"), {"comment": GROUNDS},
                                           format="json")  # fmt: skip
    assert response.status_code == 400
    message = errors(response)["non_field_errors"]
    assert dmy(last_day) in message and "Thời hạn khiếu nại đã hết" in message


def offered(api, user, initiative) -> set[str]:
    body = api(user).get(f"/api/v1/initiatives/{initiative.pk}/").json()
    return {t["name"] for t in body["available_transitions"]}


def test_the_api_offers_an_appeal_only_while_one_may_be_filed(at_state, province, api,
                                                              monkeypatch):  # fmt: skip
    initiative = at_state("rejected")
    last_day = today() + timedelta(days=90)
    monkeypatch.setattr(clock, "today", lambda: last_day)
    assert "appeal" in offered(api, province.head, initiative)
    monkeypatch.setattr(clock, "today", lambda: last_day + timedelta(days=1))
    assert "appeal" not in offered(api, province.head, initiative)


def test_the_period_counts_from_the_latest_refusal(at_state, province):
    """A granted appeal reopened the review; a new refusal opens a new period (and a new
    appeal: one per decision)."""
    initiative = appeal(at_state("refused"), province.head)
    initiative = resolve(initiative, province.reviewer, outcome="granted")
    services.initiative_reject(initiative=initiative, actor=province.reviewer,
                               grounds=["duplicate"], comment="Trùng lặp.")  # fmt: skip
    initiative = appeal(initiative, province.head)
    assert initiative.status == "appeal_review"


def test_the_periods_are_deadline_rules_an_administrator_edits(at_state, province):
    from workflow.models import DeadlineRule

    seeded = dict(DeadlineRule.objects.filter(stage__startswith="appeal")
                  .values_list("stage", "amount"))  # fmt: skip
    assert seeded == {"appeal": 90, "appeal_resolution": 30, "appeal_resolution_complex": 45}
    DeadlineRule.objects.filter(stage="appeal").update(amount=15)
    DeadlineRule.objects.filter(stage="appeal_resolution").update(amount=2, unit="months")
    initiative = at_state("refused")
    assert appeal_last_day(initiative) == today() + timedelta(days=15)
    initiative = appeal(initiative, province.head)
    assert initiative.appeal_due == today() + relativedelta(months=2)


def test_an_automatic_refusal_can_be_appealed_from_its_day(at_state, province, monkeypatch):
    """`expire` refuses an unanswered dossier: the period counts from that day, not from the
    revision request."""
    initiative = at_state("revision_requested")
    expired_on = initiative.revision_due + timedelta(days=1)
    monkeypatch.setattr(clock, "today", lambda: expired_on)
    services.initiative_expire(initiative=initiative)
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    from django.utils import timezone

    assert appeal_last_day(initiative) == timezone.localdate(log.created_at) + timedelta(days=90)
    initiative = appeal(initiative, province.head)
    assert (initiative.status, initiative.appealed_from) == ("appeal_review", "refused")


def test_a_second_appeal_against_a_final_outcome_is_refused(at_state, province, api):
    initiative = resolve(appeal(at_state("refused"), province.head), province.reviewer)
    initiative.refresh_from_db()
    assert (initiative.status, initiative.appeal_final) == ("refused", True)
    with nothing_changes(initiative), pytest.raises(ValidationError):
        appeal(initiative, province.head)
    response = api(province.head).post(url(initiative, "appeal"), {"comment": GROUNDS},
                                       format="json")  # fmt: skip
    assert response.status_code == 400
    assert "đã được giải quyết" in errors(response)["non_field_errors"]
    assert "appeal" not in offered(api, province.head, initiative)  # no button that always fails


# --- resolve_appeal --------------------------------------------------------------------------


def test_upheld_refusal_returns_to_refused_and_is_final(at_state, province):
    initiative = resolve(appeal(at_state("refused"), province.head), province.reviewer)
    initiative.refresh_from_db()
    assert initiative.status == "refused"
    assert initiative.appeal_final is True
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    assert (log.transition, log.source, log.target, log.role) == (
        "resolve_appeal", "appeal_review", "refused", "reviewer"
    )  # fmt: skip
    assert log.data["outcome"] == "upheld"


def test_upheld_non_recognition_returns_to_rejected(at_state, province):
    initiative = resolve(appeal(at_state("rejected"), province.head), province.leader)
    initiative.refresh_from_db()
    assert (initiative.status, initiative.appeal_final) == ("rejected", True)
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    assert log.role == "leader"


def test_granted_refusal_restarts_the_review(at_state, province, monkeypatch):
    initiative = appeal(at_state("refused"), province.head)
    later = today() + timedelta(days=10)
    monkeypatch.setattr(clock, "today", lambda: later)
    initiative = resolve(initiative, province.reviewer, outcome="granted")
    initiative.refresh_from_db()
    assert initiative.status == "department_review"
    assert initiative.review_due == later + relativedelta(months=1)
    assert initiative.appeal_final is False


def test_granted_non_recognition_starts_a_new_council_round(at_state, province):
    initiative = at_state("rejected")
    decision_due = initiative.decision_due
    members = set(CouncilAssignment.objects.filter(initiative=initiative)
                  .values_list("member_id", flat=True))  # fmt: skip
    initiative = resolve(appeal(initiative, province.head), province.leader, outcome="granted")
    initiative.refresh_from_db()
    assert initiative.status == "council_review"
    assert initiative.decision_due == decision_due  # the decision clock never restarts
    assert EarlierCouncilRound.objects.filter(initiative=initiative).count() == 1
    fresh = CouncilAssignment.objects.filter(initiative=initiative)
    assert set(fresh.values_list("member_id", flat=True)) == members
    assert not fresh.filter(sheet__isnull=False).exists()  # the members score again


def test_the_reviewer_resolves_refusals_and_the_leader_non_recognitions(at_state, province, api):
    refused = appeal(at_state("refused"), province.head)
    rejected = appeal(at_state("rejected"), province.head)
    body = {"outcome": "upheld", "comment": REASONS}
    for initiative, wrong in ((refused, province.leader), (rejected, province.reviewer)):
        with nothing_changes(initiative), pytest.raises(PermissionDenied):
            resolve(initiative, wrong)
        with nothing_changes(initiative):
            response = api(wrong).post(url(initiative, "resolve_appeal"), body, format="json")
        assert response.status_code == 403


@pytest.mark.parametrize("who", ["head", "staff"])
def test_the_agency_cannot_resolve_its_own_appeal(who, at_state, province, api):
    initiative = appeal(at_state("refused"), province.head)
    with nothing_changes(initiative):
        response = api(getattr(province, who)).post(
            url(initiative, "resolve_appeal"), {"outcome": "granted", "comment": REASONS},
            format="json",
        )  # fmt: skip
    assert response.status_code == 403


@pytest.mark.parametrize(("state", "who"), [("refused", "reviewer"), ("rejected", "leader"),
                                            ("department_review", "reviewer")])  # fmt: skip
def test_resolving_without_an_appeal_is_a_conflict(state, who, at_state, province, api):
    initiative = at_state(state)
    with nothing_changes(initiative), pytest.raises(Conflict):
        resolve(initiative, getattr(province, who))
    with nothing_changes(initiative):
        response = api(getattr(province, who)).post(
            url(initiative, "resolve_appeal"), {"outcome": "upheld", "comment": REASONS},
            format="json",
        )  # fmt: skip
    assert response.status_code == 409


def test_outcome_and_reasons_are_required(at_state, province, api):
    initiative = appeal(at_state("refused"), province.head)
    with nothing_changes(initiative), pytest.raises(ValidationError) as raised:
        resolve(initiative, province.reviewer, outcome="maybe", comment=" ")
    assert set(raised.value.message_dict) == {"outcome", "comment"}
    with nothing_changes(initiative):
        response = api(province.reviewer).post(url(initiative, "resolve_appeal"), {},
                                               format="json")  # fmt: skip
    assert response.status_code == 400
    found = errors(response)
    assert "kết quả" in found["outcome"] and "lý do" in found["comment"]
    response = api(province.reviewer).post(
        url(initiative, "resolve_appeal"), {"outcome": "maybe", "comment": REASONS}, format="json"
    )
    assert response.status_code == 400 and "outcome" in response.data


# --- the resolution's due date: 30 days, 45 when complex ---------------------------------------


def test_resolution_is_due_30_days_after_filing(at_state, province, monkeypatch):
    filed = today() + timedelta(days=3)
    monkeypatch.setattr(clock, "today", lambda: filed)
    initiative = appeal(at_state("refused"), province.head)
    assert initiative.appeal_due == filed + timedelta(days=30)


def test_complex_sent_with_the_resolution_is_recorded(at_state, province, api):
    initiative = appeal(at_state("rejected"), province.head)
    response = api(province.leader).post(
        url(initiative, "resolve_appeal"),
        {"outcome": "upheld", "comment": REASONS, "complex": True},
        format="json",
    )
    assert response.status_code == 200, response.data
    assert response.data["status"] == "rejected"
    assert response.data["appeal_complex"] is True
    assert response.data["appeal_due"] == (today() + timedelta(days=45)).isoformat()
    assert response.data["appeal_final"] is True


# --- what people see and hear -----------------------------------------------------------------


def test_resolvers_and_the_agency_are_told(at_state, province):
    refused = appeal(at_state("refused"), province.head)
    told = set(Notification.objects.filter(initiative=refused, kind="appeal")
               .values_list("recipient__username", flat=True))  # fmt: skip
    assert {"reviewer", "staff_tuphap"} <= told
    assert "leader" not in told and "head_tuphap" not in told  # not told of their own act

    rejected = appeal(at_state("rejected"), province.head)
    told = set(Notification.objects.filter(initiative=rejected, kind="appeal")
               .values_list("recipient__username", flat=True))  # fmt: skip
    assert "leader" in told and "reviewer" not in told

    resolve(refused, province.reviewer, outcome="granted")
    told = set(Notification.objects.filter(initiative=refused, kind="resolve_appeal")
               .values_list("recipient__username", flat=True))  # fmt: skip
    assert {"staff_tuphap", "head_tuphap"} <= told


def test_the_agency_attaches_its_letter_of_appeal(at_state, province, api):
    from django.core.files.uploadedfile import SimpleUploadedFile

    initiative = at_state("refused")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

    def upload(kind, user=province.head):
        file = SimpleUploadedFile("don.pdf", pdf, content_type="application/pdf")
        return api(user).post(f"/api/v1/initiatives/{initiative.pk}/attachments/",
                              {"file": file, "kind": kind}, format="multipart")  # fmt: skip

    assert upload("mo_ta").status_code == 400  # only the letter of appeal now
    assert upload("don_khieu_nai").status_code == 201, upload("don_khieu_nai").data
    assert upload("don_khieu_nai", province.reviewer).status_code == 403
    final = resolve(appeal(initiative, province.head), province.reviewer)
    assert final.appeal_final
    assert upload("don_khieu_nai").status_code == 409  # the outcome is final


def test_a_granted_appeal_against_a_refusal_tells_the_reviewers_to_act(at_state, province):
    from agencies.models import Role
    from tests.conftest import make_user

    colleague = make_user("reviewer2", "Đinh Thị Thu", (Role.REVIEWER, province.skhcn))
    initiative = appeal(at_state("refused"), province.head)
    resolve(initiative, province.reviewer, outcome="granted")
    rows = Notification.objects.filter(initiative=initiative, kind="resolve_appeal")
    told = {n.recipient.username: n for n in rows.select_related("recipient")}
    assert {"staff_tuphap", "head_tuphap", colleague.username} <= set(told)
    assert told[colleague.username].action  # the review starts again: they must act
    assert not told["staff_tuphap"].action
    assert "reviewer" not in told  # the reviewer resolved it: not told of their own act


def test_the_history_shows_the_appeal_and_its_outcome(at_state, province, api):
    initiative = appeal(at_state("refused"), province.head)
    resolve(initiative, province.reviewer, outcome="granted", complex=True)
    history = api(province.staff).get(f"/api/v1/initiatives/{initiative.pk}/history/").json()
    filed, resolved = history[-2], history[-1]
    assert (filed["transition"], filed["target"]) == ("appeal", "appeal_review")
    assert filed["data"]["appeal_due"] == (today() + timedelta(days=30)).isoformat()
    assert (resolved["transition"], resolved["target"]) == ("resolve_appeal", "department_review")
    assert resolved["data"] == {"outcome": "granted", "complex": True}
