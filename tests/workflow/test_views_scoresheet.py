"""The council member's score sheet page: draft, submit after a confirmation, then locked."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from workflow import services
from workflow.models import ScoreSheet

pytestmark = pytest.mark.django_db

REQUIRED = "Trường này là bắt buộc."


def sheet_url(initiative):
    return reverse("workflow:scoresheet", args=[initiative.pk])


def as_user(client, user):
    client.force_login(user)
    return client


def html_of(response) -> str:
    return response.content.decode()


def headers():
    return {"accept-language": translation.get_language()}


def field_block(html: str, name: str) -> str:
    start = html.index(f'id="div_id_{name}"')
    end = html.find('<div id="div_id_', start + 1)
    return html[start : end if end != -1 else None]


FULL = {
    "score_novelty": "32",
    "score_applicability": "25.5",
    "score_benefit": "20",
    "vote": "agree",
    "comment": "Có tính mới, áp dụng rộng được.",
}


def sheet_of(member):
    return ScoreSheet.objects.get(assignment__member=member)


def test_the_sheet_shows_the_rubric_with_maxima_and_minimums(at_state, province, client):
    initiative = at_state("council_review")
    html = html_of(as_user(client, province.council[0]).get(sheet_url(initiative)))
    assert "Tính mới" in html and "Khả năng áp dụng" in html
    novelty = re.search(r'<input[^>]*name="score_novelty"[^>]*>', html).group(0)
    assert re.search(r'max="40(\.0+)?"', novelty) and 'min="0"' in novelty
    assert 'type="number"' in novelty
    benefit = re.search(r'<input[^>]*name="score_benefit"[^>]*>', html).group(0)
    assert re.search(r'max="30(\.0+)?"', benefit)
    assert 'name="vote"' in html and 'value="agree"' in html and 'value="disagree"' in html
    assert 'id="save-draft"' in html and 'id="submit-sheet"' in html
    rubric = html[html.index('id="rubric"') :]
    assert "40" in rubric and "10" in rubric  # maximum and minimum mean
    assert "Điều 7 NĐ 13/2012" in html[: html.index('id="rubric"')]  # the decision clock's basis


def test_save_draft_then_come_back(at_state, province, client):
    initiative = at_state("council_review")
    member = province.council[0]
    data = {"score_novelty": "12", "comment": "Đang xem xét", "action": "save"}
    response = as_user(client, member).post(sheet_url(initiative), data, follow=True)
    assert response.redirect_chain[-1][0] == sheet_url(initiative)
    sheet = sheet_of(member)
    assert sheet.scores == {"novelty": "12"} and sheet.comment == "Đang xem xét"
    assert not sheet.is_locked
    html = html_of(response)
    assert re.search(r'<input[^>]*name="score_novelty"[^>]*value="12"', html)
    assert "Đang xem xét" in html


def test_score_above_the_maximum_is_refused_next_to_its_field(at_state, province, client):
    initiative = at_state("council_review")
    member = province.council[0]
    data = {**FULL, "score_novelty": "45", "action": "save"}
    response = as_user(client, member).post(sheet_url(initiative), data)
    html = html_of(response)
    assert "40" in field_block(html, "score_novelty")
    assert "is-invalid" in field_block(html, "score_novelty")
    assert 'value="25.5"' in field_block(html, "score_applicability")  # what was typed stays
    assert not ScoreSheet.objects.filter(assignment__member=member).exists()


def test_submit_asks_for_confirmation_then_locks(at_state, province, client):
    initiative = at_state("council_review")
    member = province.council[0]
    as_user(client, member)
    with translation.override("en"):
        response = client.post(
            sheet_url(initiative), {**FULL, "action": "submit"}, headers=headers()
        )
    html = html_of(response)
    assert 'id="confirm-submit"' in html
    assert "Once submitted, the sheet is locked" in html
    sheet = sheet_of(member)
    assert not sheet.is_locked and sheet.scores["novelty"] == "32"  # kept as a draft meanwhile

    response = client.post(sheet_url(initiative), {**FULL, "action": "confirm"}, follow=True)
    sheet.refresh_from_db()
    assert sheet.is_locked and sheet.vote == "agree"
    assert sheet.scores == {"novelty": "32", "applicability": "25.5", "benefit": "20"}
    html = html_of(response)
    assert 'id="sheet-readonly"' in html and 'id="scoresheet-form"' not in html

    # Locked: a later post changes nothing.
    response = client.post(sheet_url(initiative), {**FULL, "score_novelty": "1", "action": "save"})
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.scores["novelty"] == "32"


def test_back_to_editing_keeps_the_values(at_state, province, client):
    initiative = at_state("council_review")
    response = as_user(client, province.council[0]).post(
        sheet_url(initiative), {**FULL, "action": "edit"}
    )
    html = html_of(response)
    assert 'id="scoresheet-form"' in html
    assert re.search(r'<input[^>]*name="score_novelty"[^>]*value="32"', html)


def test_submit_needs_every_score_and_the_vote(at_state, province, client):
    initiative = at_state("council_review")
    member = province.council[0]
    data = {"score_novelty": "30", "action": "submit"}
    html = html_of(as_user(client, member).post(sheet_url(initiative), data))
    assert REQUIRED in field_block(html, "score_applicability")
    assert REQUIRED in field_block(html, "score_benefit")
    assert REQUIRED in html[html.index('id="div_id_vote"') :]
    assert 'id="confirm-submit"' not in html
    assert not ScoreSheet.objects.filter(assignment__member=member).exists()


def test_confirm_without_votes_is_refused_and_nothing_locked(at_state, province, client):
    initiative = at_state("council_review")
    member = province.council[0]
    data = {**FULL, "vote": "", "action": "confirm"}
    html = html_of(as_user(client, member).post(sheet_url(initiative), data))
    assert REQUIRED in html[html.index('id="div_id_vote"') :]
    assert not ScoreSheet.objects.filter(assignment__member=member, submitted_at__isnull=False)


def test_who_may_open_the_sheet(at_state, province, client):
    initiative = at_state("council_review")
    url = sheet_url(initiative)
    assert as_user(client, province.council[0]).get(url).status_code == 200
    assert as_user(client, province.reviewer).get(url).status_code == 403
    assert as_user(client, province.staff).get(url).status_code == 403
    assert as_user(client, province.outsider).get(url).status_code == 404
    # A council member not assigned to this dossier may not even see it.
    assert as_user(client, province.council_stp).get(url).status_code == 404


def test_recused_member_cannot_score(at_state, province, client):
    initiative = at_state("department_review")
    services.initiative_accept(
        initiative=initiative, actor=province.reviewer,
        council=province.seat_all([province.council_stp]),
    )  # fmt: skip
    url = sheet_url(initiative)
    assert as_user(client, province.council_stp).get(url).status_code in (403, 404)
    response = client.post(url, {**FULL, "action": "confirm"})
    assert response.status_code in (403, 404)
    assert not ScoreSheet.objects.filter(assignment__member=province.council_stp).exists()


def test_sheet_is_read_only_after_scoring_completes(at_state, province, client):
    initiative = at_state("awaiting_decision")
    html = html_of(as_user(client, province.council[0]).get(sheet_url(initiative)))
    assert 'id="sheet-readonly"' in html and 'id="scoresheet-form"' not in html
    assert "Sáng kiến có tính thực tiễn cao." in html
