"""Excel exports of adoption (the exports app finds BUILDERS here at start-up; this module
imports only its own app, the apps below it and common):

- "adoption_matrix": agencies × initiatives in rollout, from the same query as the dashboard's
  matrix (adoption.dashboard.matrix), with targeted / applied / coverage per initiative;
- "reports": the adoption reports the user may read, optionally of one initiative or agency.
"""

from collections import Counter

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies import roles
from common.xlsx import (
    COUNT_FORMAT,
    DAYS_FORMAT,
    HEADER_FONT,
    MONEY_FORMAT,
    PERCENT_FORMAT,
    Column,
    ExportBuilder,
    add_sheet,
    append_row,
    cell,
    filter_header,
    label,
    new_workbook,
    solid_fill,
)
from initiatives.models import Initiative

from .dashboard.matrix import matrix_agencies, matrix_cells, matrix_initiatives
from .models import Adoption, AdoptionReport
from .selectors import visible_adoptions

A = Adoption.Status
sees_everything = roles.oversees_province
MATRIX_TITLE = _("Adoption matrix")
REPORTS_TITLE = _("Adoption reports")
# Matrix cells take the colours of the dashboard's status badges.
STATUS_FILLS = {
    A.ASSIGNED: solid_fill("E2E3E5"),
    A.IN_PROGRESS: solid_fill("FFF3CD"),
    A.APPLIED: solid_fill("D1E7DD"),
    A.NOT_APPLICABLE: solid_fill("F8D7DA"),
}


# --- The adoption matrix --------------------------------------------------------------------


def coverage(applied: int, targeted: int):
    return applied / targeted if targeted else None


def build_matrix(user, query: dict, progress_for):
    """Targeted = every adoption record of the initiative (mandated or voluntary); coverage =
    applied / targeted. A second sheet names the initiatives behind the header's codes."""
    if not sees_everything(user):
        raise PermissionDenied(gettext("Only reviewers and leaders can export the matrix."))
    initiatives = list(matrix_initiatives().select_related("agency"))
    agencies = list(matrix_agencies(matrix_initiatives()))
    cells = matrix_cells(matrix_initiatives())
    workbook = new_workbook(MATRIX_TITLE)
    columns = [Column(_("Agency"), 40), *(Column(i.code or "", 14) for i in initiatives)]
    sheet = add_sheet(workbook, MATRIX_TITLE, columns, freeze="B2")
    labels = {value: str(text) for value, text in A.choices}
    targeted, applied = Counter(), Counter()
    progress = progress_for(len(agencies))
    for agency in agencies:
        row = [cell(sheet, agency.name)]
        for initiative in initiatives:
            found = cells.get((initiative.pk, agency.pk))
            if found is None:
                row.append(cell(sheet, None))
                continue
            targeted[initiative.pk] += 1
            applied[initiative.pk] += found.status == A.APPLIED
            row.append(cell(sheet, labels[found.status], fill=STATUS_FILLS.get(found.status)))
        sheet.append(row)
        progress.tick()
    summary = [
        (_("Agencies targeted"), lambda i: targeted[i.pk], COUNT_FORMAT),
        (_("Applied"), lambda i: applied[i.pk], COUNT_FORMAT),
        (
            _("Coverage (applied / targeted)"),
            lambda i: coverage(applied[i.pk], targeted[i.pk]),
            PERCENT_FORMAT,
        ),
    ]
    for name, value, number_format in summary:
        sheet.append(
            [
                cell(sheet, str(name), font=HEADER_FONT),
                *(
                    cell(sheet, value(i), number_format=number_format, font=HEADER_FONT)
                    for i in initiatives
                ),
            ]
        )
    legend_sheet(workbook, initiatives, targeted, applied)
    return workbook


def legend_sheet(workbook, initiatives, targeted, applied) -> None:
    columns = [
        Column(_("Code"), 14),
        Column(_("Title"), 60, wrap=True),
        Column(label(Initiative, "agency"), 32, wrap=True),
        Column(label(Initiative, "decision_number"), 18),
        Column(label(Initiative, "decision_date"), 13),
        Column(_("Agencies targeted"), 14, COUNT_FORMAT),
        Column(_("Applied"), 14, COUNT_FORMAT),
        Column(_("Coverage (applied / targeted)"), 16, PERCENT_FORMAT),
    ]
    legend = add_sheet(workbook, _("Initiatives"), columns)
    for i in initiatives:
        append_row(
            legend,
            columns,
            [
                i.code or "",
                i.title,
                i.agency.name,
                i.decision_number,
                i.decision_date,
                targeted[i.pk],
                applied[i.pk],
                coverage(applied[i.pk], targeted[i.pk]),
            ],
        )
    filter_header(legend, len(columns), len(initiatives))


# --- The adoption reports -------------------------------------------------------------------

REPORT_PARAMS = ("initiative", "agency")


def visible_reports(user):
    """Reviewers and leaders see every report; an agency sees the reports of its own records."""
    adoptions = visible_adoptions(user)
    if not sees_everything(user):
        adoptions = adoptions.filter(agency_id__in=roles.agency_member_ids(user))
    return AdoptionReport.objects.filter(adoption__in=adoptions)


def report_rows(user, query: dict):
    reports = visible_reports(user)
    for key, lookup in (
        ("initiative", "adoption__initiative_id"),
        ("agency", "adoption__agency_id"),
    ):
        value = str(query.get(key) or "")
        if value.isdigit():
            reports = reports.filter(**{lookup: int(value)})
    return reports.select_related("adoption__initiative", "adoption__agency").order_by(
        "adoption__initiative__code", "adoption__agency__name", "created_at", "id"
    )


def may_export_reports(user) -> bool:
    return sees_everything(user) or bool(roles.agency_member_ids(user))


def report_columns() -> list[Column]:
    R = AdoptionReport
    return [
        Column(_("Code"), 14),
        Column(label(Adoption, "initiative"), 50, wrap=True),
        Column(label(Adoption, "agency"), 32, wrap=True),
        Column(label(R, "period"), 16),
        Column(label(R, "period_due"), 14),
        Column(label(R, "result_summary"), 60, wrap=True),
        Column(label(R, "processing_days_before"), 16, DAYS_FORMAT),
        Column(label(R, "processing_days_after"), 16, DAYS_FORMAT),
        Column(label(R, "dossiers_handled"), 14, COUNT_FORMAT),
        Column(label(R, "cost_saved_vnd"), 20, MONEY_FORMAT),
        Column(_("Confirmed"), 12),
        Column(label(R, "created_at"), 13),
    ]


def report_values(report, yes: str, no: str) -> list:
    adoption = report.adoption
    return [
        adoption.initiative.code or "",
        adoption.initiative.title,
        adoption.agency.name,
        report.period,
        report.period_due,
        report.result_summary,
        report.processing_days_before,
        report.processing_days_after,
        report.dossiers_handled,
        report.cost_saved_vnd,
        yes if report.confirmed_by_id else no,
        report.created_at,
    ]


def build_reports(user, query: dict, progress_for):
    if not may_export_reports(user):
        raise PermissionDenied(gettext("You may not export adoption reports."))
    rows = report_rows(user, query)
    workbook = new_workbook(REPORTS_TITLE)
    columns = report_columns()
    sheet = add_sheet(workbook, REPORTS_TITLE, columns)
    progress = progress_for(rows.count())
    yes, no = gettext("Yes"), gettext("No")
    for report in rows.iterator(chunk_size=500):
        append_row(sheet, columns, report_values(report, yes, no))
        progress.tick()
    filter_header(sheet, len(columns), progress.done)
    return workbook


BUILDERS = {
    "adoption_matrix": ExportBuilder(MATRIX_TITLE, (), sees_everything, build_matrix),
    "reports": ExportBuilder(REPORTS_TITLE, REPORT_PARAMS, may_export_reports, build_reports),
}
