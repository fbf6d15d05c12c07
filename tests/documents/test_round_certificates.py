"""A round decided in one batch: each recognized dossier's authors get their certificates, numbered
on from the year's last without gaps, each naming the one decision."""

from datetime import timedelta

import pytest

from documents.models import Document, DocumentKind
from tests.conftest import today
from tests.documents.test_decisions import decide
from workflow.models import RoundDossier
from workflow.rounds import round_save

from .helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_of_two(province, at_state):
    made = round_save(
        actor=province.reviewer,
        data={"year": today().year, "number": 1, "title": "Đợt I",
              "opens_on": today() - timedelta(days=60), "closes_on": today() - timedelta(days=1),
              "council": None, "decided_on": None},
    )  # fmt: skip
    dossiers = [at_state("awaiting_decision"), at_state("awaiting_decision")]
    for initiative in dossiers:
        RoundDossier.objects.create(round=made, initiative=initiative)
    return made, dossiers


def test_a_round_decision_issues_every_authors_certificate(
    province, round_of_two, eager, django_capture_on_commit_callbacks
):
    made, dossiers = round_of_two
    with django_capture_on_commit_callbacks(execute=True):
        decide(province, made)

    certificates = Document.objects.filter(kind=DocumentKind.CERTIFICATE).order_by("sequence")
    assert [c.sequence for c in certificates] == [1, 2, 3, 4]
    assert {c.initiative_id for c in certificates} == {d.pk for d in dossiers}
    assert {c.round_id for c in certificates} == {made.pk}
    assert all(c.data["decision"]["number"] == "321/QĐ-UBND" for c in certificates)
    text = pdf_text(certificates[3])
    assert "Số: 004/GCN-SKKN" in text
    assert "Quyết định số 321/QĐ-UBND" in text
    assert "Nguyễn Văn A" in text
