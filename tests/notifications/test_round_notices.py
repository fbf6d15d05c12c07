"""Round notices: every active agency's staff and heads hear when a round opens (once) and
ROUND_CLOSING_REMIND_DAYS days before it closes (once), in-app and by e-mail."""

from datetime import date, timedelta

import pytest
from django.conf import settings

from agencies.models import Agency
from common import clock
from notifications.models import Notification, SentReminder
from notifications.reminders import send_registered_reminders
from tests.conftest import make_user, today
from workflow.rounds import round_save

pytestmark = pytest.mark.django_db
AGENCY_PEOPLE = ["head_tuphap", "staff_phoyen", "staff_songcong", "staff_tuphap"]


@pytest.fixture
def run(monkeypatch):
    def run_on(day: date) -> int:
        monkeypatch.setattr(clock, "today", lambda: day)
        return send_registered_reminders("rounds")

    return run_on


@pytest.fixture
def intake(province):
    start = today() + timedelta(days=10)
    data = {"year": start.year, "number": 1, "title": "Đợt I", "opens_on": start,
            "closes_on": start + timedelta(days=30)}  # fmt: skip
    return round_save(actor=province.reviewer, data=data)


def told(kind):
    rows = Notification.objects.filter(kind=kind).order_by("recipient__username")
    return list(rows.values_list("recipient__username", flat=True))


def test_opening_is_told_once_to_every_agency(intake, run):
    assert run(intake.opens_on - timedelta(days=1)) == 0  # planned: nothing yet
    assert [run(intake.opens_on) for _ in range(3)] == [1, 0, 0]
    assert run(intake.opens_on + timedelta(days=1)) == 0
    assert told("round_opened") == AGENCY_PEOPLE  # not reviewers, leaders or council members
    note = Notification.objects.get(kind="round_opened", recipient__username="staff_tuphap")
    assert "Đợt I" in note.message and intake.closes_on.strftime("%d/%m/%Y") in note.message
    assert note.url == "/rounds/" and note.initiative is None
    assert note.email_status in ("pending", "sent")
    assert SentReminder.objects.filter(
        key=f"round:{intake.pk}:opened:{intake.opens_on.isoformat()}"
    ).exists()


def test_a_missed_opening_tick_is_caught_up(intake, run):
    assert run(intake.opens_on + timedelta(days=3)) == 1
    assert told("round_opened") == AGENCY_PEOPLE


def test_closing_is_told_once_n_days_before(intake, run):
    days = settings.ROUND_CLOSING_REMIND_DAYS
    closes = intake.closes_on
    run(intake.opens_on)
    assert run(closes - timedelta(days=days + 1)) == 0
    assert [run(closes - timedelta(days=days)) for _ in range(3)] == [1, 0, 0]
    assert run(closes) == 0
    assert run(closes + timedelta(days=1)) == 0  # closed: nothing more
    assert told("round_closing") == AGENCY_PEOPLE


def test_the_number_of_days_is_a_setting(intake, run, settings):
    settings.ROUND_CLOSING_REMIND_DAYS = 2
    run(intake.opens_on)
    assert run(intake.closes_on - timedelta(days=3)) == 0
    assert run(intake.closes_on - timedelta(days=2)) == 1


def test_inactive_agencies_and_users_are_not_told(province, intake, run):
    Agency.objects.filter(pk=province.songcong.pk).update(is_active=False)
    gone = make_user("staff_gone", "Người Đã Nghỉ", ("agency_staff", province.stp))
    gone.is_active = False
    gone.save()
    run(intake.opens_on)
    assert told("round_opened") == ["head_tuphap", "staff_phoyen", "staff_tuphap"]


def test_a_moved_opening_date_is_told_again(province, intake, run):
    run(intake.opens_on)
    later = intake.opens_on + timedelta(days=5)
    data = {"year": intake.year, "number": 1, "title": "Đợt I", "opens_on": later,
            "closes_on": intake.closes_on}  # fmt: skip
    round_save(actor=province.reviewer, data=data, current=intake)
    assert run(later) == 1
