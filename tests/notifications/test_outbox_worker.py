"""The e-mail outbox through a real Redis broker and a real Celery worker (a thread of this
process): one dossier goes submit → request_revision → resubmit → accept through the workflow
services, and after each step the exact set of e-mails the worker sent is checked — who got
one, the subject, the plain-text body, the HTML alternative and the language. A failing SMTP
server ends, after the retries, in a visible `failed` state with the error.

The tests are transactional: the worker has its own database connection and only sees rows
that were really committed; the e-mail task is enqueued on commit.
"""

import re
import smtplib
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from agencies.models import Role
from config.celery import app
from notifications import outbox
from notifications.events import event
from notifications.models import Notification
from notifications.tasks import resend_pending_emails, send_notification_email
from tests.conftest import make_user
from workflow import services

from .celery_support import TaskLog, broker_at, running_worker, wait_for

pytestmark = [
    pytest.mark.redis,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]
Status = Notification.EmailStatus
SITE_URL = "https://sangkien.thainguyen.example.vn"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
REVISION_COMMENT = "Bổ sung biên bản họp hội đồng sáng kiến cơ sở và số liệu minh chứng."


@pytest.fixture
def worker(redis_url, settings):
    settings.EMAIL_BACKEND = LOCMEM
    settings.SITE_URL = SITE_URL
    with broker_at(redis_url), running_worker():
        yield


@pytest.fixture
def task_log():
    with TaskLog().recording() as log:
        yield log


@pytest.fixture
def people(province):
    """The province, with the agency head reading English and a reviewer without e-mail."""
    province.head.language = "en"
    province.head.save(update_fields=["language"])
    province.reviewer_without_email = make_user(
        "reviewer_noemail", "Đinh Thị Hoa", (Role.REVIEWER, province.skhcn), email=""
    )
    return province


@dataclass
class Expected:
    """One e-mail the worker must have sent: to whom, and whether they must act by a date."""

    user: object
    due: date | None = None  # set for those who must act

    @property
    def acts(self) -> bool:
        return self.due is not None


def row_statuses(initiative, kind) -> dict[str, str]:
    rows = Notification.objects.filter(initiative=initiative, kind=kind)
    return dict(rows.values_list("recipient__username", "email_status"))


def check_email(message, *, kind, initiative, expected: Expected, actor, comment=""):
    """The subject, text body and HTML alternative of one e-mail, in the recipient's language.

    Expected words are computed with the recipient's language active, from the same msgids
    the application uses, so the test holds while the Vietnamese catalogue is being filled in.
    """
    user = expected.user
    language = user.language
    what = event(kind)
    link = f"{SITE_URL}/initiatives/{initiative.pk}/"
    with translation.override(language):
        headline = str(what.headline)
        action_line = gettext("Expected of you: %(action)s") % {"action": str(what.action)}
        dossier_line = gettext("Dossier: %(code)s — %(title)s") % {
            "code": initiative.code,
            "title": initiative.title,
        }

    assert message.to == [user.email]
    assert message.from_email == django_settings.DEFAULT_FROM_EMAIL
    assert message.subject == f"[{initiative.code}] {headline}"
    body = message.body
    assert user.get_full_name() in body.splitlines()[0]  # the greeting names the recipient
    assert f"{headline}." in body
    assert dossier_line in body
    assert actor.get_full_name() in body
    assert link in body
    assert f"{SITE_URL}/notifications/settings/" in body
    if comment:
        assert comment in body
    if expected.acts:
        assert action_line in body
        assert expected.due.strftime("%d/%m/%Y") in body
    else:  # only informed: nothing asked of them, no date
        assert action_line not in body
        assert not re.search(r"\b\d{2}/\d{2}/\d{4}\b", body)
    assert "%(" not in body and "{{" not in body and "{%" not in body

    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert f'<html lang="{language}">' in html
    assert escape(message.subject) in html
    assert f'href="{link}"' in html
    if expected.acts:
        assert expected.due.strftime("%d/%m/%Y") in html


def step(kind, perform, *, task_log, actor, expect, comment=""):
    """Run one transition, wait for the worker, and check exactly the e-mails it sent.

    expect(initiative) → [Expected]: the due dates are known only after the transition.
    Returns the dossier and its new e-mails by address.
    """
    before, published = len(mail.outbox), task_log.published_count(send_notification_email)
    initiative = perform()
    assert task_log.published_count(send_notification_email) > published  # on commit
    wait_for(lambda: task_log.idle(send_notification_email), f"the e-mails of {kind}")
    assert not Notification.objects.filter(
        initiative=initiative, kind=kind, email_status__in=[Status.PENDING, Status.SENDING]
    ).exists()
    sent = mail.outbox[before:]
    expected = expect(initiative)
    addresses = [m.to[0] for m in sent]
    assert sorted(addresses) == sorted(e.user.email for e in expected), kind  # each once
    assert actor.email not in addresses
    by_address = {m.to[0]: m for m in sent}
    for one in expected:
        check_email(
            by_address[one.user.email],
            kind=kind,
            initiative=initiative,
            expected=one,
            actor=actor,
            comment=comment,
        )
    return initiative, by_address


def test_each_transition_sends_exactly_the_expected_emails(worker, people, draft, task_log):
    p = people
    mail.outbox.clear()

    # Submission: the reviewers must check it by review_due; the agency is told. The actor
    # (agency staff) hears nothing; the reviewer without an address only in the inbox.
    initiative, sent = step(
        "submit",
        lambda: services.initiative_submit(initiative=draft, actor=p.staff),
        task_log=task_log,
        actor=p.staff,
        expect=lambda i: [Expected(p.reviewer, i.review_due), Expected(p.head)],
    )
    assert row_statuses(initiative, "submit") == {
        "reviewer": Status.SENT,
        "reviewer_noemail": Status.SKIPPED,
        "head_tuphap": Status.SENT,
    }
    # Vietnamese really comes from the catalogue (not the English msgid as a fallback) ...
    vietnamese = sent[p.reviewer.email]
    assert vietnamese.subject == f"[{initiative.code}] Có hồ sơ mới chờ thẩm định"
    assert "A new dossier" not in vietnamese.body
    # ... and the head, who prefers English, reads English.
    english = sent[p.head.email]
    assert english.subject == f"[{initiative.code}] A new dossier awaits review"
    assert english.body.startswith("Dear Trần Văn Hùng,")
    assert "Có hồ sơ" not in english.body

    # Revision requested: the agency's staff and head must correct it by revision_due.
    initiative, sent = step(
        "request_revision",
        lambda: services.initiative_request_revision(
            initiative=initiative, actor=p.reviewer, comment=REVISION_COMMENT
        ),
        task_log=task_log,
        actor=p.reviewer,
        comment=REVISION_COMMENT,
        expect=lambda i: [Expected(p.staff, i.revision_due), Expected(p.head, i.revision_due)],
    )
    assert "Expected of you: Correct the dossier and resubmit it" in sent[p.head.email].body
    assert f"Due by {initiative.revision_due:%d/%m/%Y}." in sent[p.head.email].body

    # Resubmission: back to the reviewers (a new review_due), the agency informed.
    initiative, _sent = step(
        "resubmit",
        lambda: services.initiative_resubmit(initiative=initiative, actor=p.staff),
        task_log=task_log,
        actor=p.staff,
        expect=lambda i: [Expected(p.reviewer, i.review_due), Expected(p.head)],
    )

    # Acceptance: each council member must score by decision_due; the agency is told; the
    # reviewer who accepted hears nothing, nor does the recused or unchosen council member.
    initiative, _sent = step(
        "accept",
        lambda: services.initiative_accept(
            initiative=initiative,
            actor=p.reviewer,
            council=p.council_body,
        ),
        task_log=task_log,
        actor=p.reviewer,
        expect=lambda i: [
            *(Expected(member, i.decision_due) for member in p.council),
            Expected(p.staff),
            Expected(p.head),
        ],
    )

    # Over the whole walk: 2 + 2 + 2 + 5 e-mails, each task sent its row once.
    assert len(mail.outbox) == 11
    rows = Notification.objects.filter(initiative=initiative)
    assert rows.filter(email_status=Status.SENT).count() == 11
    assert set(rows.filter(email_status=Status.SENT).values_list("attempts", flat=True)) == {1}
    assert not rows.filter(recipient__email="").exclude(email_status=Status.SKIPPED).exists()
    assert task_log.results(send_notification_email).count("sent") == 11
    assert "already-claimed" not in task_log.results(send_notification_email)


class DownSMTPBackend(BaseEmailBackend):
    """An SMTP server that drops every connection."""

    calls: list[str] = []

    def send_messages(self, email_messages):
        for message in email_messages:
            type(self).calls.append(message.to[0])
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed (test SMTP down)")


@pytest.fixture
def fast_retries(monkeypatch):
    """MAX_ATTEMPTS 3 and retries at once; records the backoff countdowns the task asked for."""
    monkeypatch.setattr(outbox, "MAX_ATTEMPTS", 3)
    task = app.tasks[send_notification_email.name]  # the instance the worker thread runs
    original_retry = task.retry
    asked = []

    def retry_now(*args, countdown=None, **kwargs):
        asked.append(countdown)
        return original_retry(*args, countdown=0, **kwargs)

    monkeypatch.setattr(task, "retry", retry_now)
    return asked


def test_failing_smtp_ends_failed_with_the_error_after_the_retries(
    worker, settings, monkeypatch, fast_retries, province, draft, task_log
):
    settings.EMAIL_BACKEND = f"{__name__}.DownSMTPBackend"
    DownSMTPBackend.calls.clear()
    province.head.email = ""  # only the reviewer's e-mail is due
    province.head.save(update_fields=["email"])

    services.initiative_submit(initiative=draft, actor=province.staff)
    wait_for(lambda: "failed" in task_log.results(send_notification_email), "the last attempt")
    assert task_log.idle(send_notification_email)  # no attempt after the last one
    row = Notification.objects.get(recipient=province.reviewer)
    assert row.email_status == Status.FAILED
    assert row.attempts == 3
    assert "Connection unexpectedly closed (test SMTP down)" in row.last_error
    assert row.sent_at is None
    assert DownSMTPBackend.calls == [province.reviewer.email] * 3
    assert fast_retries == [60 * 2, 60 * 4]  # exponential backoff (run at once here)
    assert task_log.results(send_notification_email)[-1] == "failed"
    assert mail.outbox == []

    # A failed row stays failed: the sweeper does not pick it up again.
    monkeypatch.setattr(outbox, "PENDING_GRACE", timedelta(0))
    assert resend_pending_emails() == 0
    row.refresh_from_db()
    assert row.email_status == Status.FAILED
