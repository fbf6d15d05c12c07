"""The intake book (Sổ tiếp nhận) of the Department of S&T: what `submit` and `resubmit`
write into it, inside their transaction.

Receipt numbers run per year from 1 without gaps: the year's counter row is locked
(select_for_update) and incremented in the submission's own transaction, so two submissions
at the same moment queue on the row and a submission that fails rolls its number back.

The promised result date is the latest day the procedure allows for an answer: the
Department's review period from the day of receipt, then the decision period of NĐ 13/2012
Điều 7 (3 months from acceptance), both as the deadline rules count them.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from .deadlines import due_date
from .models import DeadlineRule, IntakeEntry, IntakeSequence


def _next_number(year: int) -> int:
    try:
        # A savepoint, so a concurrent first submission of the year that created the row
        # first leaves this transaction usable.
        with transaction.atomic():
            IntakeSequence.objects.get_or_create(year=year)
    except IntegrityError:
        pass
    sequence = IntakeSequence.objects.select_for_update().get(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last


def _received(initiative) -> list[dict]:
    return [
        {"name": a.original_name, "kind": a.kind}
        for a in initiative.attachments.order_by("uploaded_at", "id")
    ]


def promised_result_on(review_due: date, trial_ends: date | None = None) -> date:
    """The review period, then the decision's 3 months (NĐ 13 Điều 7) — counted from the end of
    a trial application instead when that comes later."""
    start = max(review_due, trial_ends) if trial_ends else review_due
    return due_date(DeadlineRule.Stage.DECISION, start)


def intake_register(*, initiative, actor, today: date) -> IntakeEntry:
    """The first submission's line of the book; a dossier has one line for life. Called once
    the submission has opened the department's review (its review_due is set)."""
    existing = IntakeEntry.objects.filter(initiative=initiative).first()
    if existing:
        return existing
    review_due = initiative.review_due  # just set by the submission (_open_department_review)
    return IntakeEntry.objects.create(
        initiative=initiative,
        year=today.year,
        number=_next_number(today.year),
        received_at=timezone.now(),
        submitted_by=actor,
        title=initiative.title,
        attachments=_received(initiative),
        review_due=review_due,
        promised_result_on=promised_result_on(review_due, initiative.first_application_ends_on),
    )


def intake_record_resubmission(*, initiative, actor) -> IntakeEntry | None:
    """A resubmission is written on the dossier's line, keeping its receipt number."""
    entry = IntakeEntry.objects.select_for_update().filter(initiative=initiative).first()
    if entry is None:  # a dossier submitted before the intake book existed
        return None
    entry.resubmissions = [
        *entry.resubmissions,
        {
            "received_at": timezone.now().isoformat(),
            "submitted_by": getattr(actor, "pk", None),
            "title": initiative.title,
            "attachments": _received(initiative),
        },
    ]
    entry.save(update_fields=["resubmissions"])
    return entry
