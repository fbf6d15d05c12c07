"""Pages of results. Each list on a page may have its own query parameter (`param`), so several
paginated lists live on one page; common/pagination.html builds the links from it.

A list that may match a large part of a big table (every dossier a reviewer may see) counts
its matches only up to COUNT_CAP beyond the page asked for, and then says "more than N": the
exact count of 90,000 visible dossiers cost more than the page itself at 100,000 dossiers
(issue 14), and nobody pages through a thousand rows — they narrow the filter."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 1000
# A page number beyond this (an edited URL) is read as this one: the count's LIMIT grows with
# the page asked for and must stay a sane integer.
MAX_PAGE = 100_000


def paginate(request, queryset, per_page: int, param: str = "page", *, capped: bool = False):
    number = request.GET.get(param)
    if capped:
        number = min(page_number(number), MAX_PAGE)  # 0, negative or text: page 1
        return CappedPaginator(queryset, per_page, number).get_page(number)
    return Paginator(queryset, per_page).get_page(number)


def page_number(value) -> int:
    """The page asked for: 1 for a missing, non-numeric, zero or negative one."""
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1


class CappedPaginator(Paginator):
    """A Paginator whose count stops at `cap` rows past the start of the requested page:
    `capped` says the real count is larger (the count is then cap + 1, so "next" stays)."""

    def __init__(self, object_list, per_page, number=None, cap: int | None = None):
        super().__init__(object_list, per_page)
        # The rows before the requested page, then at least a page more: the page asked for
        # is always whole, and "next" is offered while more rows exist.
        self.cap = (page_number(number) - 1) * per_page + max(cap or COUNT_CAP, per_page)
        self.capped = False

    @cached_property
    def count(self) -> int:
        # No ORDER BY in the count: the database stops at the cap without sorting.
        found = self.object_list.order_by()[: self.cap + 1].count()
        self.capped = found > self.cap
        return found
