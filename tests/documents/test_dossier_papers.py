"""The dossier page's papers: each timeline entry links to what its act issued (a correction
beside the version it superseded); the council papers page (score sheets, the minutes' draft)
for the council and those running the review; the Word draft of the recognition decision for
one dossier or a round's recommended list, for the standing office and the leadership."""

from datetime import timedelta

import pytest
from django.urls import reverse

from documents import builders, issuing
from documents.models import Document
from documents.services import document_correct
from tests.conftest import today
from workflow.council_body import Council
from workflow.models import RoundDossier
from workflow.rounds import round_save

from .conftest import act, certificates_of
from .test_council_docs import docx_text
from .test_score_sheets import seat_of

pytestmark = pytest.mark.django_db


def page_of(client, user, initiative) -> str:
    client.force_login(user)
    response = client.get(reverse("workflow:detail", args=[initiative.pk]))
    assert response.status_code == 200
    return response.content.decode()


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_recognize_entry_links_its_certificates_and_a_correction_beside_the_old(
    client, at_state, province
):
    initiative = at_state("recognized")
    first, second = certificates_of(issuing.issue_for_act(act(initiative, "recognize").pk))
    corrected = document_correct(
        document=first,
        build=builders.certificate_builder(initiative=initiative, author=first.author),
        issued_by=province.reviewer,
    )

    html = page_of(client, province.staff, initiative)
    recognize = html[html.index('data-transition="recognize"') :]
    recognize = (
        recognize[: recognize.index('class="timeline-entry"')]
        if ('class="timeline-entry"' in recognize)
        else recognize
    )
    for document in (first, second, corrected):
        assert reverse("documents:download", args=[document.pk]) in recognize
    assert f'data-status="{Document.Status.SUPERSEDED}"' in recognize
    assert "phiên bản 2" in recognize
    submit = html[
        html.index('data-transition="submit"') : html.index('data-transition="recognize"')
    ]
    assert reverse("documents:download", args=[first.pk]) not in submit


def test_a_timeline_entry_without_documents_lists_none(client, at_state, province):
    initiative = at_state("department_review")
    html = page_of(client, province.reviewer, initiative)
    assert 'data-transition="submit"' in html
    assert "timeline-documents" not in html


def test_the_council_papers_page_gives_each_reader_their_sheets(client, at_state, province):
    Council.objects.filter(pk=province.council_body.pk).update(voting=Council.Voting.SECRET)
    initiative = at_state("awaiting_decision")
    mine = seat_of(initiative, province.council[1])
    other = seat_of(initiative, province.council[2])
    url = reverse("documents:council_papers", args=[initiative.pk])

    assert url in page_of(client, province.council[1], initiative)
    html = client.get(url).content.decode()
    assert reverse("documents:score_sheet_filled", args=[mine.pk]) in html
    assert reverse("documents:score_sheet_blank", args=[other.pk]) not in html

    client.force_login(province.council[0])  # the secretary, under a secret ballot
    html = client.get(url).content.decode()
    assert reverse("documents:score_sheet_blank", args=[mine.pk]) in html
    assert reverse("documents:score_sheet_filled", args=[mine.pk]) not in html
    assert reverse("documents:minutes_draft", args=[initiative.pk]) in html

    assert url not in page_of(client, province.staff, initiative)
    assert client.get(url).status_code == 404  # the applicant reads no council paper


def test_the_council_papers_page_is_404_before_a_council_and_to_outsiders(
    client, at_state, province
):
    initiative = at_state("department_review")
    url = reverse("documents:council_papers", args=[initiative.pk])
    assert url not in page_of(client, province.reviewer, initiative)
    assert client.get(url).status_code == 404
    client.force_login(province.outsider)
    assert client.get(reverse("documents:council_papers", args=[10**6])).status_code == 404


def test_the_leader_drafts_the_recognition_decision_of_a_dossier_awaiting_it(
    client, at_state, province
):
    initiative = at_state("awaiting_decision")
    url = reverse("documents:recognition_draft", args=[initiative.pk])
    assert url in page_of(client, province.leader, initiative)

    response = client.get(url)

    assert response.status_code == 200
    text = docx_text(body(response))
    assert "{{" not in text and "{%" not in text and "}}" not in text
    assert "QUYẾT ĐỊNH" in text and "Về việc công nhận sáng kiến" in text
    assert initiative.title in text
    assert "Nguyễn Thị Lan, Trần Văn Hùng" in text


@pytest.mark.parametrize(("state", "who"), [("awaiting_decision", "staff"),
                                            ("council_review", "leader"),
                                            ("recognized", "leader")])  # fmt: skip
def test_no_recognition_draft_for_the_agency_nor_outside_the_decision_stage(
    client, at_state, province, state, who
):
    initiative = at_state(state)
    url = reverse("documents:recognition_draft", args=[initiative.pk])
    assert url not in page_of(client, getattr(province, who), initiative)
    assert client.get(url).status_code == 404


def test_one_draft_decision_for_a_round_lists_its_recommended_dossiers_awaiting_it(
    client, at_state, province
):
    made = round_save(
        actor=province.reviewer,
        data={"year": today().year, "number": 1, "title": "Đợt I",
              "opens_on": today() - timedelta(days=60), "closes_on": today() - timedelta(days=1),
              "council": None, "decided_on": None},
    )  # fmt: skip
    waiting = at_state("awaiting_decision", title="Liên thông thủ tục đăng ký khai sinh")
    decided = at_state("recognized", title="Một cửa điện tử cấp xã")
    for initiative in (waiting, decided):
        RoundDossier.objects.create(round=made, initiative=initiative)
    url = reverse("documents:round_recognition_draft", args=[made.pk])
    client.force_login(province.leader)
    assert url in client.get(reverse("workflow:round", args=[made.pk])).content.decode()

    text = docx_text(body(client.get(url)))

    assert "Liên thông thủ tục đăng ký khai sinh" in text
    assert "Một cửa điện tử cấp xã" not in text  # already decided
    client.force_login(province.staff)
    assert client.get(url).status_code == 404
