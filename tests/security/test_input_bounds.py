"""Audit findings 5–8: partial nested rows on PATCH, deeply nested JSON, the owning agency as
a rollout target, and unbounded input. Each is a 400 with a Vietnamese message, and nothing
is stored."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from common.limits import COMMENT, LONG_TEXT, MAX_AUTHORS, MAX_PARTICIPANTS
from initiatives.models import Author, Initiative
from tests.conftest import today
from tests.unchanged import nothing_changes
from workflow import services
from workflow.models import ScoreSheet

pytestmark = pytest.mark.django_db

VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}


def patch(client, initiative, body):
    return client.patch(f"/api/v1/initiatives/{initiative.pk}/", body, format="json", **VI)


def refused_patch(client, initiative, body):
    """A PATCH that must be refused: the dossier, its rows and every table stay as they were."""
    with nothing_changes(initiative, initiative.authors.all(), initiative.participants.all()):
        return patch(client, initiative, body)


# --- 5. PATCH with partial nested rows ------------------------------------------------------


def test_patch_with_an_author_without_contribution_is_a_400_not_a_500(draft, province, api):
    before = list(draft.authors.values_list("full_name", flat=True))
    response = refused_patch(
        api(province.staff), draft, {"authors": [{"full_name": "Hoàng Thị X"}]}
    )

    assert response.status_code == 400
    assert "contribution_percent" in response.data["authors"][0]
    assert "bắt buộc" in str(response.data["authors"][0]["contribution_percent"][0])
    assert list(draft.authors.values_list("full_name", flat=True)) == before


def test_patch_with_a_nameless_author_is_refused(draft, province, api):
    response = refused_patch(
        api(province.staff), draft, {"authors": [{"contribution_percent": 100}]}
    )

    assert response.status_code == 400
    assert "full_name" in response.data["authors"][0]
    assert not draft.authors.filter(full_name="").exists()


def test_a_nameless_author_already_stored_blocks_submission(draft, province, api):
    draft.authors.all().delete()
    Author.objects.create(initiative=draft, full_name="", contribution_percent=100)
    with nothing_changes(draft, draft.authors.all()):
        response = api(province.staff).post(
            f"/api/v1/initiatives/{draft.pk}/transitions/submit/", {}, format="json", **VI
        )
    assert response.status_code == 400
    assert "họ tên" in " ".join(response.data["authors"]).lower()


def test_patch_of_other_fields_still_leaves_the_authors_alone(draft, province, api):
    response = patch(api(province.staff), draft, {"title": "Tên mới của sáng kiến"})
    assert response.status_code == 200
    assert draft.authors.count() == 2


# --- 6. Deeply nested JSON ------------------------------------------------------------------


@pytest.mark.parametrize("depth", [40, 1_000, 100_000])
def test_deeply_nested_json_is_a_400_even_anonymous(depth, api, db):
    body = "[" * depth + "]" * depth
    response = api().post("/api/v1/auth/token/", body, content_type="application/json", **VI)
    assert response.status_code == 400
    assert "lồng" in response.json()["detail"]


def test_deeply_nested_json_on_a_dossier_is_a_400(draft, province, api):
    nested = "{" + '"a":{' * 2_000 + "}" * 2_001
    with nothing_changes(draft):
        response = api(province.staff).patch(
            f"/api/v1/initiatives/{draft.pk}/", nested, content_type="application/json", **VI
        )
    assert response.status_code == 400


def test_broken_json_is_a_400_in_vietnamese(api, db):
    response = api().post("/api/v1/auth/token/", "{nope", content_type="application/json", **VI)
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"] and "không" in response.json()["detail"]


def test_a_json_body_over_the_limit_is_a_413(draft, province, api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = '{"title": "' + "x" * 20_000 + '"}'
    with nothing_changes(draft):
        response = api(province.staff).patch(
            f"/api/v1/initiatives/{draft.pk}/", body, content_type="application/json", **VI
        )
    assert response.status_code == 413


# --- 7. start_rollout to the owning agency --------------------------------------------------


def test_rollout_never_targets_the_owning_agency(at_state, province, api):
    initiative = at_state("recognized")
    body = {
        "target_agencies": [province.stp.pk, province.phoyen.pk],
        "report_due": (date.today() + timedelta(days=60)).isoformat(),
    }
    with nothing_changes(initiative):
        response = api(province.leader).post(
            f"/api/v1/initiatives/{initiative.pk}/transitions/start_rollout/",
            body,
            format="json",
            **VI,
        )
    assert response.status_code == 400
    assert "Sở Tư pháp" in response.data["target_agencies"][0]


def test_the_rollout_page_does_not_offer_the_owning_agency(at_state, province, client):
    initiative = at_state("recognized")
    client.force_login(province.leader)
    page = client.get(reverse("workflow:transition", args=[initiative.pk, "start_rollout"]))
    assert page.status_code == 200
    text = page.content.decode()
    assert f'value="{province.phoyen.pk}"' in text
    assert f'value="{province.stp.pk}"' not in text


# --- 8. Unbounded input ---------------------------------------------------------------------


def test_a_huge_score_sheet_comment_is_refused(at_state, province, api):
    initiative = at_state("council_review")
    body = {"scores": {"novelty": 20}, "vote": "agree", "comment": "x" * 2_000_000}
    with nothing_changes(ScoreSheet.objects.filter(assignment__initiative=initiative)):
        response = api(province.council[0]).put(
            f"/api/v1/initiatives/{initiative.pk}/scoresheet/", body, format="json", **VI
        )
    assert response.status_code in (400, 413)
    assert not ScoreSheet.objects.filter(comment__startswith="xxx").exists()


def test_a_score_sheet_comment_just_over_the_limit_is_a_400(at_state, province, api):
    initiative = at_state("council_review")
    body = {"scores": {"novelty": 20}, "comment": "x" * (COMMENT + 1)}
    with nothing_changes(ScoreSheet.objects.filter(assignment__initiative=initiative)):
        response = api(province.council[0]).put(
            f"/api/v1/initiatives/{initiative.pk}/scoresheet/", body, format="json", **VI
        )
    assert response.status_code == 400
    assert "5000" in str(response.data["comment"]).replace(".", "")


def test_the_service_refuses_a_long_comment_too(at_state, province):
    from django.core.exceptions import ValidationError

    initiative = at_state("awaiting_decision")
    with pytest.raises(ValidationError) as error:
        services.initiative_decline(
            initiative=initiative, actor=province.leader, comment="x" * (COMMENT + 1)
        )
    assert "comment" in error.value.message_dict
    assert Initiative.objects.get(pk=initiative.pk).status == "awaiting_decision"


@pytest.mark.parametrize("field", ["description", "problem", "confidential_info"])
def test_long_dossier_text_is_refused_by_api_and_page(field, draft, province, api, client):
    response = refused_patch(api(province.staff), draft, {field: "y" * (LONG_TEXT + 1)})
    assert response.status_code == 400 and field in response.data
    draft.refresh_from_db()
    assert len(getattr(draft, field)) <= LONG_TEXT


def test_too_many_authors_are_refused(draft, province, api):
    authors = [{"full_name": f"Tác giả {i}", "contribution_percent": 1} for i in range(2_000)]
    response = refused_patch(api(province.staff), draft, {"authors": authors})
    assert response.status_code == 400
    assert str(MAX_AUTHORS) in str(response.data["authors"])
    assert draft.authors.count() == 2


@pytest.mark.parametrize("birth", ["1850-01-01", "2030-05-05", "today"])
def test_implausible_birth_dates_are_refused(birth, draft, province, api):
    if birth == "today":  # the date of the run, not of the collection
        birth = today().isoformat()
    authors = [{"full_name": "Lê Văn A", "birth_date": birth, "contribution_percent": 100}]
    response = refused_patch(api(province.staff), draft, {"authors": authors})
    assert response.status_code == 400
    assert "birth_date" in response.data["authors"][0]
    assert "01/01/1920" in response.data["authors"][0]["birth_date"][0]


def test_a_plausible_birth_date_is_kept(draft, province, api):
    authors = [{"full_name": "Lê Văn A", "birth_date": "1985-07-09", "contribution_percent": 100}]
    assert patch(api(province.staff), draft, {"authors": authors}).status_code == 200


def test_bidi_controls_are_stripped_from_titles_and_names(draft, province, api):
    spoofed = "Cải cách \u202ethủ tục\u202c một cửa \u2066x\u2069"
    authors = [{"full_name": "Nguyễn\u202e Văn B", "contribution_percent": 100}]
    response = patch(api(province.staff), draft, {"title": spoofed, "authors": authors})
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.title == "Cải cách thủ tục một cửa x"
    assert list(draft.authors.values_list("full_name", flat=True)) == ["Nguyễn Văn B"]


def test_the_web_form_refuses_long_text_and_bad_birth_dates(draft, province, client):
    client.force_login(province.staff)
    page = client.get(reverse("initiatives:edit", args=[draft.pk])).content.decode()
    assert f'maxlength="{LONG_TEXT}"' in page  # the browser already stops at the limit


# --- Found by the review of this change ------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00", b"\xff\xd8\xff\xc0\x00\x11"],
    ids=["png-cut-in-its-header", "jpeg-cut-in-its-frame"],
)
def test_a_picture_cut_short_is_no_server_error(content, draft, province, api):
    response = api(province.staff).post(
        f"/api/v1/initiatives/{draft.pk}/attachments/",
        {"file": SimpleUploadedFile("anh.png", content), "kind": "minh_chung"},
        format="multipart",
    )
    # The server never decodes pictures: a damaged header is stored like any picture.
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("query", ["q=S%E1%BB%9F%00", "kind=nope", "kind=%00"])
def test_agency_filters_are_validated(query, province, api):
    response = api(province.staff).get(f"/api/v1/agencies/?{query}", **VI)
    assert response.status_code == 400


def test_too_many_participants_are_refused(draft, province, api):
    rows = [{"full_name": f"Người {i}", "task": "Áp dụng thử"} for i in range(MAX_PARTICIPANTS + 1)]
    response = refused_patch(api(province.staff), draft, {"participants": rows})
    assert response.status_code == 400 and "participants" in response.data
    assert draft.participants.count() == 0


def test_a_score_sheet_with_hundreds_of_keys_is_refused_at_once(at_state, province, api):
    initiative = at_state("council_review")
    body = {"scores": {f"k{i}": 1 for i in range(500)}}
    with nothing_changes(ScoreSheet.objects.filter(assignment__initiative=initiative)):
        response = api(province.council[0]).put(
            f"/api/v1/initiatives/{initiative.pk}/scoresheet/", body, format="json", **VI
        )
    assert response.status_code == 400
    assert len(response.data["scores"]) == 1  # one message, not five hundred


def test_direction_marks_are_stripped_from_people_names(db):
    from tests.conftest import make_user

    user = make_user("u_bidi", "Trần\u200f Thị\u061c Mai\u200e")
    assert user.full_name == "Trần Thị Mai"


def test_a_decision_dated_before_the_acceptance_is_refused(at_state, province, api):
    initiative = at_state("awaiting_decision")
    body = {
        "decision_number": "125/QĐ-UBND",
        "decision_date": (date.today() - timedelta(days=400)).isoformat(),
        "scope": "provincial",
    }
    with nothing_changes(initiative):
        response = api(province.leader).post(
            f"/api/v1/initiatives/{initiative.pk}/transitions/recognize/", body, format="json", **VI
        )
    assert response.status_code == 400
    assert "chấp nhận đơn" in response.data["decision_date"][0]


def test_an_adoption_date_in_antiquity_is_refused(at_state, province, api):
    initiative = at_state("rollout")
    adoption = initiative.adoptions.get(agency=province.phoyen)
    with nothing_changes(adoption):
        response = api(province.other_staff).patch(
            f"/api/v1/adoptions/{adoption.pk}/",
            {"status": "in_progress", "started_on": "0245-03-12"},
            format="json",
            **VI,
        )
    assert response.status_code == 400
    assert "01/01/2000" in response.data["started_on"][0]
