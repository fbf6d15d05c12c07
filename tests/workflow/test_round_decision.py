"""The batch decision of a round (issue 11): one decision number, date and signer for every
recognized dossier, each with its own log entry and notifications, the others declined with
their reasons — all or nothing, naming the dossier that stopped the batch."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from initiatives.models import Initiative
from notifications.models import Notification
from tests.conftest import today
from tests.unchanged import nothing_changes
from workflow.models import CouncilReview, Round, RoundDossier, TransitionLog
from workflow.round_decision import BatchRefused, round_decide, settle_closed_rounds
from workflow.rounds import round_save
from workflow.services import initiative_reject

pytestmark = pytest.mark.django_db

DECISION = {"decision_number": "321/QĐ-UBND", "signer_name": "Nguyễn Văn A",
            "signer_authority": "vice_chairman"}  # fmt: skip
REASON = "Chưa chứng minh được hiệu quả thực tế."


@pytest.fixture
def batch(province, at_state):
    """A round with two recommended dossiers, one not recommended (all awaiting the decision)
    and one still with the Department."""
    made = round_save(
        actor=province.reviewer,
        data={"year": today().year, "number": 1, "title": "Đợt I",
              "opens_on": today() - timedelta(days=60), "closes_on": today() - timedelta(days=1),
              "council": None, "decided_on": None},
    )  # fmt: skip
    first, second, low = (at_state("awaiting_decision") for _ in range(3))
    waiting = at_state("department_review")
    CouncilReview.objects.filter(initiative=low).update(total=Decimal("41"), recommended=False)
    for initiative in (first, second, low, waiting):
        RoundDossier.objects.create(round=made, initiative=initiative)
    return made, first, second, low, waiting


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def refuse(province, initiative):
    """The Department refuses the dossier still with it: nothing else in the round waits."""
    initiative_reject(initiative=initiative, actor=province.reviewer, grounds=["duplicate"],
                      comment="Trùng với đơn đã nộp.")  # fmt: skip


def decide(made, actor, **overrides):
    values = {"decision_date": today(), **DECISION} | overrides
    return round_decide(round=made, actor=actor, **values)


def test_the_leader_decides_the_round(province, batch):
    made, first, second, low, waiting = batch
    done = decide(made, province.leader, decline={low.pk: REASON})
    assert {i.pk for i in done["recognized"]} == {first.pk, second.pk}
    for initiative in (first, second):
        fresh = reload(initiative)
        assert fresh.status == "recognized"
        assert (fresh.decision_number, fresh.decision_date, fresh.signer_name) == (
            "321/QĐ-UBND", today(), "Nguyễn Văn A")  # fmt: skip
        log = TransitionLog.objects.get(initiative=initiative, transition="recognize")
        assert log.actor == province.leader
        assert Notification.objects.filter(initiative=initiative, kind="recognize").exists()
    assert reload(low).status == "rejected"
    assert TransitionLog.objects.get(initiative=low, transition="decline").comment == REASON
    assert Notification.objects.filter(initiative=low, kind="decline").exists()
    assert reload(waiting).status == "department_review"  # not awaiting: untouched
    # A dossier of the round is still with the Department: the round is not decided yet...
    assert reload(made).decided_on is None and reload(made).status == "closed"
    # ...until that one is answered too.
    refuse(province, waiting)
    assert reload(made).decided_on == today() and reload(made).status == "decided"


def test_a_round_still_open_is_not_decided_even_when_all_is_answered(province, batch):
    made, _first, _second, low, waiting = batch
    Round.objects.filter(pk=made.pk).update(closes_on=today() + timedelta(days=10))
    refuse(province, waiting)
    decide(made, province.leader, decline={low.pk: REASON})
    assert reload(made).decided_on is None and reload(made).status == "open"
    # Once it has closed, the hourly task marks it decided on its last decision's date.
    Round.objects.filter(pk=made.pk).update(closes_on=today() - timedelta(days=1))
    assert settle_closed_rounds() == 1
    assert reload(made).decided_on == today()
    assert settle_closed_rounds() == 0  # once


def test_the_settling_task_leaves_rounds_with_a_dossier_waiting(province, batch):
    made, *_rest = batch
    assert settle_closed_rounds() == 0
    assert reload(made).decided_on is None


def test_a_dossier_in_neither_list_is_left_and_the_round_stays_undecided(province, batch):
    made, first, second, low, _waiting = batch
    decide(made, province.leader, recognize=[first.pk])
    assert reload(first).status == "recognized"
    assert reload(second).status == reload(low).status == "awaiting_decision"
    assert reload(made).decided_on is None


def test_the_default_skips_recommended_dossiers_already_decided(province, batch):
    made, first, second, low, waiting = batch
    refuse(province, waiting)
    decide(made, province.leader, recognize=[first.pk])  # an earlier sitting
    assert reload(made).decided_on is None  # two still await the decision
    done = decide(made, province.leader, decline={low.pk: REASON})
    assert [i.pk for i in done["recognized"]] == [second.pk]
    assert reload(made).decided_on == today()


@pytest.mark.parametrize("who", ["reviewer", "staff"])
def test_others_cannot_decide(who, province, batch):
    made, _first, *_ = batch
    with nothing_changes(Initiative, Round), pytest.raises(PermissionDenied):
        decide(made, getattr(province, who))


def test_a_dossier_changed_meanwhile_stops_the_whole_batch(province, batch):
    made, first, second, low, _waiting = batch
    # Another leader's session recognized `second` alone before this batch was sent.
    round_decide(round=made, actor=province.leader, recognize=[second.pk],
                 decision_date=today(), **DECISION)  # fmt: skip
    with nothing_changes(Initiative, Round), pytest.raises(BatchRefused) as error:
        decide(made, province.leader, recognize=[first.pk, second.pk], decline={low.pk: ""})
    dossiers = error.value.dossiers
    assert set(dossiers) == {second.code, low.code}
    assert "Đã công nhận" in " ".join(dossiers[second.code])
    assert "lý do" in " ".join(dossiers[low.code]).lower()
    assert first.code not in dossiers


def test_a_dossier_sent_back_meanwhile_is_named(province, batch):
    made, first, second, _low, _waiting = batch
    # The leader's page listed `first`; it was sent back to the Department before the post.
    Initiative.objects.filter(pk=first.pk).update(status="department_review")
    with nothing_changes(Initiative, Round), pytest.raises(BatchRefused) as error:
        decide(made, province.leader, recognize=[first.pk, second.pk])
    assert list(error.value.dossiers) == [first.code]


def test_recognizing_against_the_council_needs_a_reason(province, batch):
    made, first, second, low, _waiting = batch
    with nothing_changes(Initiative, Round), pytest.raises(BatchRefused) as error:
        decide(made, province.leader, recognize=[first.pk, second.pk, low.pk])
    assert list(error.value.dossiers) == [low.code]
    assert "hội đồng" in " ".join(error.value.dossiers[low.code]).lower()
    # With its own reason the batch goes through.
    decide(made, province.leader, recognize=[first.pk, second.pk, low.pk],
           reasons={low.pk: "Đã nhân rộng tại 12 xã."})  # fmt: skip
    assert reload(low).status == "recognized"


def test_a_shared_field_problem_is_shown_once(province, batch):
    made, *_ = batch
    with nothing_changes(Initiative, Round), pytest.raises(BatchRefused) as error:
        decide(made, province.leader, decision_number="abc")
    assert list(error.value.fields) == ["decision_number"]
    assert len(error.value.fields["decision_number"]) == 1


def test_a_dossier_of_another_round_is_refused(province, batch, at_state):
    made, *_ = batch
    stranger = at_state("awaiting_decision")
    with nothing_changes(Initiative, Round), pytest.raises(BatchRefused) as error:
        decide(made, province.leader, recognize=[stranger.pk])
    assert list(error.value.dossiers) == [str(stranger.pk)]


# --- The web page --------------------------------------------------------------------------------


def form_data(made, first, second, low, **extra):
    data = {"decision_number": "321/QĐ-UBND", "decision_date": today().strftime("%d/%m/%Y"),
            "signer_name": "Nguyễn Văn A", "signer_authority": "vice_chairman",
            "comment": "", f"recognize_{first.pk}": "on", f"recognize_{second.pk}": "on",
            f"reason_{low.pk}": REASON}  # fmt: skip
    return data | extra


def test_the_round_page_offers_the_form_to_leaders_only(province, batch, client):
    made, first, second, low, _waiting = batch
    url = reverse("workflow:round", args=[made.pk])
    client.force_login(province.leader)
    html = client.get(url).content.decode()
    assert 'id="round-decide-form"' in html
    assert f'name="recognize_{first.pk}" checked' in html  # recommended: pre-ticked
    assert f'name="recognize_{low.pk}" checked' not in html
    client.force_login(province.reviewer)
    assert 'id="round-decide-form"' not in client.get(url).content.decode()
    decide_url = reverse("workflow:round_decide", args=[made.pk])
    with nothing_changes(Initiative, Round):
        response = client.post(decide_url, form_data(made, first, second, low, action="confirm"))
    assert response.status_code == 403


def test_the_leader_confirms_then_decides(province, batch, client):
    made, first, second, low, waiting = batch
    refuse(province, waiting)
    client.force_login(province.leader)
    url = reverse("workflow:round_decide", args=[made.pk])
    with nothing_changes(Initiative, Round):
        response = client.post(url, form_data(made, first, second, low, action="review"))
    html = response.content.decode()
    assert response.status_code == 200 and 'id="round-decide-confirm"' in html
    assert "321/QĐ-UBND" in html and REASON in html
    response = client.post(url, form_data(made, first, second, low, action="confirm"))
    assert response.status_code == 302
    assert reload(first).status == reload(second).status == "recognized"
    assert reload(low).status == "rejected"
    page = client.get(response["Location"]).content.decode()
    assert "2 hồ sơ được công nhận, 1 hồ sơ không được công nhận" in page
    assert reload(made).decided_on == today()
    assert 'id="round-decide-form"' not in page  # nothing awaits the decision any more


def test_an_unticked_dossier_without_reason_is_left(province, batch, client):
    made, first, second, low, _waiting = batch
    client.force_login(province.leader)
    url = reverse("workflow:round_decide", args=[made.pk])
    data = form_data(made, first, second, low, action="review") | {f"reason_{low.pk}": ""}
    html = client.post(url, data).content.decode()
    assert low.code in html[html.index('id="confirm-left"') :]
    client.post(url, data | {"action": "confirm"})
    assert reload(low).status == "awaiting_decision"
    assert reload(made).decided_on is None


def test_recognizing_against_the_council_on_the_page_needs_its_reason(province, batch, client):
    made, first, second, low, _waiting = batch
    client.force_login(province.leader)
    url = reverse("workflow:round_decide", args=[made.pk])
    data = form_data(made, first, second, low, action="confirm") | {
        f"recognize_{low.pk}": "on", f"reason_{low.pk}": ""}  # fmt: skip
    with nothing_changes(Initiative, Round):
        html = client.post(url, data).content.decode()
    assert f'id="problems-{low.pk}"' in html
    assert f'id="problems-{first.pk}"' not in html
    assert 'id="round-decide-refused"' in html


def test_a_refused_batch_names_the_dossier_and_keeps_the_values(province, batch, client):
    made, first, second, low, _waiting = batch
    Initiative.objects.filter(pk=second.pk).update(status="department_review")
    client.force_login(province.leader)
    url = reverse("workflow:round_decide", args=[made.pk])
    with nothing_changes(Initiative, Round):
        response = client.post(url, form_data(made, first, second, low, action="confirm"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="problems-{second.pk}"' in html
    assert 'value="321/QĐ-UBND"' in html and REASON in html
    assert reload(first).status == "awaiting_decision"
