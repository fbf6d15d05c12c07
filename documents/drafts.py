"""Word drafts (DESIGN §9): what a province signs is prepared in .docx so officials can edit it
before signing. Filled from documents/docx_templates/ (scripts/make_docx_templates.py makes
them; a province may replace them). Blanks the officials fill by hand are dotted lines."""

from datetime import date

from django.conf import settings
from django.utils import translation

from initiatives.models import Scope, SignerAuthority

from . import wording
from .render import DOCUMENT_LANGUAGE, render_docx

BLANK = "......"


def _authority(signer_authority: str) -> list[str]:
    if not signer_authority:
        return ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    label = str(SignerAuthority(signer_authority).label)
    lines = [part.strip() for part in label.split("/") if part.strip()]
    return [*lines, ""][:2]


def recognition_decision_context(
    initiatives, *, number="", decision_date: date | None = None, signer_name="",
    signer_authority="", council_name="", scope=Scope.PROVINCIAL,
) -> dict:  # fmt: skip
    province = settings.PROVINCE_NAME
    first, second = _authority(signer_authority)
    items = [
        {
            "index": index,
            "title": initiative.title,
            "authors": ", ".join(a.full_name for a in initiative.authors.all()),
            "agency": initiative.agency.name,
            "code": initiative.code or "",
        }
        for index, initiative in enumerate(initiatives, start=1)
    ]
    when = decision_date
    return {
        "province_upper": wording.upper(f"tỉnh {province}"),
        "number": number or f"{BLANK}/QĐ-UBND",
        "place_date": wording.place_and_date(when) if when else
        f"{province}, ngày {BLANK} tháng {BLANK} năm {BLANK}",
        "date_words": wording.date_in_words(when) if when else f"ngày {BLANK}",
        "period": f"năm {when.year}" if when else "",
        "council_name": council_name or f"tỉnh {province}",
        "count": len(items),
        "scope": str(Scope(scope).label).lower(),
        "authority_first": first,
        "authority_second": second,
        "signer_name": signer_name or BLANK,
        "items": items,
    }  # fmt: skip


def recognition_decision_docx(initiatives, **decision) -> bytes:
    """Quyết định công nhận sáng kiến with its annexed list, one row per initiative."""
    with translation.override(DOCUMENT_LANGUAGE):
        context = recognition_decision_context(list(initiatives), **decision)
    return render_docx("recognition_decision.docx", context)
