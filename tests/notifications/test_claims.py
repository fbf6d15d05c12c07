"""Outbox claims name the process that sends; a claim of a process that is provably gone is
released at once (and sent again), any other only when it expires. Runs on any database."""

import subprocess
import sys

import pytest

from notifications import claims, outbox, services, tasks
from notifications.models import Notification

Status = Notification.EmailStatus
pytestmark = pytest.mark.django_db


def holder_of_an_ended_process() -> str:
    code = "from notifications.claims import current_holder; print(current_holder())"
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def other_machine(holder: str) -> str:
    boot, rest = holder.split("/", 1)
    return f"{'0' * len(boot)}/{rest}"


@pytest.fixture
def linux():
    if not claims.current_holder():
        pytest.skip("process identities are provable on Linux only")


def test_only_a_provably_ended_process_is_gone(linux):
    alive = claims.current_holder()
    ended = holder_of_an_ended_process()
    assert not claims.is_gone(alive)
    assert claims.is_gone(ended)
    assert claims.is_gone(alive.rsplit("/", 1)[0] + "/1")  # same PID, another start: reused
    assert not claims.is_gone(other_machine(ended))  # cannot be checked from here
    assert not claims.is_gone("")


def test_claims_of_ended_processes_are_released_and_resent(
    linux, at_state, monkeypatch, django_capture_on_commit_callbacks
):
    at_state("department_review")  # the reviewer's and the head's e-mails
    dead, alive = Notification.objects.order_by("pk")
    Notification.objects.filter(pk=dead.pk).update(
        email_status=Status.SENDING, attempts=1, claimed_by=holder_of_an_ended_process()
    )
    Notification.objects.filter(pk=alive.pk).update(
        email_status=Status.SENDING, attempts=1, claimed_by=claims.current_holder()
    )
    enqueued = []
    monkeypatch.setattr(services, "enqueue_emails", enqueued.extend)

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.resend_pending_emails() == 1  # the claim is fresh: no timeout involved
    assert enqueued == [dead.pk]
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.email_status, dead.claimed_at) == (Status.PENDING, None)
    assert alive.email_status == Status.SENDING  # its sender still runs: left alone


def test_a_row_whose_sender_keeps_dying_fails_in_the_end(linux, at_state, monkeypatch):
    at_state("department_review")
    row = Notification.objects.order_by("pk").first()
    Notification.objects.filter(pk=row.pk).update(
        email_status=Status.SENDING,
        attempts=outbox.MAX_ATTEMPTS,
        claimed_by=holder_of_an_ended_process(),
    )
    monkeypatch.setattr(services, "enqueue_emails", lambda ids: None)
    assert outbox.outbox_release_abandoned() == []
    row.refresh_from_db()
    assert row.email_status == Status.FAILED
    assert "đã dừng trước khi gửi xong" in row.last_error


def test_a_notification_has_the_same_message_id_every_time(at_state, settings):
    from django.core import mail

    from notifications.emails import build_email

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    at_state("department_review")
    row = Notification.objects.order_by("pk").first()
    build_email(row).send()
    build_email(row).send()
    first, second = (m.message()["Message-ID"] for m in mail.outbox[-2:])
    assert first == second == f"<notification.{row.pk}.{int(row.created_at.timestamp())}@localhost>"
