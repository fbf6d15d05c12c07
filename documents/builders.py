"""What each document states, gathered from the data the system holds, and how it is rendered.

A builder is called by services.document_issue with the Document being issued (its number,
verification code and issue time already set) and returns the rendered file and a snapshot of
what it states (`data`): the verification page shows that snapshot, never the dossier as it is
later edited. Only what may be public goes into a verifiable document's snapshot."""

from django.conf import settings
from django.utils import timezone, translation

from initiatives.models import AttachmentKind, Scope, SignerAuthority

from . import wording
from .models import Document
from .render import DOCUMENT_LANGUAGE, qr_data_uri, render_pdf
from .services import Rendered


def verify_url(code: str) -> str:
    return f"{settings.SITE_URL}/verify/{code}/"


def _local(moment):
    return timezone.localtime(moment)


def _kind_label(kind: str) -> str:
    try:
        return str(AttachmentKind(kind).label)
    except ValueError:
        return kind


def _signature(initiative) -> dict:
    """ "KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH", then the name, as the decision was signed."""
    label = (
        str(SignerAuthority(initiative.signer_authority).label)
        if initiative.signer_authority
        else ""
    )
    default = ["THỦ TRƯỞNG"] if initiative.scope == Scope.AGENCY else ["CHỦ TỊCH"]
    lines = [part.strip() for part in label.split("/") if part.strip()] or default
    return {"authority": lines, "title": "", "name": initiative.signer_name}


def author_names(initiative) -> list[str]:
    return [a.full_name for a in initiative.authors.order_by("order", "id")]


# --- Giấy biên nhận ----------------------------------------------------------------------


def receipt_context(document: Document, *, initiative, intake, log, resubmission: int) -> dict:
    received = intake.attachments
    if resubmission and len(intake.resubmissions) >= resubmission:
        received = intake.resubmissions[resubmission - 1].get("attachments", received)
    at = _local(log.created_at)
    submitter = log.actor.get_full_name() if log.actor else ""
    return {
        "title": f"Giấy biên nhận đơn {document.number}",
        "issuer": wording.checking_office(initiative),
        "number": document.number,
        "place_date": wording.place_and_date(at.date()),
        "receiver": wording.checking_office_name(initiative),
        "resubmission": resubmission,
        "initiative_title": initiative.title,
        "agency": initiative.agency.name,
        "authors": author_names(initiative),
        "submitted_by": submitter,
        "received_at": f"{at:%H} giờ {at:%M}, {wording.date_in_words(at.date())}",
        "received": [{"name": r["name"], "kind": _kind_label(r["kind"])} for r in received],
        "promised_on": intake.promised_result_on.strftime("%d/%m/%Y"),
        "promised_in_words": wording.date_in_words(intake.promised_result_on),
        "recipients": [initiative.agency.name],
        "signature": {
            "authority": ["NGƯỜI NHẬN ĐƠN"],
            "title": "(Giấy biên nhận điện tử do hệ thống cấp)",
            "name": wording.checking_office_name(initiative),
        },
    }


def receipt_builder(*, initiative, intake, log, resubmission: int = 0):
    def build(document: Document) -> Rendered:
        with translation.override(DOCUMENT_LANGUAGE):
            context = receipt_context(
                document, initiative=initiative, intake=intake, log=log, resubmission=resubmission
            )
        return Rendered(
            content=render_pdf("documents/pdf/receipt.html", context),
            format=Document.Format.PDF,
            title=f"Giấy biên nhận đơn: {initiative.title}",
            data={"title": initiative.title, "received_at": log.created_at.isoformat()},
        )

    return build


# --- Giấy chứng nhận sáng kiến -----------------------------------------------------------


def _grantor(initiative) -> tuple[dict, str]:
    """Who recognized it: the province's chairman, or (cơ sở level) the agency's head."""
    if wording.is_agency_level(initiative):
        return wording.agency_body(initiative.agency.name), wording.head_title(
            initiative.agency.name
        )
    return wording.province_committee(), f"Chủ tịch Ủy ban nhân dân tỉnh {settings.PROVINCE_NAME}"


def certificate_context(document: Document, *, initiative, author) -> dict:
    names = author_names(initiative)
    co_authors = [name for name in names if name != author.full_name]
    decided = initiative.decision_date
    issuer, decider = _grantor(initiative)
    return {
        "title": f"Giấy chứng nhận sáng kiến {document.number}",
        "issuer": issuer,
        "number": document.number,
        # Issued with the decision: dated as the decision is.
        "place_date": wording.place_and_date(decided or timezone.localdate(document.issued_at)),
        "grantor": wording.upper(decider),
        "author_name": author.full_name,
        "author_position": author.position,
        "author_workplace": author.workplace,
        "co_authors": co_authors,
        "initiative_title": initiative.title,
        "agency": initiative.agency.name,
        "scope": str(Scope(initiative.scope).label).lower() if initiative.scope else "",
        "decision_number": initiative.decision_number,
        "decision_date": decided.strftime("%d/%m/%Y") if decided else "",
        "decider": decider,
        "verification_code": document.verification_code,
        "verify_url": verify_url(document.verification_code),
        "qr": qr_data_uri(verify_url(document.verification_code)),
        "signature": _signature(initiative),
    }


def certificate_builder(*, initiative, author):
    def build(document: Document) -> Rendered:
        with translation.override(DOCUMENT_LANGUAGE):
            context = certificate_context(document, initiative=initiative, author=author)
        decided = initiative.decision_date
        return Rendered(
            content=render_pdf("documents/pdf/certificate.html", context),
            format=Document.Format.PDF,
            title=f"Giấy chứng nhận sáng kiến: {initiative.title} — {author.full_name}",
            data={
                "title": initiative.title,
                "holder": author.full_name,
                "authors": author_names(initiative),
                "scope": initiative.scope,
                "decision": {
                    "number": initiative.decision_number,
                    "date": decided.isoformat() if decided else None,
                },
            },
        )

    return build
