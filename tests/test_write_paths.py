"""Writes go through services, whoever writes: the admin (dossiers, their people and files,
score sheets, adoption due dates, e-mail resends), the outbox sweeper, the language switch,
and any caller of initiative_update."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.urls import reverse
from django.utils import timezone

from adoption.models import Adoption
from common.exceptions import Conflict
from initiatives import services as initiative_services
from initiatives.fields import AUTHOR_FIELDS, BODY_FIELDS
from initiatives.models import Attachment, Initiative, Status
from initiatives.services import initiative_update
from notifications.models import Notification
from notifications.tasks import send_notification_email
from workflow.models import CouncilAssignment, ScoreSheet, TransitionLog
from workflow.scoresheets import scoresheet_admin_correct, scoresheet_admin_discard

from .conftest import make_draft
from .test_admin import management, url
from .unchanged import nothing_changes

pytestmark = pytest.mark.django_db


def form_value(value):
    return "" if value is None else str(value)


def change_data(initiative, **changes) -> dict:
    """The admin's change form as the browser posts it back, with `changes` typed in."""
    data = {name: form_value(getattr(initiative, name)) for name in ("title", "round")}
    for name in BODY_FIELDS:
        value = getattr(initiative, name)
        if isinstance(initiative._meta.get_field(name), models.BooleanField) and (
            initiative._meta.get_field(name).null
        ):
            data[name] = {True: "true", False: "false", None: "unknown"}[value]  # a yes/no select
        elif isinstance(value, bool):
            data[name] = "on" if value else ""
        else:
            data[name] = form_value(value)
    data["field"] = initiative.field_id
    data |= people_data(initiative)
    for prefix in ("participants", "attachments", "transition_logs"):
        data |= management(prefix)
    return {key: value for key, value in (data | changes).items() if value != ""}


def people_data(initiative) -> dict:
    authors = list(initiative.authors.all())
    data = management("authors", total=len(authors), initial=len(authors))
    for i, author in enumerate(authors):
        data |= {f"authors-{i}-id": author.pk, f"authors-{i}-initiative": initiative.pk,
                 f"authors-{i}-order": author.order}  # fmt: skip
        data |= {f"authors-{i}-{name}": form_value(getattr(author, name)) for name in AUTHOR_FIELDS}
    return data


def admin_edits(initiative):
    return list(TransitionLog.objects.filter(initiative=initiative, transition="admin_edit"))


# --- The initiative admin ---------------------------------------------------------------------


def test_an_admin_edit_of_a_submitted_dossier_is_on_its_timeline(
    admin_client, admin_user, at_state
):
    initiative = at_state("revision_requested")
    response = admin_client.post(
        url(Initiative, "change", initiative.pk),
        change_data(initiative, title="Chứng thực bản sao điện tử (đã sửa)"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Initiative.objects.get(pk=initiative.pk).title == "Chứng thực bản sao điện tử (đã sửa)"
    [log] = admin_edits(initiative)
    assert (log.actor, log.role, log.data) == (admin_user, "admin", {"fields": ["title"]})
    assert log.source == log.target == Status.REVISION_REQUESTED

    admin_client.force_login(admin_user)
    page = admin_client.get(
        reverse("workflow:detail", args=[initiative.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Edited by an administrator" in page.content.decode()


def test_the_authors_inline_goes_through_the_service(admin_client, at_state):
    initiative = at_state("revision_requested")
    data = change_data(initiative, **{"authors-1-contribution_percent": "45",
                                      "authors-0-contribution_percent": "55"})  # fmt: skip
    assert admin_client.post(url(Initiative, "change", initiative.pk), data).status_code == 302
    percents = list(initiative.authors.values_list("contribution_percent", flat=True))
    assert [int(p) for p in percents] == [55, 45]
    assert admin_edits(initiative)[0].data == {"fields": ["authors"]}


def test_an_unchanged_save_writes_no_entry(admin_client, at_state):
    initiative = at_state("revision_requested")
    assert (
        admin_client.post(url(Initiative, "change", initiative.pk), change_data(initiative))
    ).status_code == 302
    assert admin_edits(initiative) == []


def test_the_attachment_kind_is_corrected_through_the_service(admin_client, at_state):
    initiative = at_state("revision_requested")
    attachment = Attachment.objects.create(
        initiative=initiative, kind="minh_chung", original_name="a.pdf",
        file=ContentFile(b"%PDF-1.4", name="a.pdf"), content_type="application/pdf", size=8,
    )  # fmt: skip
    other_kind = next(k for k, _ in Attachment._meta.get_field("kind").choices if k != "minh_chung")
    data = change_data(initiative) | management("attachments", total=1, initial=1)
    data |= {"attachments-0-id": attachment.pk, "attachments-0-initiative": initiative.pk,
             "attachments-0-kind": other_kind}  # fmt: skip
    assert admin_client.post(url(Initiative, "change", initiative.pk), data).status_code == 302
    assert Attachment.objects.get(pk=attachment.pk).kind == other_kind
    assert admin_edits(initiative)[0].data == {"fields": ["attachments"]}


def test_an_unsent_draft_edited_by_the_admin_stays_deletable(admin_client, province):
    draft = make_draft(province)
    data = change_data(draft, title="Bản nháp đã sửa", agency=province.stp.pk)
    assert admin_client.post(url(Initiative, "change", draft.pk), data).status_code == 302
    assert admin_edits(draft) == []  # no record yet: the log would protect it from deletion
    admin_client.post(url(Initiative, "delete", draft.pk), {"post": "yes"})
    assert not Initiative.objects.filter(pk=draft.pk).exists()


def test_the_admin_deletes_a_draft_through_the_service_with_its_files(
    admin_client, province, monkeypatch, django_capture_on_commit_callbacks
):
    draft = make_draft(province)
    stored = Attachment.objects.create(
        initiative=draft, kind="other", original_name="a.pdf", size=4,
        file=ContentFile(b"%PDF", name="a.pdf"),
    )  # fmt: skip
    path = stored.file.path
    calls = []
    real = initiative_services.initiative_admin_delete_draft

    def spy(**kwargs):
        calls.append(kwargs["initiative"].pk)
        return real(**kwargs)

    monkeypatch.setattr(initiative_services, "initiative_admin_delete_draft", spy)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url(Initiative, "delete", draft.pk), {"post": "yes"})
    assert calls == [draft.pk]
    assert not Initiative.objects.filter(pk=draft.pk).exists()
    assert not Path(path).exists()


def test_the_draft_delete_service_keeps_submitted_dossiers(admin_user, province, at_state):
    submitted = at_state("department_review")
    with nothing_changes(Initiative), pytest.raises(Conflict):
        initiative_services.initiative_admin_delete_draft(initiative=submitted, actor=admin_user)
    with pytest.raises(PermissionDenied):
        initiative_services.initiative_admin_delete_draft(
            initiative=make_draft(province), actor=province.staff
        )


def test_a_refusal_met_at_save_time_is_said_on_the_admin_page(admin_client, at_state, monkeypatch):
    """The rollout closed between the form's check and the save: the service refuses under its
    lock, the administrator reads why, and nothing is written."""
    from adoption import services as adoption_services

    adoption = Adoption.objects.filter(initiative=at_state("rollout")).first()
    before = adoption.due_date

    def closed_meanwhile(**kwargs):
        raise Conflict("Đợt nhân rộng đã kết thúc.")

    monkeypatch.setattr(adoption_services, "adoption_reschedule", closed_meanwhile)
    response = reschedule(admin_client, adoption, timezone.localdate() + timedelta(days=40))
    assert response.status_code == 302
    page = admin_client.get(response["Location"]).content.decode()
    assert "Đợt nhân rộng đã kết thúc." in page
    assert Adoption.objects.get(pk=adoption.pk).due_date == before


def test_the_admin_service_refuses_a_dossier_under_review(admin_user, at_state):
    from workflow.services import initiative_admin_edit

    initiative = at_state("department_review")
    with pytest.raises(Conflict):
        initiative_admin_edit(initiative=initiative, actor=admin_user, data={"title": "Khác"})
    assert Initiative.objects.get(pk=initiative.pk).title != "Khác"
    assert admin_edits(initiative) == []


def test_the_admin_service_refuses_a_field_the_agency_does_not_write(admin_user, at_state):
    from workflow.services import initiative_admin_edit

    initiative = at_state("revision_requested")
    with pytest.raises(TypeError):
        initiative_admin_edit(initiative=initiative, actor=admin_user, data={"code": "SK-X"})
    assert Initiative.objects.get(pk=initiative.pk).code != "SK-X"


# --- initiative_update owns its field list ----------------------------------------------------


@pytest.mark.parametrize("name, value", [("status", Status.RECOGNIZED), ("code", "SK-1999-0001"),
                                         ("decision_number", "99/QĐ")])  # fmt: skip
def test_initiative_update_refuses_an_unknown_field(province, draft, name, value):
    with pytest.raises(TypeError):
        initiative_update(
            initiative=draft, actor=province.staff, data={"title": "Mới", name: value}
        )
    fresh = Initiative.objects.get(pk=draft.pk)
    assert getattr(fresh, name) != value and fresh.title != "Mới"


def test_initiative_update_writes_the_agency_fields(province, draft):
    initiative_update(initiative=draft, actor=province.staff, data={"title": "Mới", "round": 2026})
    assert Initiative.objects.filter(pk=draft.pk, title="Mới", round=2026).exists()


# --- Score sheets ------------------------------------------------------------------------------


@pytest.fixture
def draft_sheet(at_state):
    initiative = at_state("council_review")
    assignment = CouncilAssignment.objects.filter(initiative=initiative).first()
    return ScoreSheet.objects.create(assignment=assignment, scores={"novelty": "10"})


def test_the_score_sheet_admin_saves_through_the_service(admin_client, draft_sheet, monkeypatch):
    from workflow import council_admin as workflow_admin

    calls = []

    def spy(**kwargs):
        calls.append(kwargs["sheet"].pk)
        return scoresheet_admin_correct(**kwargs)

    monkeypatch.setattr(workflow_admin, "scoresheet_admin_correct", spy)
    data = {"scores": '{"novelty": "35.50"}', "vote": "agree", "comment": "Sửa theo biên bản"}
    response = admin_client.post(url(ScoreSheet, "change", draft_sheet.pk), data)
    assert response.status_code == 302
    sheet = ScoreSheet.objects.get(pk=draft_sheet.pk)
    assert (sheet.scores, sheet.vote, sheet.submitted_at) == ({"novelty": "35.50"}, "agree", None)
    assert calls == [draft_sheet.pk]


def test_the_correction_service_keeps_the_members_rules(admin_user, province, draft_sheet):
    with pytest.raises(PermissionDenied):
        scoresheet_admin_correct(sheet=draft_sheet, actor=province.reviewer, scores={})
    with pytest.raises(ValidationError):
        scoresheet_admin_correct(sheet=draft_sheet, actor=admin_user, scores={"novelty": "99"})
    ScoreSheet.objects.filter(pk=draft_sheet.pk).update(submitted_at=timezone.now())
    with pytest.raises(Conflict):
        scoresheet_admin_correct(sheet=draft_sheet, actor=admin_user, scores={"novelty": "1"})
    assert ScoreSheet.objects.get(pk=draft_sheet.pk).scores == {"novelty": "10"}


def test_the_score_sheet_admin_discards_a_draft_through_the_service(
    admin_client, draft_sheet, monkeypatch
):
    from workflow import council_admin as workflow_admin

    calls = []

    def spy(**kwargs):
        calls.append(kwargs["sheet"].pk)
        return scoresheet_admin_discard(**kwargs)

    monkeypatch.setattr(workflow_admin, "scoresheet_admin_discard", spy)
    response = admin_client.post(url(ScoreSheet, "delete", draft_sheet.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not ScoreSheet.objects.filter(pk=draft_sheet.pk).exists()
    assert calls == [draft_sheet.pk]


def test_the_bulk_discard_goes_through_the_service_and_spares_submitted_sheets(
    admin_client, draft_sheet
):
    data = {"action": "delete_selected", "_selected_action": [draft_sheet.pk], "post": "yes"}
    # The list showed a draft; the member submitted it before the administrator confirmed.
    ScoreSheet.objects.filter(pk=draft_sheet.pk).update(submitted_at=timezone.now())
    with nothing_changes(ScoreSheet):
        refused = admin_client.post(url(ScoreSheet, "changelist"), data)
    assert refused.status_code == 403

    ScoreSheet.objects.filter(pk=draft_sheet.pk).update(submitted_at=None)
    admin_client.post(url(ScoreSheet, "changelist"), data)
    assert not ScoreSheet.objects.filter(pk=draft_sheet.pk).exists()


def test_the_discard_service_keeps_the_members_rules(admin_user, province, draft_sheet):
    with pytest.raises(PermissionDenied):
        scoresheet_admin_discard(sheet=draft_sheet, actor=province.reviewer)
    ScoreSheet.objects.filter(pk=draft_sheet.pk).update(submitted_at=timezone.now())
    with pytest.raises(Conflict):
        scoresheet_admin_discard(sheet=draft_sheet, actor=admin_user)
    assert ScoreSheet.objects.filter(pk=draft_sheet.pk).exists()


# --- Adoption due dates ------------------------------------------------------------------------


def reschedule(admin_client, adoption, due):
    data = {"due_date": due.isoformat(), **management("reports")}
    return admin_client.post(url(Adoption, "change", adoption.pk), data)


def test_the_admin_cannot_put_a_report_due_date_in_the_past(admin_client, at_state):
    adoption = Adoption.objects.filter(initiative=at_state("rollout")).first()
    before = adoption.due_date
    response = reschedule(admin_client, adoption, timezone.localdate() - timedelta(days=1))
    assert response.status_code == 200
    assert "due_date" in response.context["adminform"].form.errors
    assert Adoption.objects.get(pk=adoption.pk).due_date == before

    later = timezone.localdate() + timedelta(days=40)
    assert reschedule(admin_client, adoption, later).status_code == 302
    assert Adoption.objects.get(pk=adoption.pk).due_date == later


def test_the_admin_cannot_reschedule_a_closed_rollout(admin_client, province, at_state):
    from workflow.services import initiative_close_rollout

    initiative = at_state("rollout")
    initiative_close_rollout(initiative=initiative, actor=province.leader)
    adoption = Adoption.objects.filter(initiative=initiative).first()
    before = adoption.due_date
    response = reschedule(admin_client, adoption, timezone.localdate() + timedelta(days=40))
    assert "due_date" in response.context["adminform"].form.errors
    assert Adoption.objects.get(pk=adoption.pk).due_date == before


def test_the_reschedule_service_keeps_its_rules(admin_user, province, at_state):
    from adoption.services import adoption_reschedule

    adoption = Adoption.objects.filter(initiative=at_state("rollout")).first()
    before = adoption.due_date
    with pytest.raises(ValidationError):
        adoption_reschedule(adoption=adoption, actor=admin_user, due_date=timezone.localdate())
    with pytest.raises(PermissionDenied):
        adoption_reschedule(
            adoption=adoption, actor=province.reviewer, due_date=before + timedelta(days=9)
        )
    assert Adoption.objects.get(pk=adoption.pk).due_date == before


# --- E-mail resends ----------------------------------------------------------------------------


def resend(admin_client, *notifications):
    return admin_client.post(
        url(Notification, "changelist"),
        {"action": "resend_failed", "_selected_action": [n.pk for n in notifications]},
    )


def test_a_resend_clicked_twice_sends_one_email(
    admin_client, province, monkeypatch, django_capture_on_commit_callbacks
):
    enqueued = []
    monkeypatch.setattr("notifications.services.enqueue_emails", enqueued.extend)
    failed = Notification.objects.create(
        recipient=province.staff, kind="submit", subject="Hồ sơ", message="Nội dung",
        email_status=Notification.EmailStatus.FAILED, attempts=5,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        resend(admin_client, failed)
        resend(admin_client, failed)  # now pending, not failed: not queued again
    assert enqueued == [failed.pk]
    for pk in [*enqueued, *enqueued]:  # even a task delivered twice sends once (the claim)
        send_notification_email.apply(args=[pk])
    assert len(mail.outbox) == 1
    assert Notification.objects.get(pk=failed.pk).email_status == Notification.EmailStatus.SENT


def test_a_resend_leaves_an_email_being_sent_alone(
    admin_client, province, monkeypatch, django_capture_on_commit_callbacks
):
    enqueued = []
    monkeypatch.setattr("notifications.services.enqueue_emails", enqueued.extend)
    sending = Notification.objects.create(
        recipient=province.staff, kind="submit", subject="a", message="a",
        email_status=Notification.EmailStatus.SENDING, attempts=1,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        resend(admin_client, sending)
    assert enqueued == []
    assert Notification.objects.get(pk=sending.pk).attempts == 1


def test_the_admin_and_the_sweeper_requeue_through_one_service(
    admin_client, province, monkeypatch, settings
):
    from notifications import admin as notifications_admin
    from notifications import outbox, services, tasks

    calls = []

    def spy(**kwargs):
        calls.append(kwargs)
        return services.emails_requeue(**kwargs)

    monkeypatch.setattr(notifications_admin, "emails_requeue", spy)
    monkeypatch.setattr(tasks, "emails_requeue", spy)
    monkeypatch.setattr(outbox, "PENDING_GRACE", timedelta(0))
    monkeypatch.setattr(services, "enqueue_emails", lambda ids: None)
    failed, pending = (
        Notification.objects.create(
            recipient=province.staff, kind="submit", subject="a", message="a", email_status=status
        )
        for status in (Notification.EmailStatus.FAILED, Notification.EmailStatus.PENDING)
    )
    resend(admin_client, failed)
    Notification.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    assert tasks.resend_pending_emails() >= 1
    assert calls[0] == {"ids": [failed.pk], "failed": True}
    assert pending.pk in calls[1]["ids"] and not calls[1].get("failed")


# --- The language switch -----------------------------------------------------------------------


def test_the_language_switch_remembers_only_offered_languages(province, client):
    client.force_login(province.staff)
    client.post("/language/", {"language": "en", "next": "/"})
    province.staff.refresh_from_db()
    assert province.staff.language == "en"
    client.post("/language/", {"language": "xx", "next": "/"})
    province.staff.refresh_from_db()
    assert province.staff.language == "en"


def test_the_language_switch_of_a_visitor_stores_nothing(client):
    response = client.post("/language/", {"language": "en", "next": "/"})
    assert response.status_code == 302


def test_user_set_language_stores_an_offered_language_only(province):
    from django.contrib.auth.models import AnonymousUser

    from agencies.services import user_set_language

    assert user_set_language(user=province.staff, language="en") is True
    assert user_set_language(user=province.staff, language="fr") is False
    assert user_set_language(user=AnonymousUser(), language="en") is False
    province.staff.refresh_from_db()
    assert province.staff.language == "en"
