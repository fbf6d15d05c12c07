"""The workflow's acts issue documents (DESIGN §3: documents sits above workflow, so it listens
to workflow's signal instead of being called by it).

Rendering is slow, so the documents of an act are built by a Celery task enqueued once the
transition commits. A revocation is different: it must show at once on the verification page,
so the attesting documents are marked revoked inside the revoking transaction."""

import logging

from django.db import transaction
from django.dispatch import receiver

from workflow.signals import initiative_transitioned

from .issuing import ATTESTING_KINDS, ISSUING_ACTS
from .services import documents_revoke

logger = logging.getLogger(__name__)


@receiver(initiative_transitioned, dispatch_uid="documents.on_transition")
def on_transition(sender, *, initiative, log, extra, **kwargs):
    if log.transition == "revoke":
        documents_revoke(initiative=initiative, kinds=ATTESTING_KINDS)
    if log.transition in ISSUING_ACTS:
        log_id = log.pk
        transaction.on_commit(lambda: enqueue_act(log_id))


def enqueue_act(log_id: int) -> None:
    """Best effort: with the broker down, the sweeper (tasks.issue_missing_documents) catches up."""
    from .tasks import issue_act_documents  # tasks import issuing, which imports this app

    try:
        issue_act_documents.delay(log_id)
    except Exception:  # a broker outage must not break the request
        logger.warning("Could not enqueue the documents of act %s; the sweeper will", log_id)
