"""The admin: every page loads, transitions go through the services, the audit trail is
read-only."""

from datetime import timedelta

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.db import connection
from django.forms import modelform_factory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from adoption.models import Adoption, AdoptionReport
from agencies.models import Agency, Membership, User
from initiatives.admin import InitiativeForm
from initiatives.models import Attachment, Field, Initiative, Status
from notifications.models import Notification
from tests.unchanged import nothing_changes
from workflow.council_body import Council
from workflow.models import (
    CouncilAssignment,
    CouncilReview,
    DeadlineRule,
    EarlierCouncilRound,
    EarlierScoreSheet,
    IntakeEntry,
    Rubric,
    ScoreSheet,
    TransitionLog,
)
from workflow.services import initiative_submit

from .conftest import make_draft

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:initiatives_initiative_changelist"


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def transition_url(initiative, name):
    return reverse("admin:initiatives_initiative_transition", args=[initiative.pk, name])


def message_levels(response):
    return [m.level for m in get_messages(response.wsgi_request)]


def reload(initiative):
    return Initiative.objects.get(pk=initiative.pk)


def bulk(admin_client, name, *initiatives, **data):
    return admin_client.post(
        reverse(CHANGELIST),
        {
            "action": f"transition_{name}",
            "_selected_action": [i.pk for i in initiatives],
            "apply": "1",
            **data,
        },
        follow=True,
    )


@pytest.fixture
def everything(province, at_state):
    """At least one row of every model the admin shows."""
    rolling = at_state("rollout")
    draft = make_draft(province, title="Một cửa điện tử cấp xã")
    Attachment.objects.create(
        initiative=draft,
        kind="minh_chung",
        file=ContentFile(b"%PDF-1.4 test", name="bien-ban.pdf"),
        original_name="biên bản họp.pdf",
        content_type="application/pdf",
        size=13,
        uploaded_by=province.staff,
    )
    adoption = Adoption.objects.filter(initiative=rolling).first()
    AdoptionReport.objects.create(
        adoption=adoption, period="Quý I/2025", result_summary="Đã áp dụng.",
        submitted_by=province.other_staff,
    )  # fmt: skip
    Notification.objects.get_or_create(
        recipient=province.staff, kind="submit", subject="Hồ sơ đã gửi", message="…"
    )
    DeadlineRule.objects.get_or_create(
        stage=DeadlineRule.Stage.DEPARTMENT_REVIEW, defaults={"amount": 30}
    )
    earlier = EarlierCouncilRound.objects.create(
        initiative=rolling, number=1, ended_at=timezone.now()
    )
    EarlierScoreSheet.objects.create(
        round=earlier, member=province.council[0], scores={"novelty": "20"}, vote="agree"
    )
    return {"rolling": rolling, "draft": draft}


MODELS = [
    Agency, User, Membership, Field, Initiative, TransitionLog, Rubric, CouncilReview,
    CouncilAssignment, ScoreSheet, DeadlineRule, Notification, Adoption, EarlierCouncilRound,
    IntakeEntry,
]  # fmt: skip


# --- Every page loads -----------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_and_change_page_load(admin_client, everything, model):
    assert admin_client.get(url(model, "changelist")).status_code == 200
    obj = model.objects.order_by("pk").first()
    assert obj is not None, f"no {model.__name__} to show"
    assert admin_client.get(url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize(
    "model", [Agency, User, Membership, Field, Initiative, Rubric, DeadlineRule],
    ids=lambda m: m.__name__,
)  # fmt: skip
def test_add_page_loads(admin_client, model):
    assert admin_client.get(url(model, "add")).status_code == 200


def test_changelist_filters_and_search(admin_client, everything):
    response = admin_client.get(
        reverse(CHANGELIST), {"status__exact": "draft", "agency__kind__exact": "department"}
    )
    assert response.status_code == 200
    assert everything["draft"] in response.context["cl"].result_list
    # Search ignores diacritics: "cap xa" finds "cấp xã".
    response = admin_client.get(reverse(CHANGELIST), {"q": "mot cua cap xa"})
    assert list(response.context["cl"].result_list) == [everything["draft"]]


def test_transition_log_filters_and_search(admin_client, everything):
    response = admin_client.get(
        url(TransitionLog, "changelist"), {"transition": "submit", "target": "department_review"}
    )
    assert response.status_code == 200
    assert [log.transition for log in response.context["cl"].result_list] == ["submit"]
    response = admin_client.get(url(TransitionLog, "changelist"), {"q": everything["rolling"].code})
    expected = TransitionLog.objects.filter(initiative=everything["rolling"]).count()
    assert response.context["cl"].result_count == expected == 5


# --- Dossier pages --------------------------------------------------------------------------


def test_attachment_inline_shows_metadata_not_the_file(admin_client, everything):
    attachment = everything["draft"].attachments.get(kind="minh_chung")
    content = admin_client.get(url(Initiative, "change", everything["draft"].pk)).content.decode()
    assert "biên bản họp.pdf" in content
    assert attachment.file.name not in content
    assert "/media/" not in content


def test_draft_fields_are_editable(admin_client, draft):
    response = admin_client.get(url(Initiative, "change", draft.pk))
    form = response.context["adminform"].form
    assert "title" in form.fields
    assert "status" not in form.fields  # protected FSM field, moved only by the services


def test_submitted_dossier_is_read_only(admin_client, at_state):
    initiative = at_state("department_review")
    response = admin_client.get(url(Initiative, "change", initiative.pk))
    assert response.status_code == 200
    assert response.context["adminform"].form.fields == {}
    with nothing_changes(initiative, initiative.authors.all()):
        response = admin_client.post(url(Initiative, "change", initiative.pk), {"title": "Khác"})
    assert response.status_code == 403


def test_change_page_offers_the_transitions_of_the_state(admin_client, at_state):
    initiative = at_state("department_review")
    response = admin_client.get(url(Initiative, "change", initiative.pk))
    links = {t["url"] for t in response.context["transitions"]}
    assert links == {
        transition_url(initiative, name)
        for name in ("request_revision", "reject", "accept", "withdraw")
    }


# --- Transitions go through the services ---------------------------------------------------


def test_bulk_withdraw_goes_through_the_service(admin_client, admin_user, at_state):
    initiative = at_state("department_review")
    response = bulk(admin_client, "withdraw", initiative, comment="Đơn vị xin rút.")
    assert response.status_code == 200
    assert reload(initiative).status == Status.WITHDRAWN
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    assert (log.transition, log.source, log.target) == (
        "withdraw",
        "department_review",
        "withdrawn",
    )
    assert log.actor == admin_user
    assert log.comment == "Đơn vị xin rút."
    assert messages.SUCCESS in message_levels(response)


def test_bulk_action_first_asks_for_a_comment(admin_client, at_state):
    initiative = at_state("department_review")
    response = admin_client.post(
        reverse(CHANGELIST),
        {"action": "transition_reject", "_selected_action": [initiative.pk]},
    )
    assert response.status_code == 200
    assert "comment" in response.context["form"].fields
    assert reload(initiative).status == Status.DEPARTMENT_REVIEW


def test_bulk_reject_with_reason(admin_client, admin_user, at_state):
    initiative = at_state("department_review")
    bulk(
        admin_client,
        "reject",
        initiative,
        comment="Trùng với sáng kiến đã công nhận.",
        grounds=["duplicate"],
    )
    assert reload(initiative).status == Status.REFUSED
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    assert (log.transition, log.actor, log.role) == ("reject", admin_user, "admin")
    assert log.data == {"grounds": ["duplicate"]}


def test_bulk_reject_without_reason_changes_nothing(admin_client, at_state):
    initiative = at_state("department_review")
    logs = TransitionLog.objects.count()
    response = bulk(admin_client, "reject", initiative, comment="  ", grounds=["duplicate"])
    assert response.status_code == 200
    assert response.context["form"].errors
    assert reload(initiative).status == Status.DEPARTMENT_REVIEW
    assert TransitionLog.objects.count() == logs


def test_bulk_action_from_a_wrong_state_shows_an_error(admin_client, at_state, draft):
    rolling = at_state("rollout")
    logs = TransitionLog.objects.count()
    response = bulk(admin_client, "close_rollout", draft, rolling)
    assert response.status_code == 200
    assert messages.ERROR in message_levels(response)
    assert reload(draft).status == Status.DRAFT
    # The dossier in the right state still moves; the other is left alone.
    assert reload(rolling).status == Status.CLOSED
    assert TransitionLog.objects.count() == logs + 1


def test_transition_page_close_rollout(admin_client, admin_user, at_state):
    initiative = at_state("rollout")
    assert admin_client.get(transition_url(initiative, "close_rollout")).status_code == 200
    response = admin_client.post(transition_url(initiative, "close_rollout"), {"comment": "Xong."})
    assert response.status_code == 302
    assert response["Location"] == url(Initiative, "change", initiative.pk)
    assert reload(initiative).status == Status.CLOSED
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    assert (log.transition, log.actor, log.role, log.comment) == (
        "close_rollout",
        admin_user,
        "admin",
        "Xong.",
    )


def test_transition_page_decline_needs_a_reason(admin_client, at_state):
    initiative = at_state("awaiting_decision")
    response = admin_client.post(transition_url(initiative, "decline"), {"comment": ""})
    assert response.status_code == 200
    assert reload(initiative).status == Status.AWAITING_DECISION
    admin_client.post(transition_url(initiative, "decline"), {"comment": "Chưa đủ hiệu quả."})
    assert reload(initiative).status == Status.REJECTED


def test_transition_page_from_a_wrong_state_shows_an_error(admin_client, at_state):
    initiative = at_state("recognized")
    logs = TransitionLog.objects.count()
    response = admin_client.post(transition_url(initiative, "withdraw"), {"comment": ""})
    assert response.status_code == 200
    assert messages.ERROR in message_levels(response)
    assert reload(initiative).status == Status.RECOGNIZED
    assert TransitionLog.objects.count() == logs


def test_transition_page_reports_unmet_conditions(admin_client, province, at_state):
    initiative = at_state("department_review")
    # Every member must sit, and the one from the applicant agency is recused: no quorum.
    council = province.seat_all([province.council_stp])
    council.quorum_numerator = council.quorum_denominator = 1
    council.save()
    response = admin_client.post(transition_url(initiative, "accept"), {"council": council.pk})
    assert response.status_code == 200
    assert messages.ERROR in message_levels(response)
    assert reload(initiative).status == Status.DEPARTMENT_REVIEW


def test_transition_page_accept_recognize_and_start_rollout(admin_client, province, at_state):
    initiative = at_state("department_review")
    page = admin_client.get(transition_url(initiative, "accept")).content.decode()
    assert "1234/QĐ-UBND" in page and "Hoàng Văn Nam" in page  # the council and its members
    admin_client.post(transition_url(initiative, "accept"), {"council": province.council_body.pk})
    assert reload(initiative).status == Status.COUNCIL_REVIEW
    assert CouncilAssignment.objects.filter(initiative=initiative).count() == 3

    initiative = at_state("awaiting_decision")
    today = timezone.localdate()
    admin_client.post(
        transition_url(initiative, "recognize"),
        {"decision_number": "12/QĐ-UBND", "decision_date": today.isoformat(),
         "signer": "Ngô Thanh Sơn", "signer_authority": "chairman", "scope": "provincial"},
    )  # fmt: skip
    initiative = reload(initiative)
    assert initiative.signature == "CHỦ TỊCH Ngô Thanh Sơn"
    assert (initiative.status, initiative.decision_number) == (Status.RECOGNIZED, "12/QĐ-UBND")

    response = admin_client.post(
        transition_url(initiative, "start_rollout"),
        {"target_agencies": [province.phoyen.pk],
         "report_due": (today + timedelta(days=60)).strftime("%d/%m/%Y")},
    )  # fmt: skip
    assert response.status_code == 302
    assert reload(initiative).status == Status.ROLLOUT
    assert Adoption.objects.filter(initiative=initiative, agency=province.phoyen).exists()


def test_unknown_transition_is_404(admin_client, draft):
    assert admin_client.get(transition_url(draft, "expire")).status_code == 404


# --- The audit trail is read-only -----------------------------------------------------------


def test_transition_log_cannot_be_added_changed_or_deleted(admin_client, at_state):
    initiative = at_state("department_review")
    log = TransitionLog.objects.get(initiative=initiative)
    assert admin_client.get(url(TransitionLog, "add")).status_code == 403
    assert admin_client.get(url(TransitionLog, "delete", log.pk)).status_code == 403
    with nothing_changes(TransitionLog):
        added = admin_client.post(url(TransitionLog, "add"), {"transition": "x"})
        changed = admin_client.post(url(TransitionLog, "change", log.pk), {"comment": "sửa"})
        deleted = admin_client.post(url(TransitionLog, "delete", log.pk), {"post": "yes"})
        listed = admin_client.post(
            url(TransitionLog, "changelist"),
            {"action": "delete_selected", "_selected_action": [log.pk], "post": "yes"},
        )
    assert [added.status_code, changed.status_code, deleted.status_code] == [403, 403, 403]
    assert listed.context["action_form"] is None  # no action at all, not even delete


def test_submitted_dossier_cannot_be_deleted(admin_client, at_state):
    initiative = at_state("department_review")
    assert admin_client.get(url(Initiative, "delete", initiative.pk)).status_code == 403
    watched = (initiative, initiative.authors.all(), initiative.attachments.all(), TransitionLog)
    with nothing_changes(*watched):
        response = admin_client.post(url(Initiative, "delete", initiative.pk), {"post": "yes"})
        listed = admin_client.post(
            url(Initiative, "changelist"),
            {"action": "delete_selected", "_selected_action": [initiative.pk], "post": "yes"},
        )
    assert response.status_code == 403
    # The bulk action stops at its confirmation page: no permission to delete the dossier.
    assert listed.status_code == 200 and listed.context["perms_lacking"]


def test_an_adoption_record_cannot_be_deleted_in_the_admin(admin_client, at_state):
    """A confirmed record changes only through the agency's head, never by an admin's delete."""
    adoption = Adoption.objects.filter(initiative=at_state("rollout")).first()
    assert admin_client.get(url(Adoption, "delete", adoption.pk)).status_code == 403
    with nothing_changes(adoption, adoption.reports.all()):
        response = admin_client.post(url(Adoption, "delete", adoption.pk), {"post": "yes"})
    assert response.status_code == 403


# --- Council and notifications --------------------------------------------------------------


def test_submitted_score_sheet_is_read_only(admin_client, at_state):
    initiative = at_state("council_review")
    assignment = CouncilAssignment.objects.filter(initiative=initiative).first()
    sheet = ScoreSheet.objects.create(
        assignment=assignment, scores={"novelty": "30"}, vote="agree", submitted_at=timezone.now()
    )
    with nothing_changes(sheet):
        response = admin_client.post(url(ScoreSheet, "change", sheet.pk), {"vote": "disagree"})
    assert response.status_code == 403


def test_draft_score_sheet_is_checked_against_the_rubric(admin_client, at_state):
    initiative = at_state("council_review")
    assignment = CouncilAssignment.objects.filter(initiative=initiative).first()
    sheet = ScoreSheet.objects.create(assignment=assignment)
    data = {"scores": '{"novelty": 99}', "vote": "agree", "comment": ""}
    with nothing_changes(sheet):
        response = admin_client.post(url(ScoreSheet, "change", sheet.pk), data)
    assert response.status_code == 200  # the form is shown again with the error
    data["scores"] = '{"novelty": 35}'
    assert admin_client.post(url(ScoreSheet, "change", sheet.pk), data).status_code == 302
    assert ScoreSheet.objects.get(pk=sheet.pk).scores == {"novelty": "35"}


def test_rubric_in_use_is_frozen(admin_client, at_state):
    review = CouncilReview.objects.get(initiative=at_state("council_review"))
    response = admin_client.get(url(Rubric, "change", review.rubric.pk))
    assert set(response.context["adminform"].form.fields) == {"is_active"}


def test_resend_failed_emails(
    admin_client, province, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr("notifications.services.enqueue_emails", lambda ids: sent.extend(ids))
    Status_ = Notification.EmailStatus
    failed = Notification.objects.create(
        recipient=province.staff, kind="submit", subject="a", message="a",
        email_status=Status_.FAILED, attempts=5, last_error="SMTP down",
    )  # fmt: skip
    delivered = Notification.objects.create(
        recipient=province.staff, kind="submit", subject="b", message="b",
        email_status=Status_.SENT,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            url(Notification, "changelist"),
            {"action": "resend_failed", "_selected_action": [failed.pk, delivered.pk]},
        )
    failed.refresh_from_db()
    assert (failed.email_status, failed.attempts) == (Status_.PENDING, 0)
    assert Notification.objects.get(pk=delivered.pk).email_status == Status_.SENT
    assert sent == [failed.pk]


def test_notification_is_read_only(admin_client, province):
    note = Notification.objects.create(
        recipient=province.staff, kind="submit", subject="a", message="a"
    )
    with nothing_changes(note):
        response = admin_client.post(url(Notification, "change", note.pk), {"subject": "b"})
    assert response.status_code == 403
    assert admin_client.get(url(Notification, "add")).status_code == 403


def management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_draft_can_be_added_and_edited(admin_client, admin_user, province):
    data = {
        "title": "Tiếp nhận hồ sơ qua Zalo",
        "field": "cai_cach_hanh_chinh",
        "agency": province.phoyen.pk,
        "round": "2025",
        "state_funded": "True",
        **management("authors", total=1),
        "authors-0-order": "0",
        "authors-0-full_name": "Lê Minh Đức",
        "authors-0-contribution_percent": "100",
        **management("participants"),
    }
    response = admin_client.post(url(Initiative, "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    initiative = Initiative.objects.get(title="Tiếp nhận hồ sơ qua Zalo")
    assert (initiative.status, initiative.created_by) == (Status.DRAFT, admin_user)
    assert initiative.authors.get().full_name == "Lê Minh Đức"

    author = initiative.authors.get()
    data.update(
        {
            **management("attachments"),
            **management("transition_logs"),
            "title": "Tiếp nhận hồ sơ qua Zalo OA",
            **management("authors", total=1, initial=1),
            "authors-0-id": str(author.pk),
            "authors-0-initiative": str(initiative.pk),
        }
    )
    response = admin_client.post(url(Initiative, "change", initiative.pk), data)
    assert response.status_code == 302
    assert reload(initiative).title == "Tiếp nhận hồ sơ qua Zalo OA"


def test_edit_refused_when_the_dossier_moved_meanwhile(province, draft):
    form_class = modelform_factory(Initiative, form=InitiativeForm, fields=["title"])
    stale = Initiative.objects.get(pk=draft.pk)  # loaded before the agency submits
    initiative_submit(initiative=draft, actor=province.staff)
    form = form_class({"title": "Khác"}, instance=stale)
    assert not form.is_valid()
    assert form.non_field_errors()


@pytest.mark.parametrize(
    "model",
    [Initiative, TransitionLog, CouncilAssignment, ScoreSheet, Notification, Adoption, Membership],
    ids=lambda m: m.__name__,
)
def test_changelist_queries_do_not_grow_with_rows(admin_client, at_state, model):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(url(model, "changelist")).status_code == 200
        return len(queries)

    at_state("rollout")
    few = count()
    at_state("rollout")
    at_state("closed")
    assert count() == few


def test_owner_transition_by_the_admin_is_logged_as_admin(admin_client, at_state):
    initiative = at_state("department_review")
    bulk(admin_client, "withdraw", initiative)
    assert TransitionLog.objects.filter(initiative=initiative).latest("id").role == "admin"


def test_council_admin_with_its_members(admin_client, province):
    council = province.council_body
    page = admin_client.get(reverse("admin:workflow_council_change", args=[council.pk]))
    assert page.status_code == 200
    assert "Hoàng Văn Nam" in page.content.decode()
    assert admin_client.get(reverse("admin:workflow_council_changelist")).status_code == 200


def test_council_admin_refuses_two_chairs_and_no_secretary(admin_client, province):
    url = reverse("admin:workflow_council_add")
    data = {
        "name": "Hội đồng thử", "kind": "main", "body": province.ubnd.pk,
        "decision_number": "9/QĐ-UBND", "decision_date": "2020-01-01",
        "decision_signer": "Chủ tịch", "voting": "open", "quorum_numerator": 2,
        "quorum_denominator": 3, "majority_base": "named", "is_active": "on",
        "members-TOTAL_FORMS": 3, "members-INITIAL_FORMS": 0,
        "members-MIN_NUM_FORMS": 0, "members-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    roles = ["chair", "chair", "member"]
    for i, (user, role) in enumerate(zip(province.council, roles, strict=True)):
        data |= {f"members-{i}-user": user.pk, f"members-{i}-full_name": user.full_name,
                 f"members-{i}-role": role, f"members-{i}-order": i,
                 f"members-{i}-is_active": "on"}  # fmt: skip
    with translation.override("vi"):
        response = admin_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hội đồng chỉ có một Chủ tịch." in page
    assert "Ủy viên thư ký" in page
    assert not Council.objects.filter(name="Hội đồng thử").exists()
