"""Excel workbooks (openpyxl) that know no domain: a streaming workbook, a sheet with its bold,
frozen, filterable header row and column widths, typed cells, and the contract an app's export
builder fulfils (ExportBuilder) — the exports app runs the builders each app declares in its
`export_builders` module, so no app below exports has to import it.

Workbooks hold real values: dates are Excel dates shown dd/mm/yyyy, money is a number shown
#,##0; text typed by users always stays text (never a formula).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.text import capfirst
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd/mm/yyyy"
MONEY_FORMAT = "#,##0"
COUNT_FORMAT = "#,##0"
DAYS_FORMAT = "#,##0.0"
PERCENT_FORMAT = "0%"
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class ExportBuilder:
    """One kind of export, as an app declares it in BUILDERS of its export_builders module."""

    title: object  # a lazy translation: sheet title, page heading, file name
    params: tuple[str, ...]  # the page's query keys the export keeps
    allowed: Callable  # (user) -> bool, checked when the job starts and when it runs
    build: Callable  # (user, query: dict, progress_for) -> Workbook


class Progress:
    """Counts written rows; every `every` rows hands the percentage to `report` (never 100:
    a job is complete only once its file is stored)."""

    def __init__(self, total: int, report: Callable[[int], None] | None = None, every=200):
        self.total, self.done = max(total, 1), 0
        self.report, self.every = report, every

    def tick(self) -> None:
        self.done += 1
        if self.report is not None and self.done % self.every == 0:
            self.report(min(99, self.done * 100 // self.total))


def solid_fill(colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=colour)


def label(model, field_name: str):
    """A column header from a model field's verbose name (already in the catalogue)."""
    return capfirst(model._meta.get_field(field_name).verbose_name)


def local_date(value) -> date | None:
    """Excel has no time zones: a moment becomes its calendar day in the site's zone."""
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@dataclass(frozen=True)
class Column:
    header: object  # a lazy translation
    width: float
    format: str = ""  # an Excel number format; "" for text
    wrap: bool = False


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
