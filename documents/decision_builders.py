"""What the leader's decisions state, rendered as issued: the recognition decision with its
annexed list (one for a whole round decided in one batch) and the decision revoking a
recognition (a PDF, and a Word draft officials may edit)."""

from django.conf import settings
from django.utils import translation

from initiatives.models import Scope, SignerAuthority

from . import wording
from .builders import author_names, verify_url
from .models import Document, DocumentKind
from .notice_builders import DECREE_13, dmy, items_of
from .render import DOCUMENT_LANGUAGE, qr_data_uri, render_docx, render_pdf
from .services import Rendered


def _authority(signer_authority: str, scope: str) -> list[str]:
    if signer_authority:
        label = str(SignerAuthority(signer_authority).label)
        lines = [part.strip() for part in label.split("/") if part.strip()]
        if lines:
            return lines
    return ["THỦ TRƯỞNG"] if scope == Scope.AGENCY else ["CHỦ TỊCH"]


def _decider(scope: str, agency_name: str) -> tuple[dict, str]:
    """The issuing body and who decides, in a sentence."""
    if scope == Scope.AGENCY:
        return wording.agency_body(agency_name), wording.head_title(agency_name)
    return wording.province_committee(), (f"Chủ tịch Ủy ban nhân dân tỉnh {settings.PROVINCE_NAME}")


def _scope_label(scope: str) -> str:
    return str(Scope(scope).label).lower() if scope else ""


def _row(index: int, initiative) -> dict:
    authors = initiative.authors.order_by("order", "id")
    return {
        "index": index,
        "title": initiative.title,
        "code": initiative.code or "",
        "agency": initiative.agency.name,
        "authors": ", ".join(a.full_name for a in authors),
        "scope": _scope_label(initiative.scope),
        "benefit": wording.vnd(initiative.benefit_amount_vnd) or "—",
    }


# --- Quyết định công nhận sáng kiến + Phụ lục ----------------------------------------------


def recognition_decision_builder(*, dossiers, decision: dict):
    """`dossiers`: the initiatives the decision recognizes (one, or a round's), in annex order;
    `decision`: number, date, signer_name, signer_authority, scope, as the leader recorded."""
    first = dossiers[0]
    scope = decision["scope"] or first.scope
    issuer, decider = _decider(scope, first.agency.name)
    rows = [_row(index, i) for index, i in enumerate(dossiers, start=1)]

    def build(document: Document) -> Rendered:
        code = document.verification_code
        with translation.override(DOCUMENT_LANGUAGE):
            context = {
                "title": f"Quyết định {document.number}",
                "issuer": issuer,
                "number": document.number,
                "place_date": wording.place_and_date(decision["date"]),
                "date_words": wording.date_in_words(decision["date"]),
                "decider_upper": wording.upper(decider),
                "decider": decider,
                "legal_basis": DECREE_13,
                "count": len(rows),
                "scope": _scope_label(scope),
                "rows": rows,
                "verification_code": code,
                "verify_url": verify_url(code) if code else "",
                "qr": qr_data_uri(verify_url(code)) if code else "",
                "recipients": ["Như Điều 3", wording.checking_office_name(first)],
                # Cấp tỉnh: the council and the Department propose; cấp cơ sở: its own council.
                "proposers": "Hội đồng sáng kiến và " + settings.DOCUMENT_DEPARTMENT_BODY
                if scope != Scope.AGENCY
                else f"Hội đồng sáng kiến {first.agency.name}",
                "signature": {
                    "authority": _authority(decision["signer_authority"], scope),
                    "title": "",
                    "name": decision["signer_name"],
                },
            }
        return Rendered(
            content=render_pdf("documents/pdf/recognition_decision.html", context),
            format=Document.Format.PDF,
            title=f"Quyết định công nhận sáng kiến {document.number}",
            data={
                "title": " ; ".join(i.title for i in dossiers)[:400],
                "dossiers": [i.pk for i in dossiers],
                "authors": [name for i in dossiers for name in author_names(i)],
                "scope": scope,
                "decision": {
                    "number": document.number,
                    "date": decision["date"].isoformat(),
                },
            },
        )

    return build


# --- Quyết định hủy bỏ công nhận ------------------------------------------------------------


def revocation_context(document: Document, *, initiative, log, decided) -> dict:
    issuer, decider = _decider(initiative.scope, initiative.agency.name)
    certificates = Document.objects.filter(
        initiative=initiative, kind=DocumentKind.CERTIFICATE
    ).exclude(status=Document.Status.SUPERSEDED)
    return {
        "title": f"Quyết định {document.number}",
        "issuer": issuer,
        "number": document.number,
        "place_date": wording.place_and_date(decided),
        "decider_upper": wording.upper(decider),
        "decider": decider,
        "legal_basis": DECREE_13,
        "initiative_title": initiative.title,
        "code": initiative.code or "",
        "agency": initiative.agency.name,
        "original_number": initiative.decision_number,
        "original_date": dmy(initiative.decision_date),
        "reasons": items_of(log.comment),
        "reason_text": " ".join(items_of(log.comment)),
        "authors": [
            {
                "index": index,
                "name": a.full_name,
                "position": a.position,
                "workplace": a.workplace,
            }
            for index, a in enumerate(initiative.authors.order_by("order", "id"), start=1)
        ],
        "certificates": ", ".join(c.number for c in certificates.order_by("sequence")),
        "recipients": ["Như Điều 3", initiative.agency.name],
        "signature": {
            "authority": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
            if initiative.scope != Scope.AGENCY
            else ["THỦ TRƯỞNG"],
            "title": "",
            "name": log.actor.get_full_name() if log.actor else "",
        },
    }


def _revocation_data(initiative, log) -> dict:
    return {
        "title": initiative.title,
        "authors": author_names(initiative),
        "decision": {
            "number": log.data.get("decision_number", ""),
            "date": log.data.get("decision_date"),
        },
        "revokes": {
            "number": initiative.decision_number,
            "date": initiative.decision_date.isoformat() if initiative.decision_date else None,
        },
    }


def revocation_decision_builder(*, initiative, log, decided, draft: bool = False):
    """The PDF, or (`draft`) the Word draft from docx_templates/revocation_decision.docx."""

    def build(document: Document) -> Rendered:
        with translation.override(DOCUMENT_LANGUAGE):
            context = revocation_context(document, initiative=initiative, log=log, decided=decided)
        if draft:
            content = render_docx("revocation_decision.docx", _flat(context))
            kind = Document.Format.DOCX
        else:
            content = render_pdf("documents/pdf/revocation_decision.html", context)
            kind = Document.Format.PDF
        return Rendered(
            content=content,
            format=kind,
            title=f"Quyết định hủy bỏ công nhận sáng kiến: {initiative.title}",
            data=_revocation_data(initiative, log),
        )

    return build


def _flat(context: dict) -> dict:
    """The Word template takes plain strings: the issuing body's lines and the signature's."""
    issuer, signature = context["issuer"], context["signature"]
    authority = [*signature["authority"], ""][:2]
    return {
        **context,
        "issuer_parent": " ".join(issuer["parent"]),
        "issuer_body": " ".join(issuer["body"]),
        "authority_first": authority[0],
        "authority_second": authority[1],
        "signer_name": signature["name"] or "......",
        "certificates": context["certificates"] or "không có",
    }
