"""Who hears of each transition, in which words, and the inbox API."""

import pytest

from notifications.models import Notification
from tests.conftest import make_user
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


def recipients(initiative, kind):
    rows = Notification.objects.filter(initiative=initiative, kind=kind)
    return sorted(rows.values_list("recipient__username", flat=True))


def test_submission_notifies_reviewers_and_the_agency_but_not_the_actor(at_state):
    initiative = at_state("department_review")
    assert recipients(initiative, "submit") == ["head_tuphap", "reviewer"]


def test_each_step_reaches_whoever_acts_next(at_state):
    initiative = at_state("rollout")
    assert recipients(initiative, "accept") == ["council1", "council2", "council3",
                                                "head_tuphap", "staff_tuphap"]  # fmt: skip
    assert recipients(initiative, "complete_scoring") == ["head_tuphap", "leader", "staff_tuphap"]
    assert recipients(initiative, "recognize") == ["head_tuphap", "reviewer", "staff_tuphap"]
    assert recipients(initiative, "start_rollout") == [
        "head_tuphap", "staff_phoyen", "staff_tuphap"
    ]  # fmt: skip


def test_revision_request_tells_the_agency_what_and_by_when(at_state):
    initiative = at_state("revision_requested")
    note = Notification.objects.get(initiative=initiative, kind="request_revision",
                                    recipient__username="staff_tuphap")  # fmt: skip
    assert initiative.code in note.subject
    assert "biên bản" in note.message
    assert initiative.revision_due.strftime("%d/%m/%Y") in note.message
    assert note.email_status == "pending"


def test_user_without_email_is_not_queued_for_email(province, at_state):
    province.head.email = ""
    province.head.save()
    initiative = at_state("department_review")
    note = Notification.objects.get(initiative=initiative, recipient=province.head)
    assert note.email_status == "skipped"


def test_english_speaker_gets_english(province, at_state):
    province.reviewer.language = "en"
    province.reviewer.save()
    initiative = at_state("department_review")
    note = Notification.objects.get(initiative=initiative, recipient=province.reviewer)
    assert "A new dossier awaits review" in note.subject


def test_inbox_api(at_state, province, api):
    other = make_user("reviewer_b", "Đinh Văn Lộc", ("reviewer", province.skhcn))
    at_state("department_review")
    client = api(province.reviewer)
    inbox = client.get("/api/v1/notifications/", {"unread": 1}).data
    assert inbox["count"] == 1
    note_id = inbox["results"][0]["id"]
    assert inbox["results"][0]["url"].startswith("/initiatives/")

    with nothing_changes(Notification):
        assert api(other).post(f"/api/v1/notifications/{note_id}/read/").status_code == 404
    assert client.post(f"/api/v1/notifications/{note_id}/read/").data["read_at"]
    assert client.get("/api/v1/notifications/", {"unread": 1}).data["count"] == 0
    assert api(other).post("/api/v1/notifications/read-all/").data == {"marked": 1}


def test_withdrawing_an_unsubmitted_draft_does_not_bother_reviewers(at_state):
    initiative = at_state("withdrawn")
    assert recipients(initiative, "withdraw") == ["head_tuphap"]


def test_notification_links_open_the_dossier_page(at_state, province, client):
    initiative = at_state("department_review")
    note = Notification.objects.get(initiative=initiative, recipient=province.reviewer)
    client.force_login(province.reviewer)
    response = client.post(f"/notifications/{note.pk}/open/")
    assert response.status_code == 302 and response["Location"] == f"/initiatives/{initiative.pk}/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_inbox_page_lists_links_and_runs_few_queries(
    at_state, province, client, django_assert_max_num_queries
):
    for _ in range(3):
        at_state("department_review")
    client.force_login(province.reviewer)
    with django_assert_max_num_queries(12) as few:
        page = client.get("/notifications/").content.decode()
    assert page.count("notification-link") == 3
    for _ in range(10):
        at_state("department_review")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/notifications/").content.decode().count("notification-link") == 13


def test_waiting_council_members_are_counted_per_dossier(at_state, province):
    from django.utils import timezone

    from notifications.reminders import _waiting_council
    from workflow.scenarios import STEPS

    scored = at_state("council_review")
    waiting = at_state("council_review")
    STEPS["score"](scored, province.cast(), timezone.localdate())
    found = _waiting_council([waiting.pk, scored.pk])
    assert set(found[waiting.pk]) == set(province.council)
    assert scored.pk not in found
