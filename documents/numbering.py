"""Numbers of documents per kind and year, from 1, without gaps, safe under concurrency.

The (kind, year) counter row is locked with select_for_update in the issuing transaction:
concurrent issues queue on it, and an issue that rolls back gives its number back. The same
lock serialises two attempts to issue the same act (services.document_issue), so the second
sees the first's document instead of taking a number."""

from django.conf import settings
from django.db import IntegrityError, transaction

from .models import NumberSequence

DEFAULT_FORMAT = "{seq}/{year}"


def lock_sequence(kind: str, year: int) -> NumberSequence:
    try:
        # A savepoint, so a concurrent first issue of the year that created the row first
        # leaves this transaction usable.
        with transaction.atomic():
            NumberSequence.objects.get_or_create(kind=kind, year=year)
    except IntegrityError:
        pass
    return NumberSequence.objects.select_for_update().get(kind=kind, year=year)


def take_number(sequence: NumberSequence) -> int:
    """The next number of a locked counter."""
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last


def format_number(kind: str, seq: int, year: int) -> str:
    pattern = settings.DOCUMENT_NUMBER_FORMATS.get(kind, DEFAULT_FORMAT)
    return pattern.format(seq=seq, year=year)
