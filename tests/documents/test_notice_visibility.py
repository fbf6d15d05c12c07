"""Who reads the notices and decisions through the API: notices give reasons, so they stay
inside the dossier's review (its agency, the reviewers); the recognition and revocation
decisions follow the dossier's visibility."""

import pytest

from documents import issuing
from documents.models import DocumentKind

from .conftest import act

pytestmark = pytest.mark.django_db


def kinds_seen(api, user, initiative):
    response = api(user).get(f"/api/v1/initiatives/{initiative.pk}/documents/")
    if response.status_code == 404:
        return None
    return {d["kind"] for d in response.json()}


@pytest.mark.parametrize(
    ("state", "transition", "kind"),
    [
        ("revision_requested", "request_revision", DocumentKind.REVISION_NOTICE),
        ("refused", "reject", DocumentKind.REFUSAL_NOTICE),
        ("rejected", "decline", DocumentKind.NON_RECOGNITION_NOTICE),
    ],
)
def test_a_notice_stays_inside_the_review(api, province, at_state, state, transition, kind):
    initiative = at_state(state)
    [notice] = issuing.issue_for_act(act(initiative, transition).pk)

    assert kind in kinds_seen(api, province.staff, initiative)
    assert kind in kinds_seen(api, province.reviewer, initiative)
    assert kinds_seen(api, province.outsider, initiative) is None
    download = f"/api/v1/documents/{notice.pk}/download/"
    assert api(province.staff).get(download).status_code == 200
    assert api(province.outsider).get(download).status_code == 404


def test_the_decisions_follow_the_dossiers_visibility(api, province, at_state):
    initiative = at_state("revoked")
    issuing.issue_for_act(act(initiative, "recognize").pk)
    issuing.issue_for_act(act(initiative, "revoke").pk)
    decisions = {DocumentKind.RECOGNITION_DECISION, DocumentKind.REVOCATION_DECISION}

    for user in (province.staff, province.reviewer, province.leader):
        assert decisions <= kinds_seen(api, user, initiative)
    # An adopting agency sees the dossier: its decisions and certificates, not its receipt.
    adopter = kinds_seen(api, province.other_staff, initiative)
    assert adopter == {*decisions, DocumentKind.CERTIFICATE}
    assert kinds_seen(api, province.outsider, initiative) is None
