"""An unanswered revision request expires when the periodic task runs."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from initiatives.models import Initiative
from workflow.models import TransitionLog
from workflow.tasks import expire_overdue_revisions

pytestmark = pytest.mark.django_db


def overdue(initiative, days=1):
    Initiative.objects.filter(pk=initiative.pk).update(
        revision_due=timezone.localdate() - timedelta(days=days)
    )


def test_overdue_revision_is_refused_by_the_periodic_task(at_state):
    late = at_state("revision_requested")
    on_time = at_state("revision_requested")
    overdue(late)

    assert expire_overdue_revisions() == 1

    late.refresh_from_db()
    on_time.refresh_from_db()
    assert late.status == "refused"
    assert on_time.status == "revision_requested"
    log = TransitionLog.objects.get(initiative=late, transition="expire")
    assert log.actor is None and log.role == "system"
    assert log.source == "revision_requested" and log.comment


def test_expire_runs_again_without_effect(at_state):
    late = at_state("revision_requested")
    overdue(late)
    expire_overdue_revisions()
    assert expire_overdue_revisions() == 0
    assert TransitionLog.objects.filter(initiative=late, transition="expire").count() == 1


def test_a_reply_on_the_last_day_is_not_expired(at_state):
    initiative = at_state("revision_requested")
    overdue(initiative, days=0)
    assert expire_overdue_revisions() == 0
    initiative.refresh_from_db()
    assert initiative.status == "revision_requested"


def test_expire_is_in_the_beat_schedule():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "workflow.tasks.expire_overdue_revisions" in tasks


def test_nobody_can_expire_by_hand(at_state, province, api):
    initiative = at_state("revision_requested")
    overdue(initiative)
    detail = api(province.reviewer).get(f"/api/v1/initiatives/{initiative.pk}/").data
    assert "expire" not in [t["name"] for t in detail["available_transitions"]]


def test_one_failing_dossier_does_not_stop_the_others(at_state, monkeypatch):
    from django.core.exceptions import ValidationError

    import workflow.tasks as tasks

    first, second = at_state("revision_requested"), at_state("revision_requested")
    overdue(first)
    overdue(second)
    real = tasks.initiative_expire

    def flaky(*, initiative):
        if initiative == first.pk:
            raise ValidationError({"revision_due": ["changed meanwhile"]})
        return real(initiative=initiative)

    monkeypatch.setattr(tasks, "initiative_expire", flaky)
    assert expire_overdue_revisions() == 1
    second.refresh_from_db()
    assert second.status == "refused"
