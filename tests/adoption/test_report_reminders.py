"""Adoption report reminders: the adopting agency hears N days before its report is due and on
the day after, once each, while the adoption is open and the initiative rolls out."""

from datetime import date, timedelta

import pytest
from django.conf import settings

from adoption.models import Adoption
from common import clock
from notifications.models import Notification, NotificationPreference, SentReminder
from notifications.reminders import send_registered_reminders
from tests.conftest import make_user
from workflow.models import DeadlineRule

pytestmark = pytest.mark.django_db
DUE, OVERDUE = "adoption_report_due", "adoption_report_overdue"


@pytest.fixture
def run(monkeypatch):
    def run_on(day: date) -> int:
        monkeypatch.setattr(clock, "today", lambda: day)
        return send_registered_reminders("adoption_reports")

    return run_on


@pytest.fixture
def rollout(province, at_state):
    """A rollout to Phổ Yên (staff and head) and Đại Từ (nobody there has an account)."""
    make_user("head_phoyen", "Lưu Văn Phúc", ("agency_head", province.phoyen))
    initiative = at_state("rollout")
    return initiative, initiative.adoptions.get(agency=province.phoyen)


def reminded(initiative, kind):
    rows = Notification.objects.filter(initiative=initiative, kind=kind)
    return sorted(rows.values_list("recipient__username", flat=True))


def test_the_adopting_agency_is_reminded_once_n_days_before(rollout, run):
    initiative, adoption = rollout
    due = adoption.due_date

    assert run(due - timedelta(days=6)) == 0
    assert [run(due - timedelta(days=5)) for _ in range(3)] == [1, 0, 0]
    assert run(due - timedelta(days=4)) == 0

    assert reminded(initiative, DUE) == ["head_phoyen", "staff_phoyen"]
    note = Notification.objects.get(
        initiative=initiative, kind=DUE, recipient__username="staff_phoyen"
    )
    assert note.url == f"/adoptions/{adoption.pk}/" and note.due_date == due
    assert SentReminder.objects.filter(
        key=f"adoption_report:{adoption.pk}:{due.isoformat()}:soon"
    ).exists()


def test_n_is_the_rollout_report_rule_s_remind_days_before(rollout, run):
    DeadlineRule.objects.filter(stage="rollout_report").update(remind_days_before=10)
    _initiative, adoption = rollout
    assert run(adoption.due_date - timedelta(days=11)) == 0
    assert run(adoption.due_date - timedelta(days=10)) == 1


def test_overdue_the_day_after_and_once(rollout, run):
    initiative, adoption = rollout
    due = adoption.due_date

    run(due)
    assert reminded(initiative, OVERDUE) == []
    assert [run(due + timedelta(days=1)) for _ in range(3)] == [1, 0, 0]
    assert run(due + timedelta(days=7)) == 0
    assert reminded(initiative, OVERDUE) == ["head_phoyen", "staff_phoyen"]


def test_an_agency_without_accounts_is_reminded_once_someone_joins(province, rollout, run):
    initiative, _adoption = rollout
    dailu = initiative.adoptions.get(agency=province.dailu)
    day = dailu.due_date - timedelta(days=5)
    run(day)
    assert not SentReminder.objects.filter(key__contains=f":{dailu.pk}:").exists()

    make_user("staff_daitu", "Hà Văn Khải", ("agency_staff", province.dailu))
    assert run(day) == 1
    assert "staff_daitu" in reminded(initiative, DUE)


def test_done_or_closed_adoptions_are_not_reminded(province, rollout, at_state, run):
    initiative, adoption = rollout
    Adoption.objects.filter(pk=adoption.pk).update(status=Adoption.Status.APPLIED)
    closed = at_state("closed")
    assert run(adoption.due_date + timedelta(days=1)) == 0
    assert reminded(initiative, OVERDUE) == reminded(closed, OVERDUE) == []


def test_in_progress_adoptions_are_reminded(rollout, run):
    _initiative, adoption = rollout
    Adoption.objects.filter(pk=adoption.pk).update(status=Adoption.Status.IN_PROGRESS)
    assert run(adoption.due_date + timedelta(days=1)) == 1


def test_a_new_due_date_gives_a_new_reminder(rollout, run):
    initiative, adoption = rollout
    first = adoption.due_date
    run(first - timedelta(days=5))
    second = first + timedelta(days=60)
    Adoption.objects.filter(pk=adoption.pk).update(due_date=second)

    assert run(second - timedelta(days=5)) == 1
    rows = Notification.objects.filter(
        initiative=initiative, kind=DUE, recipient__username="staff_phoyen"
    )
    assert sorted(rows.values_list("due_date", flat=True)) == [first, second]


def test_the_reminder_names_the_agency_and_the_date(province, rollout, run):
    province.other_staff.language = "en"
    province.other_staff.save()
    NotificationPreference.objects.create(
        user=province.other_staff, category="rollout", channel="in_app"
    )
    initiative, adoption = rollout
    run(adoption.due_date - timedelta(days=5))

    note = Notification.objects.get(initiative=initiative, kind=DUE, recipient=province.other_staff)
    text = adoption.due_date.strftime("%d/%m/%Y")
    assert note.subject == f"[{initiative.code}] An adoption report is due soon"
    assert "Adopting agency: UBND phường Phổ Yên" in note.message
    assert f"Deadline for the adoption report: {text}, in 5 days." in note.message
    assert note.action == "Report on the adoption"
    assert note.email_status == "skipped"  # in-app only for rollout events


def test_the_task_is_registered_and_scheduled():
    from config.celery import app

    app.loader.import_default_modules()
    assert "notifications.reminders.send_registered_reminders" in app.tasks
    assert "notifications.reminders.send_deadline_reminders" in app.tasks
    jobs = {(e["task"], tuple(e.get("args", ()))) for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        ("notifications.reminders.send_registered_reminders", ("adoption_reports",)),
        ("notifications.reminders.send_deadline_reminders", ()),
    } <= jobs
