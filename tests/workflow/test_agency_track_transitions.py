"""Every transition of the agency's own (cơ sở) track for the right actor, the wrong actors (the
province's reviewer or leader, who do not even find the dossier: 404; the agency's staff or
secretary where the step is not theirs: refused), the wrong state and an unmet condition
(issue 13). The acts of the submitting agency (submit, resubmit, withdraw) are the same at both
levels and are covered by the provincial tests."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from common.exceptions import Conflict
from initiatives.models import Initiative
from tests.conftest import today
from tests.unchanged import nothing_changes
from workflow import services
from workflow.scenarios import meeting_minutes

pytestmark = pytest.mark.django_db


def _revision(i, actor, good=True):
    return services.initiative_request_revision(
        initiative=i, actor=actor, comment="Bổ sung minh chứng." if good else "",
        reply_due=today() + timedelta(days=40),
    )  # fmt: skip


def _reject(i, actor, good=True):
    return services.initiative_reject(initiative=i, actor=actor, comment="Trùng nội dung.",
                                      grounds=["duplicate"] if good else [])  # fmt: skip


def _complete(i, actor, good=True):
    minutes = meeting_minutes(i) if good else {"meeting_date": None, "present": []}
    return services.initiative_complete_scoring(initiative=i, actor=actor, **minutes)


def _decline(i, actor, good=True):
    comment = "Chưa chứng minh hiệu quả." if good else ""
    return services.initiative_decline(initiative=i, actor=actor, comment=comment)


def _revoke(i, actor, good=True):
    return services.initiative_revoke(
        initiative=i, actor=actor, decision_number="09/QĐ-STP" if good else "",
        decision_date=today(), comment="Sao chép giải pháp đã có.",
    )  # fmt: skip


def _appeal(i, actor, good=True):
    return services.initiative_appeal(initiative=i, actor=actor,
                                      comment="Đề nghị xem xét lại." if good else "")  # fmt: skip


# (transition, act, state it starts from, a wrong state, right actor, refused actors).
CASES = [
    ("request_revision", _revision, "department_review", "awaiting_decision", "secretary",
     {"reviewer": Http404, "staff": PermissionDenied}),
    ("reject", _reject, "department_review", "awaiting_decision", "secretary",
     {"reviewer": Http404, "head": PermissionDenied}),
    ("complete_scoring", _complete, "scored", "awaiting_decision", "secretary",
     {"reviewer": Http404, "staff": PermissionDenied}),
    ("decline", _decline, "awaiting_decision", "council_review", "head",
     {"leader": Http404, "secretary": PermissionDenied}),
    ("revoke", _revoke, "recognized", "awaiting_decision", "head",
     {"leader": Http404, "staff": PermissionDenied}),
    ("appeal", _appeal, "refused", "department_review", "head",
     {"leader": Http404, "secretary": PermissionDenied}),
]  # fmt: skip


@pytest.fixture
def people(province, track):
    return {"secretary": track.secretary, "head": track.head, "staff": province.staff,
            "reviewer": province.reviewer, "leader": province.leader}  # fmt: skip


@pytest.fixture
def dossier_at(at_agency_state, track):
    def build(state):
        if state != "scored":
            return at_agency_state(state)
        initiative = at_agency_state("council_review")
        from workflow.scenarios import STEPS  # every member scores, as before the meeting

        return STEPS["score"](initiative, track.cast(), today())

    return build


@pytest.mark.parametrize(("name", "act", "state", "wrong", "right", "refused"), CASES,
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_each_cơ_sở_transition(people, dossier_at, name, act, state, wrong, right, refused):
    initiative = dossier_at(state)
    for who, error in refused.items():
        with nothing_changes(initiative), pytest.raises(error):
            act(initiative, people[who])
    with nothing_changes(initiative), pytest.raises(ValidationError):
        act(initiative, people[right], good=False)
    act(initiative, people[right])
    assert Initiative.objects.get(pk=initiative.pk).status != initiative.status

    elsewhere = dossier_at(wrong)
    with nothing_changes(elsewhere), pytest.raises(Conflict):
        act(elsewhere, people[right])
