"""Reads of documents, shaped for the pages and the API."""

from datetime import date

from django.db.models import Q
from django.http import Http404
from django.utils.text import slugify

from initiatives.permissions import sees_confidential
from initiatives.selectors import visible_initiatives
from workflow.models import RoundDossier

from .council_docs import may_read_decision
from .council_minutes import reads_council_papers
from .models import VERIFIABLE_KINDS, Document, DocumentKind

# A council's papers on a dossier (minutes, score sheets) stay with those running the review.
COUNCIL_PAPERS = frozenset({DocumentKind.MINUTES, DocumentKind.SCORE_SHEET})


def verifiable_document(code: str) -> Document | None:
    """The certificate or decision with this verification code (None for any other code)."""
    return (
        Document.objects.select_related("initiative", "superseded_by")
        .filter(verification_code=code, kind__in=list(VERIFIABLE_KINDS))
        .first()
    )


def verification(document: Document) -> dict:
    """What anyone may learn from a verification code: whether the document is genuine and
    current, what it is, the initiative's title, the authors' names and the decision — as the
    document stated them when issued. Nothing confidential: no birth dates, no dossier
    content, no scores, no reasons."""
    data = document.data or {}
    decision = data.get("decision") or {}
    initiative = document.initiative
    revoked_by = None
    if document.status == Document.Status.REVOKED and initiative is not None:
        revoked_by = {
            "number": initiative.revocation_number,
            "date": initiative.revocation_date,
        }
    current = getattr(document, "superseded_by", None)
    return {
        "valid": document.status == Document.Status.ISSUED,
        "status": document.status,
        "status_label": document.get_status_display(),
        "kind": document.kind,
        "kind_label": document.get_kind_display(),
        "number": document.number,
        "version": document.version,
        "issued_at": document.issued_at,
        "title": data.get("title", ""),
        "holder": data.get("holder", ""),
        "authors": list(data.get("authors", [])),
        "decision": {"number": decision.get("number", ""), "date": _date(decision.get("date"))},
        "revoked_by": revoked_by,
        "superseded_by": current.number if current else None,
    }


def _date(value) -> date | None:
    return date.fromisoformat(value) if value else None


def may_read(document: Document, user) -> bool:
    """Given that the user sees the dossier: certificates and decisions are for everyone who does;
    the rest (a receipt lists every attachment, confidential ones included; notices give
    reasons) stays inside the dossier's review."""
    if document.kind in VERIFIABLE_KINDS:
        return True
    if document.kind in COUNCIL_PAPERS:
        return reads_council_papers(document, user)
    return document.initiative is not None and sees_confidential(document.initiative, user)


def initiative_documents(initiative, user) -> list[Document]:
    """The documents of a dossier the user sees, oldest first, each version listed; a constant
    number of queries."""
    # The round's decision through a subquery on the dossier's round, not a join: joined, the
    # OR needed DISTINCT and read every document (0.16 s at 1,000,000 dossiers); so each side
    # reads its own index.
    its_round = RoundDossier.objects.filter(initiative=initiative).values("round_id")
    found = (
        Document.objects.filter(
            Q(initiative=initiative)
            | Q(
                kind=DocumentKind.RECOGNITION_DECISION,
                initiative__isnull=True,
                round_id__in=its_round,
            )
        )
        .select_related("author", "superseded_by")
        .order_by("issued_at", "pk")
    )
    documents = [d for d in found if d.initiative_id or _lists(d, initiative)]
    if all(d.kind in VERIFIABLE_KINDS for d in documents):
        return documents
    inside = sees_confidential(initiative, user)

    def readable(document):
        if document.kind in COUNCIL_PAPERS:
            return reads_council_papers(document, user)
        return inside or document.kind in VERIFIABLE_KINDS

    return [d for d in documents if readable(d)]


def dossier_page_documents(ctx) -> list[Document]:
    """The dossier page's documents, read once per page however many places show them (the
    documents section, the timeline's entries)."""
    initiative, user = ctx["initiative"], ctx["request"].user
    cache = initiative.__dict__.setdefault("_documents_by_user", {})
    if user.pk not in cache:
        cache[user.pk] = initiative_documents(initiative, user)
    return cache[user.pk]


def documents_of_entry(documents: list[Document], log) -> list[Document]:
    """The documents the act of a timeline entry issued, every version (a correction is issued
    for the same act): a round's recognition decision goes with each dossier's recognize entry
    that carries its number."""
    decision_number = (
        (log.data or {}).get("decision_number") if log.transition == "recognize" else None
    )
    return [
        d
        for d in documents
        if d.log_id == log.pk
        or (
            decision_number
            and d.kind == DocumentKind.RECOGNITION_DECISION
            and d.initiative_id is None
            and d.number == decision_number
        )
    ]


def timeline_entry_documents(ctx) -> dict | None:
    found = documents_of_entry(dossier_page_documents(ctx), ctx["entry"]["log"])
    return {"entry_documents": found} if found else None


def _lists(document: Document, initiative) -> bool:
    """A round decided in one batch has one recognition decision, about no single dossier: it
    goes with each dossier it recognized (data["dossiers"])."""
    return initiative.pk in (document.data or {}).get("dossiers", [])


def _sees_round_decision(document: Document, user) -> bool:
    dossiers = (document.data or {}).get("dossiers", [])
    return visible_initiatives(user).filter(pk__in=dossiers).exists()


def visible_document(user, pk) -> Document:
    """A document of a dossier the user may see and read (404 otherwise, never 403); a round's
    recognition decision, to whoever sees one of the dossiers it recognized."""
    document = (
        Document.objects.filter(
            Q(initiative__in=visible_initiatives(user))
            | Q(initiative__isnull=True, kind=DocumentKind.RECOGNITION_DECISION)
        )
        .select_related("initiative")
        .filter(pk=pk)
        .first()
    )
    if document is not None and document.initiative_id is None:
        if not _sees_round_decision(document, user):
            raise Http404
        return document
    if document is None or not may_read(document, user):
        raise Http404
    return document


def signed_document(user, pk) -> Document:
    """A document whose signed scan the user may read (and, if allowed, upload): one of a
    dossier they see (visible_document), or a council's decision to those who read it on the
    councils page (404 otherwise)."""
    council_decision = (
        Document.objects.filter(
            pk=pk, kind=DocumentKind.COUNCIL_DECISION, council__isnull=False, initiative=None
        )
        .select_related("council")
        .first()
    )
    if council_decision is None:
        return visible_document(user, pk)
    if not may_read_decision(user, council_decision.council):
        raise Http404
    return council_decision


def download_name(document: Document) -> str:
    """ "certificate-001-GCN-SKKN-v1.pdf": what the document is, readable in a file list."""
    number = slugify(document.number.replace("/", "-")) or str(document.pk)
    return f"{document.kind}-{number}-v{document.version}.{document.format}"
