"""The matrix of agencies × initiatives in rollout: one cell per adoption record.

matrix_cells() is the one query behind both the dashboard's matrix pages (a page of columns ×
a page of rows) and the Excel export of the whole matrix (adoption.export_builders), so the
two cannot disagree on which agencies, initiatives or states they show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef

from agencies.models import Agency
from common import clock
from common.known_count import page_of, windowed_page
from initiatives.models import Initiative, Level, Status

from ..models import Adoption
from ..selectors import overdue_flag


@dataclass(frozen=True, slots=True)
class Cell:
    adoption_id: int
    initiative_id: int
    agency_id: int
    status: str
    due_date: date | None
    overdue: bool


def matrix_initiatives():
    """The columns: initiatives in rollout, by code."""
    return Initiative.objects.filter(status=Status.ROLLOUT, level=Level.PROVINCIAL).order_by(
        "code", "pk"
    )


def matrix_agencies(initiatives):
    """The rows: agencies with a record for any of the initiatives (ids or a queryset), by name."""
    targeted = Adoption.objects.filter(agency=OuterRef("pk"), initiative__in=initiatives)
    return Agency.objects.filter(Exists(targeted)).order_by("name", "pk")


def matrix_cells(initiatives, agencies=None, *, today=None) -> dict[tuple[int, int], Cell]:
    """{(initiative id, agency id): Cell} for the records of the initiatives (and of the
    agencies, if given; ids or querysets): one query, streamed in chunks for the export."""
    today = today or clock.today()
    records = Adoption.objects.filter(initiative__in=initiatives)
    if agencies is not None:
        records = records.filter(agency__in=agencies)
    rows = records.annotate(late=overdue_flag(today)).values_list(
        "pk", "initiative_id", "agency_id", "status", "due_date", "late"
    )
    cells = (Cell(*row[:5], bool(row[5])) for row in rows.order_by().iterator(chunk_size=2000))
    return {(cell.initiative_id, cell.agency_id): cell for cell in cells}


def matrix(
    *, column_page=1, row_page=1, columns: int = 8, rows: int = 25, today=None, column_count=None
):
    """A page of initiatives in rollout (columns) × the agencies they target (rows): the
    columns page (and their count, unless `column_count`, the initiatives in rollout, is
    given), the rows page with its total (COUNT(*) OVER ()) and one query for the cells — four
    queries, three with `column_count` (a row page past the end costs one more).

    Returns (columns_page, rows_page, table) where table is [(agency, [Cell | None, ...])].
    """
    # status too: the state machine's mixin reads it whenever a row is loaded.
    columns_qs = matrix_initiatives().only("pk", "code", "title", "status")
    # Not windowed: the columns stop at the page's last code (index on code), a window would
    # read every initiative in rollout.
    if column_count is None:
        column_page = Paginator(columns_qs, columns).get_page(column_page)
    else:
        column_page = page_of(columns_qs, columns, column_page, column_count)
    column_ids = [initiative.pk for initiative in column_page.object_list]
    row_page = windowed_page(matrix_agencies(column_ids), rows, row_page)
    row_ids = [agency.pk for agency in row_page.object_list]
    cells = matrix_cells(column_ids, row_ids, today=today)
    table = [
        (agency, [cells.get((pk, agency.pk)) for pk in column_ids])
        for agency in row_page.object_list
    ]
    return column_page, row_page, table
