"""A broker outage delays e-mail but loses none and sends none twice.

The test runs its own redis-server on a free port (the shared Redis is never stopped), points
the project's Celery app at it and stops it. Transitions made meanwhile succeed — their
outbox rows are committed and wait as `pending`. When Redis is back, the sweeper re-enqueues
them (twice, as two beat ticks would before a worker catches up), a real worker sends each
e-mail exactly once, and further sweeps and duplicated tasks send nothing more.
"""

import logging
from collections import Counter
from datetime import timedelta

import pytest
import redis
from django.core import mail
from django.utils import timezone

from agencies.models import Role
from initiatives.models import Status as DossierStatus
from notifications import outbox
from notifications.models import Notification
from notifications.tasks import resend_pending_emails, send_notification_email
from tests.conftest import make_draft, make_user, require_service
from workflow import services

from .celery_support import PrivateRedis, TaskLog, broker_at, running_worker, wait_for

pytestmark = [
    pytest.mark.redis,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]
Status = Notification.EmailStatus


@pytest.fixture
def private_redis():
    binary = PrivateRedis.binary_or_none()
    if binary is None:
        require_service("redis-server", "the outage test stops and restarts its own Redis")
    server = PrivateRedis(binary)
    server.start()
    try:
        yield server
    finally:
        server.stop()  # killed even when the test fails; a no-op when already stopped


@pytest.fixture
def task_log():
    with TaskLog().recording() as log:
        yield log


def queued(server) -> int:
    return redis.Redis(port=server.port).llen("celery")


def test_broker_outage_delays_emails_but_loses_none_and_sends_none_twice(
    private_redis, settings, monkeypatch, caplog, province, task_log
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    caplog.set_level(logging.WARNING, logger="notifications.services")
    make_user("reviewer_noemail", "Đinh Thị Hoa", (Role.REVIEWER, province.skhcn), email="")
    drafts = [make_draft(province, title=f"Một cửa điện tử, giai đoạn {n}") for n in (1, 2, 3)]
    council = province.council_body
    mail.outbox.clear()

    with broker_at(private_redis.url):
        # --- The broker goes down; the work goes on. ---------------------------------------
        private_redis.stop()
        steps = [
            *(
                lambda d=d: services.initiative_submit(initiative=d, actor=province.staff)
                for d in drafts
            ),
            lambda: services.initiative_request_revision(
                initiative=drafts[0], actor=province.reviewer, comment="Bổ sung số liệu."
            ),
            lambda: services.initiative_accept(
                initiative=drafts[1], actor=province.reviewer, council=council
            ),
        ]
        for perform in steps:
            perform()  # raises nothing: the enqueue fails quietly after the commit

        for draft in drafts:  # every transition was committed
            draft.refresh_from_db()
        assert [d.status for d in drafts] == [
            DossierStatus.REVISION_REQUESTED,
            DossierStatus.COUNCIL_REVIEW,
            DossierStatus.DEPARTMENT_REVIEW,
        ]
        rows = Notification.objects.exclude(email_status=Status.SKIPPED)
        # submit ×3 (reviewer, head) + revision (staff, head) + accept (3 council, staff, head)
        assert rows.count() == 3 * 2 + 2 + 5
        assert set(rows.values_list("email_status", flat=True)) == {Status.PENDING}
        assert Notification.objects.filter(email_status=Status.SKIPPED).count() == 3
        pending = {r.pk: (r.recipient.email, r.subject) for r in rows.select_related("recipient")}
        could_not = [r for r in caplog.records if "Could not enqueue e-mail" in r.getMessage()]
        assert len(could_not) == len(pending)  # each enqueue failed, quietly
        assert task_log.published_count(send_notification_email) == 0
        assert mail.outbox == []

        # A worker crashed mid-send long ago: its row is stuck in `sending`.
        crashed = next(iter(pending))
        Notification.objects.filter(pk=crashed).update(
            email_status=Status.SENDING,
            attempts=1,
            claimed_at=timezone.now() - outbox.CLAIM_TIMEOUT - timedelta(minutes=1),
        )

        # --- The broker is back. Two sweeps run before any worker catches up. -------------
        private_redis.start()
        assert queued(private_redis) == 0  # nothing was queued during the outage
        monkeypatch.setattr(outbox, "PENDING_GRACE", timedelta(0))
        assert resend_pending_emails() == len(pending)
        assert resend_pending_emails() == len(pending)
        assert queued(private_redis) == 2 * len(pending)  # every row enqueued twice
        assert task_log.published_count(send_notification_email) == 2 * len(pending)

        with running_worker():
            wait_for(
                lambda: len(task_log.results(send_notification_email)) == 2 * len(pending),
                "the worker to run every queued e-mail task",
            )
            results = Counter(task_log.results(send_notification_email))
            assert results == {"sent": len(pending), "already-claimed": len(pending)}
            assert len(mail.outbox) == len(pending)
            delivered = Counter((m.to[0], m.subject) for m in mail.outbox)
            assert delivered == Counter(pending.values())  # each row's e-mail, once
            assert set(rows.values_list("email_status", flat=True)) == {Status.SENT}
            attempts = dict(rows.values_list("pk", "attempts"))
            assert attempts == {pk: 2 if pk == crashed else 1 for pk in pending}

            # Later sweeps find nothing; duplicated tasks for every row send nothing.
            resend_pending_emails.delay()
            wait_for(lambda: task_log.results(resend_pending_emails), "the sweeper task")
            assert task_log.results(resend_pending_emails) == [0]
            for pk in pending:
                send_notification_email.delay(pk)
            wait_for(
                lambda: len(task_log.results(send_notification_email)) == 3 * len(pending),
                "the duplicated tasks",
            )
            assert Counter(task_log.results(send_notification_email)) == {
                "sent": len(pending),
                "already-claimed": 2 * len(pending),
            }
            assert len(mail.outbox) == len(pending)
