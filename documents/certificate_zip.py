"""All the certificates of a round in one zip (issue 12, "download all"): built by the exports
app's job (documents.export_builders registers it), never in a request.

The zip holds one PDF per certificate in force of the round's dossiers (a superseded version
or a revoked certificate is left out), named by its number and its holder ("001-GCN-SKKN-
nguyen-van-a.pdf"), and the round's recognition decision(s) in force. Certificates still being
issued when the job runs are not waited for: the zip holds those issued so far, and the round
page says how many are still coming. Each file is copied in chunks from storage into the zip,
so memory stays bounded however many authors the round has."""

import shutil
import zipfile

from django.db.models import Func, Q, Subquery, Value
from django.utils.text import slugify

from common.text import fold
from initiatives.choices import PUBLIC_STATES
from initiatives.models import Author
from workflow.models import Round
from workflow.rounds import may_see_round_page, round_detail

from .models import Document, DocumentKind

CHUNK = 64 * 1024
ISSUED = Document.Status.ISSUED


def _round_id(query: dict) -> int | None:
    try:
        return int(query.get("round") or "")
    except ValueError:
        return None


def query_round(query: dict):
    """The round a job's query names, or None (no such round)."""
    pk = _round_id(query)
    return round_detail(pk) if pk else None


def may_download_round(user, query: dict) -> bool:
    """Those who see the round page (the standing office, the leaders), for a round that exists."""
    return may_see_round_page(user) and query_round(query) is not None


def describe(query: dict) -> str:
    item = query_round(query)
    return str(item) if item else ""


def in_force_certificates(round_id: int):
    """The round's certificates in force, in number order."""
    return Document.objects.filter(
        kind=DocumentKind.CERTIFICATE,
        status=ISSUED,
        initiative__intake_round_entry__round_id=round_id,
    ).order_by("year", "sequence", "pk")


def in_force_decisions(round_id: int):
    """The round's recognition decisions in force, as PDFs (one for a round decided in a batch)."""
    return Document.objects.filter(
        kind=DocumentKind.RECOGNITION_DECISION,
        status=ISSUED,
        format=Document.Format.PDF,
        round_id=round_id,
    ).order_by("issued_at", "pk")


def _counted(queryset):
    """`SELECT COUNT(*)` of the queryset as a scalar subquery."""
    return Subquery(
        queryset.order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(n=Func("one", function="COUNT"))
        .values("n")
    )


def round_certificate_counts(round_id: int) -> dict:
    """One query: the certificates in force, and how many of the recognized dossiers' authors
    are still waiting for theirs (the task issuing them is running or queued).

    Three counts, each over its own table (certificates, authors), not one aggregate over the
    round's dossiers joined to both: that join multiplied each dossier's documents by its
    authors and read the whole round (0.1-0.15 s for a round of 43,000 dossiers)."""
    in_round = Q(initiative__intake_round_entry__round_id=round_id)
    recognized = Q(initiative__status__in=PUBLIC_STATES)
    certificates = Document.objects.filter(in_round, kind=DocumentKind.CERTIFICATE)
    counts = (
        Round.objects.filter(pk=round_id)
        .annotate(
            in_force=_counted(certificates.filter(status=ISSUED)),
            issued=_counted(certificates.filter(recognized, version=1)),
            authors=_counted(Author.objects.filter(in_round, recognized)),
        )
        .values("in_force", "issued", "authors")
        .first()
    ) or {"in_force": 0, "issued": 0, "authors": 0}
    return {
        "certificates": counts["in_force"],
        "pending": max(0, counts["authors"] - counts["issued"]),
    }


def _slug(text: str) -> str:
    return slugify(fold(text)) or "x"


def _number(document: Document) -> str:
    kept = "".join(ch if ch.isalnum() else "-" for ch in fold(document.number).upper())
    return "-".join(part for part in kept.split("-") if part) or str(document.pk)


def member_name(document: Document) -> str:
    """ "001-GCN-SKKN-nguyen-van-a.pdf", "quyet-dinh-321-QD-UBND.pdf": readable in a file list."""
    if document.kind == DocumentKind.CERTIFICATE:
        holder = (document.data or {}).get("holder", "")
        return f"{_number(document)}-{_slug(holder)}.{document.format}"
    return f"quyet-dinh-{_number(document)}.{document.format}"


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, extension = name.rpartition(".")
    candidate, index = name, 1
    while candidate in taken:
        index += 1
        candidate = f"{stem}-{index}{dot}{extension}"
    taken.add(candidate)
    return candidate


def write_round_zip(user, query: dict, progress_for, out) -> None:
    """The zip of a round's certificates in force (and its decision) into the binary `out`."""
    item = query_round(query)
    if item is None:
        raise ValueError("No such round")
    documents = list(in_force_decisions(item.pk)) + list(in_force_certificates(item.pk))
    progress = progress_for(len(documents), every=max(1, len(documents) // 50))
    taken: set[str] = set()
    # PDFs are compressed already: stored as they are, the zip is built fast.
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for document in documents:
            name = _unique(member_name(document), taken)
            with document.file.open("rb") as source, archive.open(name, "w") as target:
                shutil.copyfileobj(source, target, CHUNK)
            progress.tick()
