"""Reads of documents, shaped for the pages and the API."""

from datetime import date

from .models import VERIFIABLE_KINDS, Document


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
