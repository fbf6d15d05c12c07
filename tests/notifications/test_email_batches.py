"""A fan-out's e-mails in batches (issue 14: 1,000 e-mails within 10 s on one worker): a task
per EMAIL_BATCH, one SMTP connection each, every e-mail still sent once, marked as it goes, and
one that fails retried alone with the usual backoff."""

from smtplib import SMTPDataError

import pytest
from django.core import mail

from agencies.models import User
from notifications import services, tasks
from notifications.models import Notification

Status = Notification.EmailStatus


def pending_rows(count: int) -> list[Notification]:
    users = list(User.objects.exclude(email="").order_by("pk")[:5])
    return Notification.objects.bulk_create(
        Notification(
            recipient=users[n % len(users)],
            kind="round_opened",
            subject=f"Thông báo mở đợt xét {n}",
            message="Đợt xét sáng kiến đã mở.",
            email_status=Status.PENDING,
        )
        for n in range(count)
    )


@pytest.fixture
def published(monkeypatch):
    """The tasks enqueue_emails publishes, by name, without a broker."""
    calls = []
    for task in (tasks.send_notification_email, tasks.send_notification_emails):
        monkeypatch.setattr(
            task, "apply_async",
            lambda args, _name=task.name, **options: calls.append((_name, args, options)),
        )  # fmt: skip
    return calls


def test_a_transitions_few_emails_go_a_task_each(province, published):
    ids = [row.pk for row in pending_rows(services.EMAIL_BATCH_FROM - 1)]
    services.enqueue_emails(ids)
    assert [name for name, *_ in published] == [tasks.send_notification_email.name] * len(ids)
    assert [args for _, args, _ in published] == [(pk,) for pk in ids]


def test_a_fan_out_goes_in_batches_each_row_once(province, published):
    ids = [row.pk for row in pending_rows(2 * services.EMAIL_BATCH + 7)]
    services.enqueue_emails(ids)
    assert {name for name, *_ in published} == {tasks.send_notification_emails.name}
    batches = [args[0] for _, args, _ in published]
    assert [len(batch) for batch in batches] == [services.EMAIL_BATCH] * 2 + [7]
    assert [pk for batch in batches for pk in batch] == ids


def test_a_batch_sends_each_over_one_connection_and_marks_it_sent(province, monkeypatch):
    rows = pending_rows(12)
    opened = []
    real = tasks.get_connection

    def counting_connection(*args, **kwargs):
        opened.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(tasks, "get_connection", counting_connection)
    mail.outbox.clear()
    assert tasks.send_notification_emails.run([row.pk for row in rows]) == 12
    assert len(opened) == 1
    assert sorted(m.subject for m in mail.outbox) == sorted(row.subject for row in rows)
    states = Notification.objects.filter(pk__in=[row.pk for row in rows])
    assert set(states.values_list("email_status", "attempts")) == {(Status.SENT, 1)}


def test_a_batch_leaves_alone_what_another_task_holds_or_sent(province):
    held, sent, free = pending_rows(3)
    Notification.objects.filter(pk=held.pk).update(email_status=Status.SENDING, attempts=1)
    Notification.objects.filter(pk=sent.pk).update(email_status=Status.SENT, attempts=1)
    mail.outbox.clear()
    assert tasks.send_notification_emails.run([held.pk, sent.pk, free.pk]) == 1
    assert [m.subject for m in mail.outbox] == [free.subject]
    assert Notification.objects.get(pk=held.pk).email_status == Status.SENDING
    # The same batch delivered twice sends nothing more.
    assert tasks.send_notification_emails.run([held.pk, sent.pk, free.pk]) == 0
    assert len(mail.outbox) == 1


def test_one_failure_in_a_batch_is_retried_alone_the_others_are_sent(province, monkeypatch):
    good, bad, last = pending_rows(3)
    real_build = tasks.build_email

    def build(notification):
        if notification.pk == bad.pk:
            raise SMTPDataError(451, "thử lại sau")
        return real_build(notification)

    retried = []
    monkeypatch.setattr(tasks, "build_email", build)
    monkeypatch.setattr(
        tasks.send_notification_email, "apply_async",
        lambda args, **options: retried.append((args, options["countdown"])),
    )  # fmt: skip
    mail.outbox.clear()
    assert tasks.send_notification_emails.run([good.pk, bad.pk, last.pk]) == 2
    assert sorted(m.subject for m in mail.outbox) == sorted([good.subject, last.subject])
    failed = Notification.objects.get(pk=bad.pk)
    assert (failed.email_status, failed.attempts) == (Status.PENDING, 1)
    assert "451" in failed.last_error
    assert retried == [((bad.pk,), tasks.RETRY_BASE_SECONDS * 2)]


def test_a_failure_on_the_last_attempt_fails_for_good(province, monkeypatch):
    (row,) = pending_rows(1)
    Notification.objects.filter(pk=row.pk).update(attempts=tasks.MAX_ATTEMPTS - 1)
    monkeypatch.setattr(tasks, "build_email", lambda n: (_ for _ in ()).throw(OSError("down")))
    retried = []
    monkeypatch.setattr(
        tasks.send_notification_email, "apply_async", lambda *a, **k: retried.append(a)
    )
    assert tasks.send_notification_emails.run([row.pk]) == 0
    row.refresh_from_db()
    assert row.email_status == Status.FAILED and retried == []


class _Refusing:
    """An SMTP backend whose server cannot be reached."""

    def open(self):
        raise ConnectionRefusedError("Không kết nối được máy chủ thư")

    def close(self):
        pass


def test_a_server_out_of_reach_spends_no_attempt_of_the_batch(province, monkeypatch):
    rows = pending_rows(4)
    monkeypatch.setattr(tasks, "get_connection", lambda: _Refusing())
    later = []
    monkeypatch.setattr(
        tasks.send_notification_email, "apply_async", lambda args, **k: later.append(args[0])
    )
    assert tasks.send_notification_emails.run([row.pk for row in rows]) == 0
    states = Notification.objects.filter(pk__in=[row.pk for row in rows])
    assert set(states.values_list("email_status", "attempts")) == {(Status.PENDING, 0)}
    assert sorted(later) == sorted(row.pk for row in rows)  # each by its own task, later


def test_a_connection_dropped_mid_batch_stops_it_and_gives_the_rest_back(province, monkeypatch):
    first, dropped, third, fourth = pending_rows(4)
    real_build = tasks.build_email

    def build(notification):
        if notification.pk == dropped.pk:
            raise tasks.SMTPServerDisconnected("Connection unexpectedly closed")
        return real_build(notification)

    monkeypatch.setattr(tasks, "build_email", build)
    later = []
    monkeypatch.setattr(
        tasks.send_notification_email, "apply_async", lambda args, **k: later.append(args[0])
    )
    mail.outbox.clear()
    assert tasks.send_notification_emails.run([r.pk for r in (first, dropped, third, fourth)]) == 1
    assert [m.subject for m in mail.outbox] == [first.subject]
    state = dict(
        Notification.objects.filter(pk__in=[dropped.pk, third.pk, fourth.pk]).values_list(
            "pk", "attempts"
        )
    )
    assert state == {dropped.pk: 1, third.pk: 0, fourth.pk: 0}  # only the one tried counts
    assert sorted(later) == sorted([dropped.pk, third.pk, fourth.pk])
