"""The round page at a province's size (issue 14): it reads one page of each list — the
dossiers in the order of the procedure, the council's results, the recommended — with the
round's totals from one grouped query, so it runs the same queries with 4 dossiers or 8;
the leader's decision form still lists every dossier awaiting the decision."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.workflow.test_rounds import data
from workflow import round_page
from workflow.models import CouncilReview, RoundDossier
from workflow.rounds import round_save

BUDGET = 15


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(round_page, "DOSSIERS_PER_PAGE", 2)
    monkeypatch.setattr(round_page, "RESULTS_PER_PAGE", 1)


@pytest.fixture
def busy_round(province, at_state, small_pages):
    made = round_save(actor=province.reviewer, data=data())
    high, low = at_state("awaiting_decision"), at_state("awaiting_decision")
    CouncilReview.objects.filter(initiative=high).update(total=Decimal("82.5"), recommended=True)
    CouncilReview.objects.filter(initiative=low).update(total=Decimal("41"), recommended=False)
    waiting = [at_state("department_review") for _ in range(2)]
    for initiative in (high, low, *waiting):
        RoundDossier.objects.create(round=made, initiative=initiative)
    return made, high, low, waiting


def get(client, made, **params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("workflow:round", args=[made.pk]), params)
    assert response.status_code == 200
    return response.content.decode(), len(context)


def test_the_dossiers_come_a_page_at_a_time_in_the_order_of_the_procedure(
    province, client, busy_round
):
    made, high, low, waiting = busy_round
    client.force_login(province.reviewer)
    first, _n = get(client, made)
    assert "4 hồ sơ" in first  # the round's total, not the page's
    # Page 1: the two under the Department's review (their state's total beside it).
    for initiative in waiting:
        assert initiative.code in first.split('id="round-results"')[0]
    assert "page=2" in first  # a link to the next page
    second, _n = get(client, made, page=2)
    listed = second.split("Kết quả")[0]
    assert high.code in listed and low.code in listed
    assert waiting[0].code not in listed


def test_the_results_are_ranked_across_pages(province, client, busy_round):
    made, high, low, _waiting = busy_round
    client.force_login(province.reviewer)
    first, _n = get(client, made)
    results = first[first.index('id="round-results"') :].split("</table>")[0]
    assert high.code in results and low.code not in results  # highest mean total first
    second, _n = get(client, made, results=2)
    results = second[second.index('id="round-results"') :].split("</table>")[0]
    assert low.code in results and high.code not in results
    recommended = first[first.index('id="round-recommended"') :].split("</ol>")[0]
    assert high.code in recommended and low.code not in recommended


def test_the_leaders_form_lists_every_dossier_awaiting_the_decision(province, client, busy_round):
    made, high, low, waiting = busy_round
    client.force_login(province.leader)
    html, _n = get(client, made, page=1)  # the page shows the Department's two only
    assert f'name="recognize_{high.pk}" checked' in html  # recommended: pre-ticked
    assert f'name="recognize_{low.pk}"' in html
    assert f'name="recognize_{waiting[0].pk}"' not in html


@pytest.mark.parametrize("who", ["reviewer", "leader"])
def test_the_same_queries_with_twice_the_dossiers(who, province, client, busy_round, at_state):
    made = busy_round[0]
    client.force_login(getattr(province, who))
    get(client, made)  # the session's first read
    small = get(client, made)[1]
    for state in ("department_review", "department_review", "awaiting_decision", "council_review"):
        RoundDossier.objects.create(round=made, initiative=at_state(state))
    large = get(client, made)[1]
    assert small == large <= BUDGET
