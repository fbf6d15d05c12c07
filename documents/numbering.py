"""Numbers of documents per kind and year, from 1, without gaps, safe under concurrency.

The (kind, year) counter row is locked with select_for_update in the issuing transaction:
concurrent issues queue on it, and an issue that rolls back gives its number back. The same
lock serialises two attempts to issue the same act (services.document_issue), so the second
sees the first's document instead of taking a number."""

from django.conf import settings
from django.db import IntegrityError, transaction

from .models import NumberSequence

DEFAULT_FORMAT = "{seq}/{year}"


def lock_sequence(kind: str, year: int, series: str = "") -> NumberSequence:
    try:
        # A savepoint, so a concurrent first issue of the year that created the row first
        # leaves this transaction usable.
        with transaction.atomic():
            NumberSequence.objects.get_or_create(kind=kind, year=year, series=series)
    except IntegrityError:
        pass
    return NumberSequence.objects.select_for_update().get(kind=kind, year=year, series=series)


def take_number(sequence: NumberSequence) -> int:
    """The next number of a locked counter."""
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last


def format_number(kind: str, seq: int, year: int, series: str = "") -> str:
    """The printed number; an agency's own series (cơ sở) in its formats, with {agency}."""
    if series:
        pattern = settings.AGENCY_DOCUMENT_NUMBER_FORMATS.get(kind, "{seq}/{year}-{agency}")
    else:
        pattern = settings.DOCUMENT_NUMBER_FORMATS.get(kind, DEFAULT_FORMAT)
    return pattern.format(seq=seq, year=year, agency=series)


def series_of(about: dict) -> str:
    """Whose books number a document: an agency's for the papers of its cơ sở track (a dossier
    at that level, a council the agency set up), the province's otherwise ("")."""
    initiative, council = about.get("initiative"), about.get("council")
    if initiative is not None and initiative.level == "agency":
        return initiative.agency.code
    body = getattr(council, "body", None)
    if body is not None and not (body.kind == "provincial" and body.parent_id is None):
        return body.code
    return ""
