"""Nationwide recognition (phạm vi toàn quốc) is a ministry's decision, recorded by the
provincial leader on an initiative the province has recognized: its scope becomes national."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from common.exceptions import Conflict
from tests.conftest import today
from tests.unchanged import nothing_changes
from workflow import services
from workflow.models import TransitionLog

pytestmark = pytest.mark.django_db
MINISTRY = "Bộ Khoa học và Công nghệ"


def record(initiative, actor, **overrides):
    values = {"decision_number": "215/QĐ-BKHCN", "decision_date": today(), "issuer": MINISTRY}
    return services.initiative_record_national(initiative=initiative, actor=actor,
                                               **(values | overrides))  # fmt: skip


@pytest.mark.parametrize("state", ["recognized", "rollout", "closed"])
def test_the_leader_records_it_and_the_scope_becomes_national(state, at_state, province):
    initiative = record(at_state(state), province.leader)
    initiative.refresh_from_db()
    assert (initiative.scope, initiative.status) == ("national", state)
    assert initiative.national_decision_number == "215/QĐ-BKHCN"
    assert initiative.decision_number  # the provincial decision stays
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    assert (log.transition, log.source, log.target) == ("record_national", state, state)
    assert log.data["issuer"] == MINISTRY


@pytest.mark.parametrize("who", ["reviewer", "staff", "head"])
def test_others_may_not_record_it(who, at_state, province):
    initiative = at_state("recognized")
    with nothing_changes(initiative), pytest.raises(PermissionDenied):
        record(initiative, getattr(province, who))


@pytest.mark.parametrize("state", ["awaiting_decision", "rejected", "revoked"])
def test_only_a_recognized_initiative(state, at_state, province):
    initiative = at_state(state)
    with nothing_changes(initiative), pytest.raises(Conflict):
        record(initiative, province.leader)


def test_each_missing_or_wrong_value_is_named(at_state, province):
    initiative = at_state("recognized")
    with nothing_changes(initiative), pytest.raises(ValidationError) as refused:
        record(initiative, province.leader, decision_number=" ", decision_date=None, issuer="")
    assert set(refused.value.message_dict) == {"decision_number", "decision_date", "issuer"}
    with pytest.raises(ValidationError) as refused:
        record(initiative, province.leader, decision_date=today() + timedelta(days=1))
    assert "không được sau ngày hiện tại" in refused.value.message_dict["decision_date"][0]
    before = initiative.decision_date - timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        record(initiative, province.leader, decision_date=before)
    assert initiative.decision_date.strftime("%d/%m/%Y") in refused.value.message_dict[
        "decision_date"][0]  # fmt: skip


def test_through_the_dossier_page(at_state, province, client):
    initiative = at_state("recognized")
    page = reverse("workflow:detail", args=[initiative.pk])
    client.force_login(province.reviewer)
    assert 'id="national-form"' not in client.get(page).content.decode()
    client.force_login(province.leader)
    assert 'id="national-form"' in client.get(page).content.decode()
    url = reverse("workflow:record_national", args=[initiative.pk])
    with nothing_changes(initiative):
        response = client.post(url, {"decision_number": "", "decision_date": "31/02/2026"},
                               follow=True)  # fmt: skip
    html = response.content.decode()
    assert "Nhập số quyết định của Bộ" in html or "ngày hợp lệ" in html
    data = {"decision_number": "215/QĐ-BKHCN", "decision_date": today().strftime("%d/%m/%Y"),
            "issuer": MINISTRY}  # fmt: skip
    html = client.post(url, data, follow=True).content.decode()
    assert "215/QĐ-BKHCN" in html and MINISTRY in html
    assert 'id="national-form"' not in html  # recorded once
    initiative.refresh_from_db()
    assert initiative.scope == "national"


def test_the_api_reads_the_nationwide_recognition(at_state, province, api):
    initiative = record(at_state("recognized"), province.leader)
    body = api(province.staff).get(f"/api/v1/initiatives/{initiative.pk}/").json()
    assert body["scope"] == "national"
    assert (body["national_decision_number"], body["national_issuer"]) == ("215/QĐ-BKHCN", MINISTRY)
    assert body["national_decision_date"] == today().isoformat()
