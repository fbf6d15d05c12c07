"""The Excel export of the dossier list (kind "initiatives"): the rows of /initiatives/ for the
same query string, in the same order — the page's own filter form and selectors decide
(initiatives.listing). The exports app finds BUILDERS here at start-up; this module imports
only its own app and common."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from common.xlsx import (
    MONEY_FORMAT,
    Column,
    ExportBuilder,
    add_sheet,
    append_row,
    filter_header,
    label,
    new_workbook,
)

from . import person_export
from .listing import dossier_rows, filter_form
from .models import Initiative

TITLE = _("Dossiers")
PARAMS = ("q", "status", "year", "field", "agency", "sort")


def initiative_rows(user, query: dict):
    data = QueryDict(mutable=True)
    data.update(query)
    return dossier_rows(user, filter_form(user, data))


def columns() -> list[Column]:
    return [
        Column(_("Code"), 14),
        Column(_("Title"), 60, wrap=True),
        Column(_("Agency"), 32, wrap=True),
        Column(_("Field"), 26),
        Column(_("Round (year)"), 12),
        Column(_("Status"), 28),
        Column(_("Deadline"), 13),
        Column(label(Initiative, "submitted_at"), 13),
        Column(label(Initiative, "decision_number"), 18),
        Column(label(Initiative, "decision_date"), 13),
        Column(_("Signer"), 30, wrap=True),
        Column(label(Initiative, "benefit_amount_vnd"), 20, MONEY_FORMAT),
        Column(_("Updated"), 13),
    ]


def values(initiative) -> list:
    return [
        initiative.code or "",
        initiative.title,
        initiative.agency.name,
        initiative.field.name,
        initiative.round,
        initiative.get_status_display(),
        initiative.current_due,
        initiative.submitted_at,
        initiative.decision_number,
        initiative.decision_date,
        initiative.signature,
        initiative.benefit_amount_vnd,
        initiative.updated_at,
    ]


def build(user, query: dict, progress_for):
    rows = initiative_rows(user, query)
    workbook = new_workbook(TITLE)
    cols = columns()
    sheet = add_sheet(workbook, TITLE, cols)
    progress = progress_for(rows.count())
    for initiative in rows.iterator(chunk_size=500):
        append_row(sheet, cols, values(initiative))
        progress.tick()
    filter_header(sheet, len(cols), progress.done)
    return workbook


BUILDERS = {
    "initiatives": ExportBuilder(TITLE, PARAMS, lambda user: True, build),
    "persons": person_export.BUILDER,
}
