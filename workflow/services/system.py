"""Transitions nobody takes by hand: the scheduler expires unanswered revision requests."""

from django.db import transaction
from django.utils.translation import gettext as _

from common import clock
from initiatives.models import Initiative

from . import pipeline


@transaction.atomic
def initiative_expire(*, initiative) -> Initiative:
    def check(obj):
        if obj.revision_due is None or obj.revision_due >= clock.today():
            return {"revision_due": [_("The reply deadline has not passed yet.")]}
        return {}

    return pipeline.perform(
        "expire",
        initiative=initiative,
        actor=None,
        check=check,
        comment=_("No reply to the revision request by the deadline."),
    )
