"""The daily digest: what waits for a user and what they chose to hear of in bulk, in one
e-mail a day, sent only when there is something."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common import clock
from config.celery import app
from initiatives.models import Initiative
from notifications.digest import digest_send, send_daily_digests
from notifications.models import Notification, SentReminder
from notifications.services import preferences_update

pytestmark = pytest.mark.django_db
Status = Notification.EmailStatus
SITE = "https://sangkien.example.vn"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def today():
    return clock.today()


@pytest.fixture
def eager():
    """Tasks enqueued on commit run at once, so immediate e-mails land in the outbox."""
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def two_waiting(at_state, today):
    """Two dossiers waiting for the reviewer; the second one's review is 3 days late."""
    on_time = at_state("department_review")
    late = at_state("department_review")
    Initiative.objects.filter(pk=late.pk).update(review_due=today - timedelta(days=3))
    mail.outbox.clear()
    return on_time, late


def run(day=None):
    return send_daily_digests(day=day.isoformat() if day else None)


def digests_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def html_of(message):
    (html, mimetype), *_rest = message.alternatives
    assert mimetype == "text/html"
    return html


def in_language(language, text, *plural):
    with translation.override(language):
        return ngettext(text, *plural) if plural else _(text)


# --- Content -------------------------------------------------------------------------------


def test_reviewer_digest_counts_lists_overdue_first_and_links(province, two_waiting, today):
    on_time, late = two_waiting
    assert run(today) == {"sent": 1, "empty": 1}  # the leader has nothing waiting

    (digest,) = mail.outbox
    assert digest.to == [province.reviewer.email]
    subject = digest.subject
    assert today.strftime("%d/%m/%Y") in subject
    assert in_language("vi", "%(n)s item", "%(n)s items", 2) % {"n": 2} in subject
    assert in_language("vi", "%(n)s overdue") % {"n": 1} in subject

    body = digest.body
    assert body.index(late.code) < body.index(on_time.code)  # overdue first
    late_line = body[body.index(late.code) :].split("\n")[1]
    assert in_language("vi", "OVERDUE") in late_line
    assert (today - timedelta(days=3)).strftime("%d/%m/%Y") in late_line
    assert on_time.review_due.strftime("%d/%m/%Y") in body
    assert on_time.title in body
    assert f"{SITE}/initiatives/{late.pk}/" in body
    assert f"{SITE}/initiatives/{on_time.pk}/" in body
    assert f"{SITE}/notifications/settings/" in body

    html = html_of(digest)
    assert html.index(late.code) < html.index(on_time.code)
    assert html.count('class="overdue"') == 1
    assert f'href="{SITE}/initiatives/{late.pk}/"' in html
    assert f'href="{SITE}/notifications/settings/"' in html


def test_english_speaker_gets_english(province, two_waiting, today):
    province.reviewer.language = "en"
    province.reviewer.save()
    run(today)
    (digest,) = mail.outbox
    assert digest.subject == (
        f"[Sáng kiến] Things to do on {today.strftime('%d/%m/%Y')}: 2 items, 1 overdue"
    )
    assert "OVERDUE" in digest.body and "Check the dossier" in digest.body
    assert '<html lang="en">' in html_of(digest)


def test_no_email_when_nothing_waits_and_nothing_was_collected(province, today):
    assert run(today) == {"empty": 2}  # the reviewer and the leader
    assert mail.outbox == []
    assert not SentReminder.objects.exists()  # an empty day claims nothing


@pytest.mark.parametrize("field, value", [("email", ""), ("is_active", False)])
def test_users_without_email_or_inactive_get_no_digest(province, two_waiting, today, field, value):
    setattr(province.reviewer, field, value)
    province.reviewer.save()
    assert run(today) == {"empty": 1}
    assert mail.outbox == []


# --- Collected notifications ---------------------------------------------------------------


def test_digest_preference_holds_the_email_for_the_next_digest(
    province, at_state, eager, django_capture_on_commit_callbacks, today
):
    preferences_update(user=province.head, channels={"dossier": "digest"})
    with django_capture_on_commit_callbacks(execute=True):
        initiative = at_state("department_review")

    held = Notification.objects.get(initiative=initiative, recipient=province.head)
    assert held.email_status == Status.DIGEST
    assert digests_to(province.head) == []  # no immediate e-mail for the head…
    assert len(digests_to(province.reviewer)) == 1  # …while the reviewer's went out at once
    mail.outbox.clear()

    assert run(today)["sent"] == 2  # the head's collection and the reviewer's work list
    (digest,) = digests_to(province.head)
    assert held.subject in digest.body
    assert f"{SITE}/initiatives/{initiative.pk}/" in digest.body
    assert held.subject in html_of(digest)
    expected = in_language(
        "vi",
        "Digest of %(date)s: %(n)s new notification",
        "Digest of %(date)s: %(n)s new notifications",
        1,
    ) % {"date": today.strftime("%d/%m/%Y"), "n": 1}
    assert digest.subject.endswith(expected)
    held.refresh_from_db()
    assert held.email_status == Status.SENT and held.sent_at is not None

    mail.outbox.clear()
    run(today + timedelta(days=1))
    assert digests_to(province.head) == []  # collected once, reported once


def test_a_digest_sent_today_leaves_later_notifications_for_tomorrow(province, at_state, today):
    preferences_update(user=province.head, channels={"dossier": "digest"})
    at_state("department_review")
    run(today)
    later = at_state("department_review")
    mail.outbox.clear()

    run(today)
    assert digests_to(province.head) == []
    note = Notification.objects.get(initiative=later, recipient=province.head)
    assert note.email_status == Status.DIGEST

    run(today + timedelta(days=1))
    (digest,) = digests_to(province.head)
    assert note.subject in digest.body


# --- Once a day, nothing lost ----------------------------------------------------------------


def test_running_twice_the_same_day_sends_once(province, two_waiting, today):
    assert run(today)["sent"] == 1
    assert run(today) == {"already-sent": 1, "empty": 1}
    assert len(mail.outbox) == 1
    assert run(today + timedelta(days=1))["sent"] == 1  # tomorrow is another digest
    assert len(mail.outbox) == 2


def test_default_day_is_today(province, two_waiting, today):
    send_daily_digests()
    assert SentReminder.objects.filter(key=f"digest:{province.reviewer.pk}:{today}").exists()


def test_a_failed_send_gives_everything_back(province, at_state, monkeypatch, today):
    preferences_update(user=province.reviewer, channels={"dossier": "digest"})
    initiative = at_state("department_review")
    note = Notification.objects.get(initiative=initiative, recipient=province.reviewer)

    def broken(self, fail_silently=False):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    assert digest_send(user=province.reviewer, day=today) == "failed"
    note.refresh_from_db()
    assert note.email_status == Status.DIGEST and "SMTP down" in note.last_error
    assert not SentReminder.objects.exists()  # the day is free to try again

    monkeypatch.undo()
    assert digest_send(user=province.reviewer, day=today) == "sent"
    note.refresh_from_db()
    assert note.email_status == Status.SENT
    assert note.subject in mail.outbox[0].body


def test_the_beat_schedule_runs_the_digest_every_morning():
    entry = settings.CELERY_BEAT_SCHEDULE["daily-digest"]
    assert entry["task"] == send_daily_digests.name
    assert entry["schedule"].hour == {7}
