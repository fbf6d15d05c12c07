"""Celery tasks of the documents app: they take ids and are idempotent (issuing.py)."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from . import issuing

# A lost task is caught up by the sweeper for this long after its act.
SWEEP_WINDOW = timedelta(days=7)
# An act younger than this may still have its task in the queue: left to it.
SWEEP_GRACE = timedelta(minutes=5)


@shared_task(bind=True, max_retries=3, acks_late=True)
def issue_act_documents(self, log_id: int) -> int:
    """Issue the documents of one act; running it again issues nothing new."""
    try:
        return len(issuing.issue_for_act(log_id))
    except Exception as exc:
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc


@shared_task
def issue_missing_documents() -> int:
    """Sweeper: enqueue again the acts whose documents were never issued."""
    now = timezone.now()
    missing = issuing.issue_missing(now - SWEEP_WINDOW, now - SWEEP_GRACE)
    for pk in missing:
        issue_act_documents.delay(pk)
    return len(missing)
