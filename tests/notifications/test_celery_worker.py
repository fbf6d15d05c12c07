"""The notification outbox end to end: a transition commits, the e-mail task goes through a
real Redis broker, and a real Celery worker (a thread of this process) sends the e-mail.

The tests are transactional: the worker thread has its own database connection, so it only
sees rows that were really committed.
"""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail
from django.db import connections

from config.celery import app
from notifications.models import Notification
from notifications.tasks import send_notification_email
from workflow.services import initiative_submit

pytestmark = [
    pytest.mark.redis,
    pytest.mark.celery_worker,
    # The worker's own connection sees only committed rows (tests/conftest.py seeds the
    # reference data again after each flush).
    pytest.mark.django_db(transaction=True),
]
Status = Notification.EmailStatus
TIMEOUT = 20.0


def wait_for(predicate, what: str, timeout: float = TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}")


@pytest.fixture
def broker(redis_url):
    """The project's Celery app on the Redis broker, tasks really queued (not eager)."""
    saved_url, saved_eager = app.conf.broker_url, app.conf.task_always_eager
    _use_broker(redis_url)
    app.conf.task_always_eager = False
    app.control.purge()  # leftovers of earlier runs must not reach this worker
    yield app
    app.conf.task_always_eager = saved_eager
    _use_broker(saved_url)


def _use_broker(url):
    if app.conf.broker_url == url:
        return
    app.conf.broker_url = url
    # Connections and producers are pooled per app, made for the URL they were first used
    # with. (Not app.close(): it unregisters the app, and shared tasks imported later would
    # no longer be bound to it.)
    app._pool = None
    if "amqp" in vars(app):
        app.amqp._producer_pool = None


@pytest.fixture
def worker(broker, settings):
    """A real worker consuming from Redis in a thread; its DB connections close after each task."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    db_settings = connections["default"].settings_dict
    saved_max_age = db_settings["CONN_MAX_AGE"]
    # The worker thread opens its own connection; with persistent connections it would
    # outlive the test and keep the test database from being dropped.
    db_settings["CONN_MAX_AGE"] = 0
    try:
        with start_worker(broker, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield
    finally:
        db_settings["CONN_MAX_AGE"] = saved_max_age


@pytest.fixture
def finished_tasks():
    """(task name, return value) of every task the worker ran, in order."""
    finished = []

    def record(sender=None, retval=None, **kwargs):
        finished.append((sender.name, retval))

    task_postrun.connect(record, weak=False)
    yield finished
    task_postrun.disconnect(record)


def statuses(initiative):
    rows = Notification.objects.filter(initiative=initiative).select_related("recipient")
    return {row.recipient.username: row.email_status for row in rows}


def test_a_transition_sends_its_emails_through_the_worker(worker, province, draft):
    province.head.email = ""  # no address: in the inbox only, no e-mail
    province.head.save(update_fields=["email"])
    mail.outbox.clear()

    initiative_submit(initiative=draft, actor=province.staff)

    assert wait_for(lambda: statuses(draft).get("reviewer") == Status.SENT, "the reviewer's e-mail")
    assert statuses(draft) == {"reviewer": Status.SENT, "head_tuphap": Status.SKIPPED}
    assert [message.to for message in mail.outbox] == [[province.reviewer.email]]
    message = mail.outbox[0]
    assert draft.title in message.body
    assert Notification.objects.get(recipient=province.reviewer).attempts == 1


def test_the_same_email_task_twice_sends_one_email(worker, finished_tasks, province, draft):
    province.head.email = ""
    province.head.save(update_fields=["email"])
    mail.outbox.clear()

    initiative_submit(initiative=draft, actor=province.staff)  # enqueues the task on commit
    notification = Notification.objects.get(recipient=province.reviewer)
    send_notification_email.delay(notification.pk)  # a duplicate delivery of the same task

    def email_results():
        return [retval for name, retval in finished_tasks if name == send_notification_email.name]

    wait_for(lambda: len(email_results()) >= 2, "both e-mail tasks to run")
    assert sorted(email_results()) == ["already-claimed", "sent"]
    notification.refresh_from_db()
    assert notification.email_status == Status.SENT
    assert notification.attempts == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [province.reviewer.email]


def test_a_fan_out_goes_through_the_worker_in_batches_each_email_once(
    worker, finished_tasks, province
):
    """A round's notices to many people (more than EMAIL_BATCH_FROM): batch tasks through the
    real broker and worker, every e-mail delivered once and marked sent."""
    from notifications.services import EMAIL_BATCH_FROM, enqueue_emails
    from notifications.tasks import send_notification_emails

    rows = Notification.objects.bulk_create(
        Notification(
            recipient=province.reviewer,
            kind="round_opened",
            subject=f"Mở đợt xét {n}",
            message="Đợt xét sáng kiến đã mở.",
            email_status=Status.PENDING,
        )
        for n in range(EMAIL_BATCH_FROM + 5)
    )
    ids = [row.pk for row in rows]
    mail.outbox.clear()
    enqueue_emails(ids)

    def done():
        return Notification.objects.filter(pk__in=ids, email_status=Status.SENT).count() == len(ids)

    wait_for(done, "every e-mail of the fan-out")
    assert sorted(m.subject for m in mail.outbox) == sorted(row.subject for row in rows)
    names = [name for name, _ in finished_tasks]
    assert send_notification_emails.name in names
    assert send_notification_email.name not in names
