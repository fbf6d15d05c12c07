"""revoke (DESIGN.md §5 v2): the leader revokes a recognition from recognized, rollout or closed.
It leaves the public registry, open adoption records close with the reason (applied ones stay),
the agency, reviewers and adopting agencies are told, and the timeline shows the decision."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from adoption.models import Adoption
from common.exceptions import Conflict
from notifications.models import Notification
from tests.conftest import today
from tests.initiatives.registry_data import API, REGISTRY, detail_url
from tests.unchanged import nothing_changes
from workflow import services
from workflow.models import TransitionLog

pytestmark = pytest.mark.django_db

REASON = "Sao chép giải pháp đã được bảo hộ."


def revoke(initiative, actor, **overrides):
    values = dict(decision_number="215/QĐ-UBND", decision_date=today(), comment=REASON)
    return services.initiative_revoke(initiative=initiative, actor=actor, **values | overrides)


def api_url(initiative):
    return f"/api/v1/initiatives/{initiative.pk}/transitions/revoke/"


@pytest.mark.parametrize("state", ["recognized", "rollout", "closed"])
def test_leader_revokes_from_each_recognized_state(state, at_state, province):
    initiative = revoke(at_state(state), province.leader, decision_number=" 215/QĐ-UBND ")

    initiative.refresh_from_db()
    assert initiative.status == "revoked"
    assert (initiative.revocation_number, initiative.revocation_date) == ("215/QĐ-UBND", today())
    assert initiative.decision_number  # the recognition itself stays on record
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    assert (log.transition, log.source, log.target, log.role) == ("revoke", state, "revoked",
                                                                   "leader")  # fmt: skip
    assert log.comment == REASON
    assert log.data == {"decision_number": "215/QĐ-UBND", "decision_date": today().isoformat()}


@pytest.mark.parametrize("who", ["reviewer", "head", "staff"])
def test_only_the_leader_may_revoke(who, at_state, province, api):
    initiative = at_state("rollout")
    with nothing_changes(initiative), pytest.raises(PermissionDenied):
        revoke(initiative, getattr(province, who))
    with nothing_changes(initiative):
        response = api(getattr(province, who)).post(
            api_url(initiative),
            {"decision_number": "1/QĐ", "decision_date": today().isoformat(), "comment": REASON},
            format="json",
        )
    assert response.status_code == 403


@pytest.mark.parametrize("state", ["awaiting_decision", "rejected"])
def test_revoking_what_was_never_recognized_is_a_conflict(state, at_state, province, api):
    initiative = at_state(state)
    with nothing_changes(initiative), pytest.raises(Conflict):
        revoke(initiative, province.leader)
    with nothing_changes(initiative):
        response = api(province.leader).post(
            api_url(initiative),
            {"decision_number": "1/QĐ", "decision_date": today().isoformat(), "comment": REASON},
            format="json",
        )
    assert response.status_code == 409
    assert response.data["status"] == state


def test_revoked_cannot_be_revoked_again(at_state, province):
    initiative = at_state("revoked")
    with nothing_changes(initiative), pytest.raises(Conflict):
        revoke(initiative, province.leader)


def test_every_missing_input_is_named_in_vietnamese(at_state, province, api):
    initiative = at_state("recognized")
    with nothing_changes(initiative, initiative.authors.all()):
        response = api(province.leader).post(api_url(initiative), {}, format="json")
    assert response.status_code == 400, response.data
    errors = {key: " ".join(map(str, value)) for key, value in response.data.items()}
    assert "số quyết định hủy bỏ" in errors["decision_number"]
    assert "ngày quyết định hủy bỏ" in errors["decision_date"]
    assert "lý do hủy bỏ công nhận" in errors["comment"]


def test_a_blank_reason_or_number_is_refused(at_state, province):
    initiative = at_state("recognized")
    with nothing_changes(initiative), pytest.raises(ValidationError) as raised:
        revoke(initiative, province.leader, decision_number="  ", comment="   ")
    assert set(raised.value.message_dict) == {"decision_number", "comment"}


def test_the_decision_cannot_be_dated_in_the_future(at_state, province, api):
    initiative = at_state("rollout")
    tomorrow = (today() + timedelta(days=1)).isoformat()
    with nothing_changes(initiative):
        response = api(province.leader).post(
            api_url(initiative),
            {"decision_number": "1/QĐ", "decision_date": tomorrow, "comment": REASON},
            format="json",
        )
    assert response.status_code == 400
    assert "sau ngày hiện tại" in str(response.data["decision_date"])


def test_the_decision_cannot_precede_the_recognition(at_state, province, api):
    initiative = at_state("closed")
    recognized_on = today() - timedelta(days=10)
    type(initiative).objects.filter(pk=initiative.pk).update(decision_date=recognized_on)
    before = (recognized_on - timedelta(days=1)).isoformat()
    with nothing_changes(initiative):
        response = api(province.leader).post(
            api_url(initiative),
            {"decision_number": "1/QĐ", "decision_date": before, "comment": REASON},
            format="json",
        )
    assert response.status_code == 400
    assert recognized_on.strftime("%d/%m/%Y") in str(response.data["decision_date"])
    assert "trước ngày quyết định công nhận" in str(response.data["decision_date"])


def test_api_revokes_and_reports_the_decision(at_state, province, api):
    initiative = at_state("recognized")
    response = api(province.leader).post(
        api_url(initiative),
        {"decision_number": "215/QĐ-UBND", "decision_date": today().isoformat(),
         "comment": REASON},
        format="json",
    )  # fmt: skip
    assert response.status_code == 200, response.data
    assert response.data["status"] == "revoked"
    assert response.data["revocation_number"] == "215/QĐ-UBND"
    assert response.data["revocation_date"] == today().isoformat()


def test_schema_lists_the_state_and_the_transition(api):
    schema = api().get("/api/v1/schema/", {"format": "json"})
    assert schema.status_code == 200
    text = schema.content.decode()
    assert '"revoked"' in text
    assert '"revoke"' in text


def test_the_registry_stops_listing_it(at_state, province, client, api):
    initiative = at_state("rollout", title="Sáng kiến bị hủy bỏ công nhận")
    assert initiative.title in client.get(REGISTRY).content.decode()

    revoke(initiative, province.leader)

    assert initiative.title not in client.get(REGISTRY).content.decode()
    assert client.get(detail_url(initiative)).status_code == 404
    titles = {item["title"] for item in api().get(API).json()["results"]}
    assert initiative.title not in titles
    assert api().get(f"{API}{initiative.pk}/").status_code == 404


def test_open_adoption_records_close_with_the_reason(at_state, province):
    initiative = at_state("rollout")  # Phổ Yên and Đại Từ were asked to adopt it
    phoyen = initiative.adoptions.get(agency=province.phoyen)
    phoyen.status, phoyen.applied_on = Adoption.Status.APPLIED, today()
    phoyen.save()
    daitu = initiative.adoptions.get(agency=province.dailu)
    daitu.status = Adoption.Status.IN_PROGRESS
    daitu.save()

    revoke(initiative, province.leader)

    phoyen.refresh_from_db()
    daitu.refresh_from_db()
    assert phoyen.status == Adoption.Status.APPLIED and phoyen.reason == ""  # history kept
    assert daitu.status == Adoption.Status.NOT_APPLICABLE
    assert daitu.reason == REASON
    assert daitu.due_date is None  # no more reports asked for


def test_the_agency_reviewers_and_adopters_are_told(at_state, province):
    initiative = at_state("rollout")
    revoke(initiative, province.leader)
    told = set(
        Notification.objects.filter(initiative=initiative, kind="revoke").values_list(
            "recipient__username", flat=True
        )
    )
    assert {"staff_tuphap", "head_tuphap", "reviewer", "staff_phoyen"} <= told
    assert "leader" not in told  # nobody is told of their own action


def test_adopters_keep_their_records(at_state, province, client):
    initiative = at_state("rollout")
    revoke(initiative, province.leader)
    client.force_login(province.other_staff)  # UBND phường Phổ Yên, asked to adopt it
    page = client.get(reverse("workflow:detail", args=[initiative.pk]))
    assert page.status_code == 200


def test_the_dossier_page_and_timeline_show_the_decision(at_state, province, client):
    initiative = revoke(at_state("closed"), province.leader)
    client.force_login(province.staff)
    html = client.get(reverse("workflow:detail", args=[initiative.pk])).content.decode()
    assert 'id="revocation"' in html
    assert 'data-transition="revoke"' in html
    assert "215/QĐ-UBND" in html and today().strftime("%d/%m/%Y") in html
    assert REASON in html
