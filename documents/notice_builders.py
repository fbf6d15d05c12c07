"""What the notices and decisions issued on the workflow's acts state (issue 12), and how they
are rendered: the revision request, the refusal of the application, the non-recognition, the
recognition decision with its annexed list, and the decision revoking a recognition.

Like builders.py, each builder returns a closure that services.document_issue calls with the
Document being issued (number and date set); the context is gathered in Vietnamese, whatever the
language of the task."""

from datetime import date

from django.conf import settings
from django.utils import timezone, translation

from workflow.deadlines import rule_for
from workflow.models import DeadlineRule
from workflow.refusal import RefusalGround, ground_labels

from . import wording
from .builders import author_names
from .models import Document
from .render import DOCUMENT_LANGUAGE, render_pdf
from .services import Rendered

DECREE_13 = (
    "Điều lệ Sáng kiến ban hành kèm theo Nghị định số 13/2012/NĐ-CP ngày 02 tháng 3 năm 2012 "
    "của Chính phủ"
)


def dmy(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def items_of(text: str) -> list[str]:
    """A reviewer's list, one item a line (bullets and numbering dropped); a single sentence
    stays one item."""
    items = [line.strip().lstrip("-•*+").strip() for line in (text or "").splitlines()]
    return [item for item in items if item]


def appeal_period() -> str:
    """ "90 ngày": the appeal period as the deadline rule says it."""
    amount, unit, day_type = rule_for(DeadlineRule.Stage.APPEAL)
    if unit == DeadlineRule.Unit.MONTHS:
        return f"{amount} tháng"
    return (
        f"{amount} ngày làm việc" if day_type == DeadlineRule.DayType.WORKING else f"{amount} ngày"
    )


def _dossier(initiative) -> dict:
    return {
        "initiative_title": initiative.title,
        "code": initiative.code or "",
        "agency": initiative.agency.name,
        "authors": author_names(initiative),
    }


def _pdf(template: str, context_of, title: str, data: dict):
    def build(document: Document) -> Rendered:
        with translation.override(DOCUMENT_LANGUAGE):
            context = context_of(document)
        return Rendered(
            content=render_pdf(template, context),
            format=Document.Format.PDF,
            title=title,
            data=data,
        )

    return build


def _department_signature(log, initiative) -> dict:
    """The checking office signs: for its director (the Department), or its head (cơ sở)."""
    if log.actor is None:  # the scheduler's act: nobody signed it by hand
        return {
            "authority": [wording.upper(wording.checking_office_name(initiative))],
            "title": "(Thông báo điện tử do hệ thống cấp)",
            "name": "",
        }
    authority = "TL. THỦ TRƯỞNG" if wording.is_agency_level(initiative) else "TL. GIÁM ĐỐC"
    return {"authority": [authority], "title": "", "name": log.actor.get_full_name()}


# --- Thông báo yêu cầu sửa đổi, bổ sung ----------------------------------------------------


def revision_notice_builder(*, initiative, log):
    due = date.fromisoformat(log.data["reply_due"]) if log.data.get("reply_due") else None
    due = due or initiative.revision_due

    def context(document: Document) -> dict:
        return {
            "title": f"Thông báo {document.number}",
            "issuer": wording.checking_office(initiative),
            "number": document.number,
            "place_date": wording.place_and_date(timezone.localdate(log.created_at)),
            "department": wording.checking_office_name(initiative),
            "legal_basis": DECREE_13,
            **_dossier(initiative),
            "items": items_of(log.comment),
            "due": dmy(due),
            "due_in_words": wording.date_in_words(due) if due else "",
            "recipients": [initiative.agency.name],
            "signature": _department_signature(log, initiative),
        }

    return _pdf(
        "documents/pdf/revision_notice.html",
        context,
        f"Thông báo yêu cầu sửa đổi, bổ sung: {initiative.title}",
        {"title": initiative.title, "reply_due": due.isoformat() if due else None},
    )


# --- Thông báo từ chối chấp nhận đơn --------------------------------------------------------


def _appeal(on: date) -> dict:
    from workflow.deadlines import due_date

    last = due_date(DeadlineRule.Stage.APPEAL, on)
    return {"appeal_period": appeal_period(), "appeal_last_day": dmy(last)}


def refusal_notice_builder(*, initiative, log):
    expired = log.transition == "expire"
    codes = [RefusalGround.INCOMPLETE_AFTER_REPLY] if expired else log.data.get("grounds", [])
    on = timezone.localdate(log.created_at)

    def context(document: Document) -> dict:
        return {
            "title": f"Thông báo {document.number}",
            "issuer": wording.checking_office(initiative),
            "number": document.number,
            "place_date": wording.place_and_date(on),
            "department": wording.checking_office_name(initiative),
            "legal_basis": DECREE_13,
            **_dossier(initiative),
            "grounds": [str(label) for label in ground_labels(codes)],
            "reasons": items_of(log.comment),
            "expired": expired,
            "revision_due": dmy(initiative.revision_due),
            **_appeal(on),
            "recipients": [initiative.agency.name],
            "signature": _department_signature(log, initiative),
        }

    return _pdf(
        "documents/pdf/refusal_notice.html",
        context,
        f"Thông báo từ chối chấp nhận đơn: {initiative.title}",
        {"title": initiative.title, "grounds": list(codes)},
    )


# --- Thông báo không công nhận sáng kiến ----------------------------------------------------


def _committee(initiative) -> tuple[dict, str, list[str]]:
    """The deciding body: as the issuer, named in a sentence, and the signature's authority."""
    if wording.is_agency_level(initiative):
        name = initiative.agency.name
        return wording.agency_body(name), name, ["THỦ TRƯỞNG"]
    province = settings.PROVINCE_NAME
    return (
        wording.province_committee(),
        f"Ủy ban nhân dân tỉnh {province}",
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    )


def non_recognition_notice_builder(*, initiative, log):
    on = timezone.localdate(log.created_at)
    issuer, body, authority = _committee(initiative)

    def context(document: Document) -> dict:
        return {
            "title": f"Thông báo {document.number}",
            "issuer": issuer,
            "number": document.number,
            "place_date": wording.place_and_date(on),
            "body": body,
            "legal_basis": DECREE_13,
            **_dossier(initiative),
            "reasons": items_of(log.comment),
            **_appeal(on),
            "recipients": [initiative.agency.name, wording.checking_office_name(initiative)],
            "signature": {
                "authority": authority,
                "title": "",
                "name": log.actor.get_full_name() if log.actor else "",
            },
        }

    return _pdf(
        "documents/pdf/non_recognition_notice.html",
        context,
        f"Thông báo không công nhận sáng kiến: {initiative.title}",
        {"title": initiative.title},
    )
