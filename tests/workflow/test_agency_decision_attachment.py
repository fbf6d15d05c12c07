"""A provincial dossier carries the agency's cơ sở recognition decision among its attachments
(issue 10 §5; settings.REQUIRE_AGENCY_RECOGNITION_ATTACHMENT, on by default): `submit` and
`resubmit` refuse without one, the pages say so up front, and the rule lifts when it is off."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.conftest import attach, make_draft
from tests.unchanged import nothing_changes
from workflow import services

pytestmark = pytest.mark.django_db

KIND_VI = "Quyết định công nhận sáng kiến cấp cơ sở"
DECLARED = {"declaration": "on", "declaration_public_order": "on", "declaration_no_ip": "on"}


@pytest.fixture
def bare_draft(province):
    """A draft that meets every other condition but carries no cơ sở decision."""
    return make_draft(province, agency_decision=False)


def page(client, user, name, *args, data=None):
    client.force_login(user)
    url = reverse(name, args=args)
    headers = {"accept-language": "vi"}
    if data is None:
        return client.get(url, headers=headers).content.decode()
    return client.post(url, data, headers=headers).content.decode()


def test_the_setting_is_on_by_default():
    from django.conf import settings

    assert settings.REQUIRE_AGENCY_RECOGNITION_ATTACHMENT is True


def test_submit_without_the_agency_decision_is_refused(bare_draft, province):
    with nothing_changes(bare_draft), pytest.raises(ValidationError) as error:
        services.initiative_submit(initiative=bare_draft, actor=province.staff)
    problems = error.value.message_dict
    assert set(problems) == {"attachments"}
    assert KIND_VI in problems["attachments"][0]
    assert "cấp cơ sở" in problems["attachments"][0]


@pytest.mark.parametrize("kind", ["bien_ban_co_so", "mo_ta", "minh_chung", "khac"])
def test_another_kind_of_attachment_does_not_count(kind, bare_draft, province):
    attach(bare_draft, kind)
    with nothing_changes(bare_draft), pytest.raises(ValidationError) as error:
        services.initiative_submit(initiative=bare_draft, actor=province.staff)
    assert set(error.value.message_dict) == {"attachments"}


def test_submit_with_the_agency_decision_goes_through(bare_draft, province):
    attach(bare_draft, "quyet_dinh_co_so", "quyet-dinh-15.pdf")
    initiative = services.initiative_submit(initiative=bare_draft, actor=province.staff)
    assert initiative.status == "department_review"


def test_resubmit_without_the_agency_decision_is_refused(at_state, province):
    initiative = at_state("revision_requested")
    initiative.attachments.filter(kind="quyet_dinh_co_so").delete()  # removed while revising
    with nothing_changes(initiative), pytest.raises(ValidationError) as error:
        services.initiative_resubmit(initiative=initiative, actor=province.head)
    assert set(error.value.message_dict) == {"attachments"}


def test_the_rule_is_lifted_when_the_setting_is_off(bare_draft, at_state, province, settings):
    settings.REQUIRE_AGENCY_RECOGNITION_ATTACHMENT = False
    initiative = services.initiative_submit(initiative=bare_draft, actor=province.staff)
    assert initiative.status == "department_review"
    revising = at_state("revision_requested")
    revising.attachments.all().delete()
    revising = services.initiative_resubmit(initiative=revising, actor=province.head)
    assert revising.status == "department_review"


# --- The pages tell the agency up front ---------------------------------------------------------


def test_the_edit_page_says_the_decision_is_required(bare_draft, province, client):
    html = page(client, province.staff, "initiatives:edit", bare_draft.pk)
    notice = html[html.index('id="agency-decision-required"') :]
    assert 'data-attached="false"' in notice[:200]
    assert "Bắt buộc trước khi nộp" in notice and KIND_VI in notice

    attach(bare_draft, "quyet_dinh_co_so")
    html = page(client, province.staff, "initiatives:edit", bare_draft.pk)
    assert 'id="agency-decision-required" data-attached="true"' in html


def test_the_new_draft_page_says_it_before_anything_is_saved(province, client):
    html = page(client, province.staff, "initiatives:create")
    assert "Hồ sơ phải kèm Quyết định công nhận sáng kiến cấp cơ sở" in html


def test_the_dossier_page_of_a_draft_says_it(bare_draft, province, client):
    html = page(client, province.staff, "workflow:detail", bare_draft.pk)
    assert 'id="agency-decision-required"' in html and KIND_VI in html


def test_the_submit_page_lists_it_and_the_post_is_refused(bare_draft, province, client):
    html = page(client, province.staff, "workflow:transition", bare_draft.pk, "submit")
    problems = html[html.index('id="submission-problems"') :]
    assert KIND_VI in problems
    with nothing_changes(bare_draft):
        html = page(
            client, province.staff, "workflow:transition", bare_draft.pk, "submit", data=DECLARED
        )
    assert KIND_VI in html
    bare_draft.refresh_from_db()
    assert bare_draft.status == "draft"


def test_the_reviewer_checklist_marks_it_required(at_state, province, client):
    initiative = at_state("department_review")
    html = page(client, province.reviewer, "workflow:detail", initiative.pk)
    checklist = html[html.index('id="checklist"') :]
    item = checklist[checklist.index('data-kind="quyet_dinh_co_so"') :]
    assert "bắt buộc" in item[: item.index("</li>")]
    assert "Tỉnh yêu cầu Quyết định công nhận sáng kiến cấp cơ sở" in checklist


def test_no_notice_when_the_setting_is_off(bare_draft, province, client, settings):
    settings.REQUIRE_AGENCY_RECOGNITION_ATTACHMENT = False
    assert 'id="agency-decision-required"' not in page(
        client, province.staff, "initiatives:edit", bare_draft.pk
    )
    assert 'id="agency-decision-required"' not in page(
        client, province.staff, "workflow:detail", bare_draft.pk
    )
    assert 'id="agency-decision-required"' not in page(client, province.staff, "initiatives:create")
