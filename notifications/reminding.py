"""Sending reminders once, for every kind of reminder (dossier stages in reminders.py, and the
sources apps declare through workflow.reminders): a reminder is claimed by inserting a
SentReminder key in the transaction that writes its notifications, so it fires once however
often the beat runs; the key holds the date, so a new deadline is reminded again.
"""

import logging
from collections.abc import Callable

from django.db import IntegrityError, transaction

from workflow.reminders import Reminder

from .models import SentReminder
from .services import notify

logger = logging.getLogger(__name__)


def send_once(key: str, send: Callable[[], object]) -> bool:
    """Claim key and send in one transaction: exactly one run sends (a concurrent run's insert
    of the same key fails on the unique index, or waits for ours and then fails), and a send
    that fails rolls the claim back, so the next run retries it."""
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: the duplicate key must not doom the rest
                SentReminder.objects.create(key=key)
        except IntegrityError:
            return False
        send()
        return True


def claimed(keys) -> set[str]:
    return set(SentReminder.objects.filter(key__in=list(keys)).values_list("key", flat=True))


def send_logged(key: str, send: Callable[[], object]) -> int:
    """send_once, and one reminder's failure never holds back the others: it is logged and,
    not claimed, retried by the next run. Returns 1 when this run sent it."""
    try:
        return int(send_once(key, send))
    except Exception:
        logger.exception("Reminder %s failed; the next run retries it", key)
        return 0


def send_reminders(reminders: list[Reminder]) -> int:
    """Send those not sent yet; returns how many this run sent."""
    done = claimed(r.key for r in reminders)
    sent = 0
    for reminder in reminders:
        if reminder.key in done or not reminder.recipients:
            continue  # nobody to tell yet: not claimed, so a later run tries again

        def send(reminder=reminder):
            notify(
                recipients=reminder.recipients,
                kind=reminder.kind,
                initiative=reminder.initiative,
                due=reminder.due,
                details=reminder.details,
                url=reminder.url,
            )

        sent += send_logged(reminder.key, send)
    return sent
