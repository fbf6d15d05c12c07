"""Moving a dossier between rounds: the standing office's correction, logged with its reason;
only while the dossier is examined, only into an undecided round that takes its field."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from initiatives.models import Field
from tests.conftest import today
from tests.unchanged import nothing_changes
from workflow.models import RoundDossier, TransitionLog
from workflow.round_placement import round_place_dossier
from workflow.rounds import round_add_dossiers, round_save

pytestmark = pytest.mark.django_db


def _round(province, number, **overrides):
    start = today()
    values = {"year": start.year, "number": number, "title": f"Đợt {number}",
              "opens_on": start + timedelta(days=40 * (number - 1)),
              "closes_on": start + timedelta(days=40 * (number - 1) + 30), "council": None,
              "decided_on": None}  # fmt: skip
    fields = overrides.pop("fields", ())
    values.update(overrides)
    return round_save(actor=province.reviewer, data=values, fields=fields)


@pytest.fixture
def placed(province, at_state):
    first, second = _round(province, 1), _round(province, 2)
    dossier = at_state("department_review")
    round_add_dossiers(actor=province.reviewer, intake=first, initiatives=[dossier])
    return dossier, first, second


def _round_of(dossier):
    entry = RoundDossier.objects.filter(initiative=dossier).first()
    return entry.round if entry else None


def _problems(error):
    return {key: " ".join(value) for key, value in error.value.message_dict.items()}


def test_the_reviewer_moves_a_dossier_and_the_timeline_says_why(province, placed):
    dossier, _first, second = placed
    round_place_dossier(actor=province.reviewer, initiative=dossier, target=second,
                        reason="Nộp sau hạn của đợt I.")  # fmt: skip
    assert _round_of(dossier) == second
    log = TransitionLog.objects.filter(initiative=dossier).latest("id")
    assert (log.transition, log.actor, log.comment) == (
        "round_move",
        province.reviewer,
        "Nộp sau hạn của đợt I.",
    )
    assert log.data == {"from": "Đợt 1", "to": "Đợt 2"} and log.source == log.target


def test_out_of_any_round_and_back(province, placed):
    dossier, first, _second = placed
    round_place_dossier(actor=province.reviewer, initiative=dossier, target=None, reason="Nhầm.")
    assert _round_of(dossier) is None
    round_place_dossier(actor=province.reviewer, initiative=dossier, target=first, reason="Lại.")
    assert _round_of(dossier) == first


@pytest.mark.parametrize("who", ["staff", "head", "leader", "council1"])
def test_only_the_standing_office_moves_dossiers(province, placed, who):
    dossier, _first, second = placed
    actor = province.council[0] if who == "council1" else getattr(province, who)
    with nothing_changes(RoundDossier, TransitionLog), pytest.raises(PermissionDenied):
        round_place_dossier(actor=actor, initiative=dossier, target=second, reason="x")


@pytest.mark.parametrize("state", ["recognized", "rejected", "draft"])
def test_a_decided_or_unsent_dossier_stays_where_it_is(province, at_state, state):
    first, second = _round(province, 1), _round(province, 2)
    dossier = at_state(state)
    round_add_dossiers(actor=province.reviewer, intake=first, initiatives=[dossier])
    with nothing_changes(RoundDossier, TransitionLog), pytest.raises(ValidationError) as error:
        round_place_dossier(actor=province.reviewer, initiative=dossier, target=second, reason="x")
    assert "round" in _problems(error)


def test_a_decided_round_takes_no_more_dossiers(province, placed):
    dossier, _first, _second = placed
    decided = _round(province, 3, opens_on=today() - timedelta(days=90),
                     closes_on=today() - timedelta(days=60),
                     decided_on=today() - timedelta(days=10))  # fmt: skip
    with nothing_changes(RoundDossier, TransitionLog), pytest.raises(ValidationError) as error:
        round_place_dossier(actor=province.reviewer, initiative=dossier, target=decided, reason="x")
    assert "round" in _problems(error)


def test_a_round_of_other_fields_is_refused(province, placed):
    dossier, _first, _second = placed
    other = _round(province, 3, fields=[Field.objects.get(code="chuyen_doi_so")])
    with nothing_changes(RoundDossier, TransitionLog), pytest.raises(ValidationError) as error:
        round_place_dossier(actor=province.reviewer, initiative=dossier, target=other, reason="x")
    assert "round" in _problems(error)


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required(province, placed, reason):
    dossier, _first, second = placed
    with nothing_changes(RoundDossier, TransitionLog), pytest.raises(ValidationError) as error:
        round_place_dossier(actor=province.reviewer, initiative=dossier, target=second,
                            reason=reason)  # fmt: skip
    assert "comment" in _problems(error)


def test_the_same_round_is_no_move(province, placed):
    dossier, first, _second = placed
    with nothing_changes(RoundDossier, TransitionLog), pytest.raises(ValidationError):
        round_place_dossier(actor=province.reviewer, initiative=dossier, target=first, reason="x")


# --- The pages ---------------------------------------------------------------------------------


def test_the_dossier_page_names_the_round(client, province, placed):
    dossier, first, _second = placed
    client.force_login(province.reviewer)
    page = client.get(reverse("workflow:detail", args=[dossier.pk])).content.decode()
    assert 'id="intake-round"' in page and first.title in page
    assert reverse("workflow:round", args=[first.pk]) in page
    assert reverse("workflow:round_placement", args=[dossier.pk]) in page
    client.force_login(province.staff)
    page = client.get(reverse("workflow:detail", args=[dossier.pk])).content.decode()
    assert first.title in page  # the agency knows its round, without the office's tools
    assert reverse("workflow:round", args=[first.pk]) not in page
    assert reverse("workflow:round_placement", args=[dossier.pk]) not in page


def test_the_reviewer_moves_it_on_the_page(client, province, placed):
    dossier, _first, second = placed
    client.force_login(province.reviewer)
    url = reverse("workflow:round_placement", args=[dossier.pk])
    assert 'id="round-placement-form"' in client.get(url).content.decode()
    response = client.post(url, {"round": second.pk, "comment": "Nộp sau hạn."}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("workflow:detail", args=[dossier.pk])
    assert _round_of(dossier) == second
    page = response.content.decode()
    assert 'class="small mt-1 timeline-round-move"' in page and "Nộp sau hạn." in page


def test_a_refused_move_keeps_what_was_typed(client, province, placed):
    dossier, first, _second = placed
    client.force_login(province.reviewer)
    url = reverse("workflow:round_placement", args=[dossier.pk])
    response = client.post(url, {"round": first.pk, "comment": "Lý do đã gõ"})
    page = response.content.decode()
    assert response.status_code == 200 and "Lý do đã gõ" in page and "is-invalid" in page
    assert _round_of(dossier) == first


def test_others_are_refused_the_page(client, province, placed):
    dossier, _first, second = placed
    client.force_login(province.leader)
    url = reverse("workflow:round_placement", args=[dossier.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"round": second.pk, "comment": "x"}).status_code == 403
