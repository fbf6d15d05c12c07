"""Excel exports (openpyxl): the dossier list with the filters of /initiatives/, the adoption
matrix (agencies × initiatives in rollout) and the adoption reports.

An export is an ExportJob row built by the Celery task build_export: the job page polls its
progress and offers the file once it is done. Workbooks hold real values — dates are Excel
dates shown dd/mm/yyyy, money is a number shown #,##0 — under a bold, frozen, filtered header
row of Vietnamese column names (English msgids, translated in the job's language).
"""

import io
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from celery import shared_task
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from agencies import roles
from agencies.models import Agency
from common.text import fold
from initiatives.models import Initiative, Status

from .models import Adoption, AdoptionReport, ExportJob
from .selectors import visible_adoptions

logger = logging.getLogger(__name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROGRESS_EVERY = 200  # rows between two progress updates of a running job
DATE_FORMAT = "dd/mm/yyyy"
MONEY_FORMAT = "#,##0"
COUNT_FORMAT = "#,##0"
DAYS_FORMAT = "#,##0.0"
PERCENT_FORMAT = "0%"
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
WRAP = Alignment(wrap_text=True, vertical="top")
# Matrix cells take the colours of the dashboard's status badges.
STATUS_FILLS = {
    Adoption.Status.ASSIGNED: PatternFill("solid", fgColor="E2E3E5"),
    Adoption.Status.IN_PROGRESS: PatternFill("solid", fgColor="FFF3CD"),
    Adoption.Status.APPLIED: PatternFill("solid", fgColor="D1E7DD"),
    Adoption.Status.NOT_APPLICABLE: PatternFill("solid", fgColor="F8D7DA"),
}


def label(model, field_name: str):
    """A column header from a model field's verbose name (already in the catalogue)."""
    return capfirst(model._meta.get_field(field_name).verbose_name)


def local_date(value) -> date | None:
    """Excel has no time zones: a moment becomes its calendar day in the site's zone."""
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


# --- Writing a sheet ------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: object  # a lazy translation
    width: float
    format: str = ""  # an Excel number format; "" for text
    wrap: bool = False


class Progress:
    """Counts written rows and stores the percentage on the job every PROGRESS_EVERY rows."""

    def __init__(self, job_id: int, total: int):
        self.job_id, self.total, self.done = job_id, max(total, 1), 0

    def tick(self) -> None:
        self.done += 1
        if self.done % PROGRESS_EVERY == 0:
            # 100 only once the file is stored (build_export).
            set_progress(self.job_id, min(99, self.done * 100 // self.total))


def set_progress(job_id: int, percent: int) -> None:
    ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.RUNNING).update(progress=percent)


def sheet_title(title) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet's name."""
    cleaned = "".join(ch for ch in str(title) if ch not in "[]:*?/\\")
    return cleaned[:31] or "Sheet"


def cell(sheet, value, *, number_format="", fill=None, font=None, wrap=False):
    if isinstance(value, datetime):
        value = local_date(value)
    if value == "":
        value = None
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_TEXT]
    result = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # Text typed by users stays text: "=HYPERLINK(…)" in a title must not become a formula.
        result.data_type = "s"
    if isinstance(value, date):
        result.number_format = DATE_FORMAT
    elif number_format and value is not None:
        result.number_format = number_format
    if fill is not None:
        result.fill = fill
    if font is not None:
        result.font = font
    if wrap:
        result.alignment = WRAP
    return result


def add_sheet(workbook, title, columns: list[Column], *, freeze: str = "A2"):
    """A sheet with its bold, frozen, filterable header row and its column widths."""
    sheet = workbook.create_sheet(sheet_title(title))
    sheet.freeze_panes = freeze
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.append([cell(sheet, str(c.header), font=HEADER_FONT, fill=HEADER_FILL) for c in columns])
    return sheet


def append_row(sheet, columns: list[Column], values: Iterable) -> None:
    sheet.append(
        [
            cell(sheet, value, number_format=column.format, wrap=column.wrap)
            for column, value in zip(columns, values, strict=True)
        ]
    )


def filter_header(sheet, columns: int, rows: int) -> None:
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(columns, 1))}{max(rows, 1) + 1}"


def new_workbook(title) -> Workbook:
    # Write-only: rows stream to the file, so 100,000 adoption records fit in little memory.
    workbook = Workbook(write_only=True)
    workbook.properties.title = str(title)
    workbook.properties.creator = "Sáng kiến"
    return workbook


# --- (a) The dossier list -------------------------------------------------------------------

INITIATIVE_PARAMS = ("q", "status", "year", "field", "agency", "sort")


def initiative_rows(user, query: dict):
    """The dossiers of /initiatives/ for the same query string, in the same order.

    The page's own filter form and selectors decide, so the file cannot drift from the page.
    """
    # Imported here: the list view pulls in the web layer, which a worker needs only now.
    from initiatives.forms import InitiativeFilterForm
    from initiatives.selectors import initiative_list, rounds_of, sorted_by, visible_initiatives
    from initiatives.views import SORT_CHOICES

    data = QueryDict(mutable=True)
    data.update(query)
    form = InitiativeFilterForm(
        data or None,
        years=rounds_of(visible_initiatives(user)),
        sorts=SORT_CHOICES,
        with_agency=user.is_superuser or roles.is_reviewer(user) or roles.is_leader(user),
    )
    return sorted_by(initiative_list(user, **form.filters()), form.sort_key())


def initiative_columns() -> list[Column]:
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
        Column(label(Initiative, "benefit_amount_vnd"), 20, MONEY_FORMAT),
        Column(_("Updated"), 13),
    ]


def build_initiatives(job: ExportJob, progress_for) -> Workbook:
    rows = initiative_rows(job.user, job.params.get("query", {}))
    title = EXPORTS["initiatives"].title
    workbook = new_workbook(title)
    columns = initiative_columns()
    sheet = add_sheet(workbook, title, columns)
    progress = progress_for(rows.count())
    for initiative in rows.iterator(chunk_size=500):
        append_row(
            sheet,
            columns,
            [
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
                initiative.benefit_amount_vnd,
                initiative.updated_at,
            ],
        )
        progress.tick()
    filter_header(sheet, len(columns), progress.done)
    return workbook


# --- (b) The adoption matrix ----------------------------------------------------------------


sees_everything = roles.oversees_province


def matrix_data():
    """Initiatives in rollout (columns, by code), agencies with a record for any of them
    (rows, by name) and each record's status. Targeted = every adoption record of the
    initiative (mandated or voluntary); coverage = applied / targeted."""
    initiatives = list(
        Initiative.objects.filter(status=Status.ROLLOUT)
        .select_related("agency")
        .order_by("code", "id")
    )
    records = Adoption.objects.filter(initiative__status=Status.ROLLOUT).values_list(
        "agency_id", "initiative_id", "status"
    )
    cells: dict[tuple[int, int], str] = {}
    for agency_id, initiative_id, status in records.iterator(chunk_size=2000):
        cells[agency_id, initiative_id] = status
    agencies = list(
        Agency.objects.filter(pk__in={agency for agency, _initiative in cells}).order_by(
            "name", "id"
        )
    )
    return initiatives, agencies, cells


def build_adoption_matrix(job: ExportJob, progress_for) -> Workbook:
    if not sees_everything(job.user):
        raise PermissionDenied(gettext("Only reviewers and leaders can export the matrix."))
    initiatives, agencies, cells = matrix_data()
    title = EXPORTS["adoption_matrix"].title
    workbook = new_workbook(title)
    columns = [Column(_("Agency"), 40), *(Column(i.code or "", 14) for i in initiatives)]
    sheet = add_sheet(workbook, title, columns, freeze="B2")
    labels = {value: str(text) for value, text in Adoption.Status.choices}
    targeted, applied = Counter(), Counter()
    progress = progress_for(len(agencies))
    for agency in agencies:
        row = [cell(sheet, agency.name)]
        for initiative in initiatives:
            status = cells.get((agency.pk, initiative.pk))
            if status is None:
                row.append(cell(sheet, None))
                continue
            targeted[initiative.pk] += 1
            applied[initiative.pk] += status == Adoption.Status.APPLIED
            row.append(cell(sheet, labels[status], fill=STATUS_FILLS.get(status)))
        sheet.append(row)
        progress.tick()
    summary = [
        (_("Agencies targeted"), lambda i: targeted[i.pk], COUNT_FORMAT),
        (_("Applied"), lambda i: applied[i.pk], COUNT_FORMAT),
        (
            _("Coverage (applied / targeted)"),
            lambda i: applied[i.pk] / targeted[i.pk] if targeted[i.pk] else None,
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
    # A second sheet names the initiatives behind the codes of the first one's header.
    legend_columns = [
        Column(_("Code"), 14),
        Column(_("Title"), 60, wrap=True),
        Column(label(Initiative, "agency"), 32, wrap=True),
        Column(label(Initiative, "decision_number"), 18),
        Column(label(Initiative, "decision_date"), 13),
        Column(_("Agencies targeted"), 14, COUNT_FORMAT),
        Column(_("Applied"), 14, COUNT_FORMAT),
        Column(_("Coverage (applied / targeted)"), 16, PERCENT_FORMAT),
    ]
    legend = add_sheet(workbook, _("Initiatives"), legend_columns)
    for i in initiatives:
        append_row(
            legend,
            legend_columns,
            [
                i.code or "",
                i.title,
                i.agency.name,
                i.decision_number,
                i.decision_date,
                targeted[i.pk],
                applied[i.pk],
                applied[i.pk] / targeted[i.pk] if targeted[i.pk] else None,
            ],
        )
    filter_header(legend, len(legend_columns), len(initiatives))
    return workbook


# --- (c) The adoption reports ---------------------------------------------------------------

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


def build_reports(job: ExportJob, progress_for) -> Workbook:
    if not may_export_reports(job.user):
        raise PermissionDenied(gettext("You may not export adoption reports."))
    rows = report_rows(job.user, job.params.get("query", {}))
    title = EXPORTS["reports"].title
    workbook = new_workbook(title)
    columns = report_columns()
    sheet = add_sheet(workbook, title, columns)
    progress = progress_for(rows.count())
    yes, no = gettext("Yes"), gettext("No")
    for report in rows.iterator(chunk_size=500):
        adoption = report.adoption
        append_row(
            sheet,
            columns,
            [
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
            ],
        )
        progress.tick()
    filter_header(sheet, len(columns), progress.done)
    return workbook


# --- The kinds of export --------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    title: object  # a lazy translation: sheet title, page heading, file name
    params: tuple[str, ...]  # the page's query keys the export keeps
    allowed: Callable  # (user) -> bool, checked when the job starts and when it runs
    build: Callable  # (job, progress_for) -> Workbook


EXPORTS = {
    "initiatives": Export(_("Dossiers"), INITIATIVE_PARAMS, lambda user: True, build_initiatives),
    "adoption_matrix": Export(_("Adoption matrix"), (), sees_everything, build_adoption_matrix),
    "reports": Export(_("Adoption reports"), REPORT_PARAMS, may_export_reports, build_reports),
}


def job_language(job: ExportJob) -> str:
    """The language of the request that started the job: headers and labels follow it."""
    return job.params.get("language") or settings.LANGUAGE_CODE


def file_name(job: ExportJob) -> str:
    """ "ho-so-20250304-0915.xlsx": the export's title, folded to ASCII, and when it ran."""
    export = EXPORTS.get(job.kind)
    with translation.override(job_language(job)):
        base = fold(str(export.title)) if export else job.kind
    stamp = timezone.localtime(job.created_at).strftime("%Y%m%d-%H%M")
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in base).split())
    return f"{slug or 'export'}-{stamp}.xlsx"


# --- Starting and building a job ------------------------------------------------------------


def export_start(*, user, kind: str, query: dict, language: str, back: str = "") -> ExportJob:
    """Create the job and enqueue its build once the job row is committed."""
    export = EXPORTS[kind]
    if not export.allowed(user):
        raise PermissionDenied
    kept = {key: str(query[key]) for key in export.params if query.get(key)}
    job = ExportJob.objects.create(
        user=user,
        kind=kind,
        params={"query": kept, "language": language, "back": back},
    )
    transaction.on_commit(lambda: enqueue(job.pk))
    return job


def enqueue(job_id: int) -> None:
    try:
        build_export.delay(job_id)
    except Exception:
        # The broker is unreachable: build the file here, in the request, so the user still
        # gets it (a worker that later receives a duplicate finds the job claimed and stops).
        logger.warning("Could not enqueue export %s; building it in the request", job_id)
        build_export(job_id)


@shared_task
def build_export(job_id: int) -> str:
    """Build one job's workbook. Idempotent: only the caller that moves the job from pending
    to running (a conditional UPDATE) builds it; any other delivery returns at once."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.PENDING).update(
        status=ExportJob.Status.RUNNING, progress=0, error=""
    )
    if not claimed:
        return "skipped"
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    try:
        with translation.override(job_language(job)):
            export = EXPORTS.get(job.kind)
            if export is None:
                raise ValueError(gettext("Unknown export."))
            if not export.allowed(job.user):
                raise PermissionDenied(gettext("You may not run this export."))
            workbook = export.build(job, lambda total: Progress(job_id, total))
            buffer = io.BytesIO()
            workbook.save(buffer)
            job.file.save(file_name(job), ContentFile(buffer.getvalue()), save=False)
    except Exception as error:
        logger.exception("Export %s (%s) failed", job_id, job.kind)
        with translation.override(job_language(job)):
            message = failure_message(error)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportJob.Status.FAILED, error=message, finished_at=timezone.now()
        )
        return "failed"
    finished = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.RUNNING).update(
        status=ExportJob.Status.DONE,
        progress=100,
        file=job.file.name,
        finished_at=timezone.now(),
    )
    if not finished:  # the job was deleted meanwhile: do not leave its file behind
        job.file.delete(save=False)
        return "skipped"
    return "done"


def failure_message(error: Exception) -> str:
    """What the job page tells its owner: a refusal as it is, anything else with its cause."""
    if isinstance(error, PermissionDenied):
        return str(error) or gettext("You may not run this export.")
    # The cause (possibly a database error) goes to the log, not to the page.
    logger.exception("Export failed", exc_info=error)
    return gettext("The export could not be built. Please try again later.")
