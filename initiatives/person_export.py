"""The emulation office's Excel export (kind "persons"): one row per person and recognized
initiative in a period, filterable by agency and level, sorted as official lists are — by given
name, then family and middle names, in Vietnamese order (common.text.vi_name_sort_key)."""

from django.utils.translation import gettext_lazy as _

from agencies import roles
from common.xlsx import Column, ExportBuilder, add_sheet, append_row, filter_header, new_workbook

from .choices import Scope
from .person_selectors import RecognitionFilter, recognition_rows

TITLE = _("Recognized initiatives by person")
PARAMS = ("q", "agency", "level", "from", "to")


def _year(value):
    value = str(value or "").strip()
    return int(value) if value.isdigit() and 1990 <= int(value) <= 2100 else None


def query_filter(query: dict) -> tuple[str, int | None, RecognitionFilter]:
    """The page's query string, read leniently: a value that makes no sense is no filter."""
    level = query.get("level") or ""
    agency = str(query.get("agency") or "")
    return (
        str(query.get("q") or "")[:200],
        int(agency) if agency.isdigit() else None,
        RecognitionFilter(
            _year(query.get("from")),
            _year(query.get("to")),
            level if level in Scope.values else "",
        ),
    )


def columns() -> list[Column]:
    return [
        Column(_("No."), 6),
        Column(_("Full name"), 28),
        Column(_("Date of birth"), 13),
        Column(_("Agency"), 32, wrap=True),
        Column(_("Code"), 14),
        Column(_("Initiative"), 60, wrap=True),
        Column(_("Level"), 16),
        Column(_("Year"), 8),
        Column(_("Decision number"), 18),
        Column(_("Decision date"), 13),
        Column(_("Contribution (%)"), 12),
    ]


def values(number: int, author) -> list:
    initiative, person = author.initiative, author.person
    return [
        number,
        person.full_name,
        person.birth_date,
        person.agency.name,
        initiative.code,
        initiative.title,
        initiative.get_scope_display(),
        initiative.decision_date.year if initiative.decision_date else None,
        initiative.decision_number,
        initiative.decision_date,
        author.contribution_percent,
    ]


def build(user, query: dict, progress_for):
    q, agency_id, recognized = query_filter(query)
    rows = recognition_rows(q=q, agency_id=agency_id, recognized=recognized)
    workbook = new_workbook(TITLE)
    cols = columns()
    sheet = add_sheet(workbook, TITLE, cols)
    progress = progress_for(len(rows))
    for number, author in enumerate(rows, start=1):
        append_row(sheet, cols, values(number, author))
        progress.tick()
    filter_header(sheet, len(cols), progress.done)
    return workbook


# Birth dates are in the file: reviewers (the standing office) and leaders only.
BUILDER = ExportBuilder(TITLE, PARAMS, roles.oversees_province, build)
