"""What the appeal's periods read (DESIGN.md §5 v2; Luật Khiếu nại 2011): the decision an appeal
contests and the last day it may be filed. Shared by the appeal service, its web screen and
the dossier page."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common import clock

from .deadlines import due_date
from .models import DeadlineRule, TransitionLog

# resolve_appeal's outcomes (initiatives.models.APPEAL_UPHELD / APPEAL_GRANTED).
APPEAL_OUTCOMES = [
    ("upheld", _("Upheld: the decision stands and becomes final")),
    ("granted", _("Granted: the dossier is examined again")),
]

# The decisions an appeal contests: the log entries that put a dossier in refused/rejected.
CONTESTED = ("reject", "expire", "decline")


def contested_decision(initiative) -> TransitionLog | None:
    """The refusal or non-recognition that made the dossier's current outcome."""
    return (
        TransitionLog.objects.filter(initiative=initiative, transition__in=CONTESTED)
        .order_by("-created_at", "-id")
        .first()
    )


def appeal_last_day(initiative) -> date | None:
    """The last day the agency may appeal the current outcome: the period counts from the
    decision (Điều 9: from receipt of the decision); None without a contested decision."""
    log = contested_decision(initiative)
    if log is None:
        return None
    return due_date(DeadlineRule.Stage.APPEAL, timezone.localdate(log.created_at))


def appeal_open(initiative) -> bool:
    """Whether the current outcome may still be appealed: not made final by an upheld appeal,
    and its period not over."""
    if initiative.appeal_final:
        return False
    last_day = appeal_last_day(initiative)
    return bool(last_day) and clock.today() <= last_day
