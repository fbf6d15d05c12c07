"""The bench's issued documents (issue 14 measures the pages that list and verify them): a
receipt for each dossier the Department received and a certificate for each author of a
recognized one, numbered in their books year by year, the certificates with a verification
code and what they state. Every row points at one stub PDF: the pages read rows, never the
files (`make bench-documents` times the rendering)."""

import hashlib
import secrets
from datetime import datetime, time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from . import shape

STUB = b"%PDF-1.4\n% bench stub: the pages read the rows, not this file\n%%EOF\n"


def documents() -> dict:
    """Insert the documents of the dossiers already built (the same for a fresh build or one
    built before documents existed). Returns how many of each kind."""
    from documents.models import Document, DocumentKind, NumberSequence
    from documents.numbering import format_number
    from initiatives.models import Author
    from workflow.models import IntakeEntry

    path = default_storage.save("documents/bench/stub.pdf", ContentFile(STUB))
    digest = hashlib.sha256(STUB).hexdigest()
    # The books go on from what the demo province issued.
    counters = {
        (kind, year): last
        for kind, year, last in NumberSequence.objects.filter(series="").values_list(
            "kind", "year", "last"
        )
    }
    issued = dict(counters)
    rows: list[tuple] = []

    def append(kind, initiative_id, author_id, key, number, sequence, year, issued_at, title,
               data, code=None):  # fmt: skip
        book = (kind, "pdf", initiative_id, author_id, key, number, sequence, year, "", 1)
        rows.append((*book, "issued", title[:500], data, issued_at, path, digest, code, "", ""))

    # A receipt bears the intake book's number (documents.issuing.issue_receipt), no sequence.
    received = (
        IntakeEntry.objects.exclude(initiative__documents__kind=DocumentKind.RECEIPT)
        .order_by("year", "number")
        .values_list("initiative_id", "initiative__title", "number", "year", "received_at")
    )
    for pk, title, number, year, received_at in received.iterator(chunk_size=20000):
        append(DocumentKind.RECEIPT, pk, None, f"bench:receipt:{pk}",
                format_number(DocumentKind.RECEIPT, number, year), None, year, received_at,
                f"Giấy biên nhận: {title}", {"title": title})  # fmt: skip
    receipts = len(rows)
    authors = (
        Author.objects.filter(initiative__status__in=("recognized", "rollout", "closed"))
        .exclude(initiative__decision_date__isnull=True)
        .exclude(documents__kind=DocumentKind.CERTIFICATE)
        .order_by("initiative__decision_date", "initiative_id", "order", "pk")
        .values_list("pk", "full_name", "initiative_id", "initiative__title",
                     "initiative__decision_number", "initiative__decision_date")
    )  # fmt: skip
    for pk, name, initiative_id, title, decision, day in authors.iterator(chunk_size=20000):
        sequence = counters[(DocumentKind.CERTIFICATE, day.year)] = (
            counters.get((DocumentKind.CERTIFICATE, day.year), 0) + 1
        )
        data = {"title": title, "holder": name, "authors": [name],
                "decision": {"number": decision, "date": day.isoformat()}}  # fmt: skip
        append(DocumentKind.CERTIFICATE, initiative_id, pk, f"bench:certificate:{pk}",
               format_number(DocumentKind.CERTIFICATE, sequence, day.year), sequence, day.year,
               timezone.make_aware(datetime.combine(day, time(9))), f"Giấy chứng nhận: {name}",
               data, secrets.token_urlsafe(16))  # fmt: skip
    columns = ["kind", "format", "initiative_id", "author_id", "act_key", "number", "sequence",
               "year", "series", "version", "status", "title", "data", "issued_at", "file",
               "sha256", "verification_code", "signed_scan", "signed_scan_sha256"]  # fmt: skip
    shape.insert_tuples(Document, columns, rows)
    for (kind, year), last in counters.items():
        if issued.get((kind, year)) != last:
            NumberSequence.objects.update_or_create(
                kind=kind, year=year, series="", defaults={"last": last}
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE documents_document")
    return {"receipts": receipts, "certificates": len(rows) - receipts}
