"""Pages of results that cost one query, not two (the rows and a COUNT): either the page's
total is already known from an aggregate the page computes anyway (page_of), or it comes with
the rows as COUNT(*) OVER () (windowed_page). The pages look as Paginator's do, so
common/pagination.html and `page.paginator.count` work unchanged."""

from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.utils.functional import cached_property

from .pagination import page_number


def page_of(queryset, per_page: int, number, count: int):
    """A page of the queryset whose total the caller knows: the rows only, no COUNT."""
    paginator = Paginator(queryset, per_page)
    paginator.count = count  # a cached_property: set here, never queried
    return paginator.get_page(number)


def windowed_page(queryset, per_page: int, number):
    """A page whose total comes with its rows: one query. A page number past the end (an old
    link) costs a COUNT and then the last page, as Paginator.get_page gives it."""
    number = page_number(number)
    start = (number - 1) * per_page
    rows = list(queryset.annotate(_page_total=Window(Count("pk")))[start : start + per_page])
    # No rows: an empty list (page 1) or a page past the end, which needs the real total.
    count = rows[0]._page_total if rows else (queryset.count() if number > 1 else 0)
    paginator = Paginator(queryset, per_page)
    paginator.count = count
    page = paginator.get_page(number)
    if rows:
        page.object_list = rows
    return page


class Chained:
    """Two ordered querysets read as one list, for Paginator: the first's rows, then the
    second's. A list ordered by "these first, then the rest" (a member's dossiers being scored
    now, then the others) as one ORDER BY over a join must sort every row before the first
    page; as two lists each page reads an index, slicing only what it shows."""

    def __init__(self, first, second, *, total=None):
        """`total`: a cheaper queryset counting both (the second's count is then never
        taken: its condition may need a join the total does not)."""
        self.first, self.second, self.total = first, second, total

    def count(self) -> int:
        if self.total is not None:
            return self.total.count()
        return self._first_count + self.second.count()

    @cached_property
    def _first_count(self) -> int:
        return self.first.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list:
        start, stop = window.start or 0, window.stop
        split = self._first_count
        rows = list(self.first[start:stop]) if start < split else []
        if stop > split:
            rows += list(self.second[max(start - split, 0) : stop - split])
        return rows
