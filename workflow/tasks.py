import logging

from celery import shared_task
from django.core.exceptions import ValidationError
from django.http import Http404

from common import clock
from common.exceptions import Conflict
from initiatives.models import Initiative, Status

from .round_decision import settle_closed_rounds
from .services import initiative_expire

logger = logging.getLogger(__name__)


@shared_task
def expire_overdue_revisions() -> int:
    """Refuse dossiers whose revision reply is overdue. Safe to run any number of times."""
    overdue = Initiative.objects.filter(
        status=Status.REVISION_REQUESTED, revision_due__lt=clock.today()
    ).values_list("pk", flat=True)
    expired = 0
    for pk in list(overdue):
        try:
            initiative_expire(initiative=pk)
        except (Conflict, ValidationError, Http404) as exc:
            # Answered, re-dated or removed meanwhile: the others must still expire.
            logger.info("Dossier %s not expired: %s", pk, exc)
            continue
        expired += 1
    return expired


@shared_task
def settle_rounds() -> int:
    """Mark decided the rounds that closed after their last dossier was answered."""
    return settle_closed_rounds()
