"""Wording and form fidelity (issue 10, section 7): the State-investment question has no default
and must be answered to submit; the declaration covers NĐ 13 Điều 3.2's exclusions, box by box;
each co-author's share meets a configurable minimum; the paper form reads as the law words it."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from initiatives.forms import AuthorForm, InitiativeForm
from initiatives.models import Initiative
from initiatives.rules import submission_problems
from tests.conftest import make_draft, today
from tests.initiatives.test_views import CREATE, dossier_post
from tests.unchanged import nothing_changes
from workflow.services import initiative_submit

pytestmark = pytest.mark.django_db

STATE_QUESTION = "Nhà nước đầu tư kinh phí, phương tiện vật chất - kỹ thuật"
DECLARATIONS = ("truthfulness_declared", "public_order_declared", "no_ip_protection_declared")
BOXES = ("declaration", "declaration_public_order", "declaration_no_ip")


def submit_refused(initiative, **kwargs) -> dict:
    with (
        nothing_changes(initiative, initiative.authors.all()),
        pytest.raises(ValidationError) as refused,
    ):
        initiative_submit(initiative=initiative, actor=initiative.created_by, **kwargs)
    return {key: " ".join(value) for key, value in refused.value.message_dict.items()}


# --- State investment: no default, required to submit ------------------------------------------


def test_an_untouched_form_declares_nothing_about_state_investment(client, province):
    client.force_login(province.staff)
    html = client.get(CREATE).content.decode()
    radios = re.findall(r'<input[^>]*name="state_funded"[^>]*>', html)
    assert len(radios) == 2 and not any("checked" in radio for radio in radios)
    assert STATE_QUESTION in html
    assert not InitiativeForm().initial.get("state_funded")

    client.post(CREATE, dossier_post(state_funded=None))
    initiative = Initiative.objects.get()
    assert initiative.state_funded is None  # saved as a draft, still unanswered


def test_an_unanswered_state_question_blocks_submission_and_no_is_an_answer(province):
    initiative = make_draft(province, state_funded=None)
    errors = submit_refused(initiative)
    assert list(errors) == ["state_funded"]
    assert STATE_QUESTION in errors["state_funded"]

    initiative.state_funded = False
    initiative.save()
    initiative_submit(initiative=initiative, actor=province.staff)
    initiative.refresh_from_db()
    assert initiative.status == "department_review" and initiative.state_funded is False


def test_the_web_submit_page_lists_the_unanswered_question(client, province):
    initiative = make_draft(province, state_funded=None)
    client.force_login(province.staff)
    html = client.get(reverse("workflow:transition", args=[initiative.pk, "submit"])).content
    assert STATE_QUESTION in html.decode()


# --- The declaration: truthful, and neither exclusion of NĐ 13 Điều 3.2 -------------------------


@pytest.mark.parametrize("missing", DECLARATIONS)
def test_each_declaration_is_required_to_submit(province, missing):
    initiative = make_draft(province, **{missing: False})
    errors = submit_refused(initiative)
    assert list(errors) == [missing]


def test_the_refusal_names_each_declaration_in_vietnamese(province, api):
    initiative = make_draft(province, **dict.fromkeys(DECLARATIONS, False))
    url = f"/api/v1/initiatives/{initiative.pk}/transitions/submit/"
    with nothing_changes(initiative):
        response = api(province.staff).post(url, {}, format="json")
    assert response.status_code == 400
    errors = {key: " ".join(map(str, value)) for key, value in response.data.items()}
    assert "cam đoan" in errors["truthfulness_declared"]
    assert "trật tự công cộng" in errors["public_order_declared"]
    assert "đạo đức xã hội" in errors["public_order_declared"]
    assert "sở hữu trí tuệ" in errors["no_ip_protection_declared"]


def test_the_api_declares_with_the_submission(province, api):
    initiative = make_draft(province, **dict.fromkeys(DECLARATIONS, False))
    url = f"/api/v1/initiatives/{initiative.pk}/transitions/submit/"
    client = api(province.staff)
    partial = {"truthfulness_declared": True, "public_order_declared": True}
    with nothing_changes(initiative):
        response = client.post(url, partial, format="json")
    assert response.status_code == 400 and list(response.data) == ["no_ip_protection_declared"]
    response = client.post(url, {**partial, "no_ip_protection_declared": True}, format="json")
    assert response.status_code == 200, response.data
    assert all(response.data[name] is True for name in DECLARATIONS)


@pytest.mark.parametrize("unticked", BOXES)
def test_each_box_of_the_submit_page_is_required(client, province, unticked):
    initiative = make_draft(province, **dict.fromkeys(DECLARATIONS, False))
    client.force_login(province.staff)
    url = reverse("workflow:transition", args=[initiative.pk, "submit"])
    page = client.get(url).content.decode()
    for box in BOXES:
        assert f'name="{box}"' in page
    assert "trật tự công cộng" in page and "sở hữu trí tuệ" in page
    ticked = {box: "on" for box in BOXES if box != unticked}
    with nothing_changes(initiative):
        response = client.post(url, ticked)
    assert response.status_code == 200
    assert re.search(rf'id="id_{unticked}"[^>]*is-invalid|is-invalid[^>]*id="id_{unticked}"',
                     response.content.decode())  # fmt: skip
    client.post(url, dict.fromkeys(BOXES, "on"))
    initiative.refresh_from_db()
    assert initiative.status == "department_review"
    assert all(getattr(initiative, name) for name in DECLARATIONS)


# --- Co-authors' shares --------------------------------------------------------------------------


def share_problems(province, *shares):
    authors = [(f"Tác giả {i}", share) for i, share in enumerate(shares)]
    initiative = make_draft(province, authors=authors)
    return submission_problems(initiative, today=today()).get("authors", [])


def test_each_co_author_needs_the_minimum_share(province):
    assert share_problems(province, Decimal("99.5"), Decimal("0.5")) == [
        "Mỗi đồng tác giả phải đóng góp ít nhất 1%."
    ]
    assert share_problems(province, 99, 1) == []
    assert share_problems(province, 100) == []


@override_settings(MIN_AUTHOR_SHARE_PERCENT=Decimal("5"))
def test_the_minimum_share_is_a_setting(province):
    assert "ít nhất 5%" in " ".join(share_problems(province, 96, 4))
    assert share_problems(province, 95, 5) == []
    # The total rule still holds beside it.
    assert "100%" in " ".join(share_problems(province, 50, 5))


@override_settings(MIN_AUTHOR_SHARE_PERCENT=Decimal("2.5"))
def test_the_drafting_form_checks_the_minimum_share():
    form = AuthorForm({"full_name": "Lê Văn An", "contribution_percent": "2"})
    assert not form.is_valid()
    assert "ít nhất 2,5%" in " ".join(form.errors["contribution_percent"])
    assert form["contribution_percent"].field.widget.attrs["min"] == "2.5"
    assert AuthorForm({"full_name": "Lê Văn An", "contribution_percent": "2.5"}).is_valid()


# --- The API round-trip of the new fields ------------------------------------------------------


def test_api_round_trip_of_the_new_fields(province, api):
    client = api(province.staff)
    body = {"title": "Một cửa liên thông", "state_funded": None, "author_is_investor": True}
    created = client.post("/api/v1/initiatives/", body, format="json")
    assert created.status_code == 201, created.data
    pk = created.data["id"]
    detail = client.get(f"/api/v1/initiatives/{pk}/").data
    assert detail["state_funded"] is None and detail["author_is_investor"] is True
    assert detail["public_order_declared"] is False
    assert detail["no_ip_protection_declared"] is False

    changes = {"state_funded": False, "public_order_declared": True,
               "no_ip_protection_declared": True, "author_is_investor": False}  # fmt: skip
    patched = client.patch(f"/api/v1/initiatives/{pk}/", changes, format="json")
    assert patched.status_code == 200, patched.data
    detail = client.get(f"/api/v1/initiatives/{pk}/").data
    assert {name: detail[name] for name in changes} == changes

    # Left open again while drafting: allowed.
    reopened = client.patch(f"/api/v1/initiatives/{pk}/", {"state_funded": None}, format="json")
    assert reopened.status_code == 200 and reopened.data["state_funded"] is None


def test_an_api_draft_created_without_the_question_leaves_it_unanswered(province, api):
    created = api(province.staff).post(
        "/api/v1/initiatives/", {"title": "Một cửa liên thông"}, format="json"
    )
    assert created.status_code == 201 and created.data["state_funded"] is None


# --- The paper form, in Vietnamese -------------------------------------------------------------


def test_the_paper_form_uses_the_legal_wording(client, province):
    initiative = make_draft(province, author_is_investor=True, investor="", state_funded=False,
                            benefit_amount_vnd=380_000_000)  # fmt: skip
    client.force_login(province.staff)
    html = client.get(reverse("initiatives:preview", args=[initiative.pk])).content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html and "HOÀ" not in html
    assert f"{STATE_QUESTION}: Không" in html
    assert "có sử dụng ngân sách nhà nước" not in html
    assert "Nơi công tác hoặc nơi thường trú" in html
    assert "Tiền làm lợi: 380.000.000 đ" in html
    assert "tác giả đồng thời là chủ đầu tư" in html
    assert "không trái với trật tự công cộng hoặc đạo đức xã hội" in html
    assert "không thuộc đối tượng được bảo hộ quyền sở hữu trí tuệ" in html


def test_the_paper_form_leaves_an_unanswered_question_blank(client, province):
    initiative = make_draft(province, state_funded=None)
    client.force_login(province.staff)
    html = client.get(reverse("initiatives:preview", args=[initiative.pk])).content.decode()
    assert f"{STATE_QUESTION}: ……" in html


def test_the_reviewers_checklist_shows_the_question_and_each_declaration(province):
    from workflow.selectors import completeness

    initiative = make_draft(province, state_funded=None, no_ip_protection_declared=False)
    checklist = completeness(initiative)
    fields = {str(row["label"]): row["ok"] for row in checklist["fields"]}
    assert fields[STATE_QUESTION] is False
    conditions = [row for row in checklist["conditions"] if not row["ok"]]
    assert len(conditions) == 1 and "sở hữu trí tuệ" in " ".join(conditions[0]["problems"])
    assert not checklist["ready"]
