"""Pages of results that cost one query, not two (the rows and a COUNT): either the page's
total is already known from an aggregate the page computes anyway (page_of), or it comes with
the rows as COUNT(*) OVER () (windowed_page). The pages look as Paginator's do, so
common/pagination.html and `page.paginator.count` work unchanged."""

from django.core.paginator import Paginator
from django.db.models import Count, Window


def _number(value) -> int:
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1


def page_of(queryset, per_page: int, number, count: int):
    """A page of the queryset whose total the caller knows: the rows only, no COUNT."""
    paginator = Paginator(queryset, per_page)
    paginator.count = count  # a cached_property: set here, never queried
    return paginator.get_page(number)


def windowed_page(queryset, per_page: int, number):
    """A page whose total comes with its rows: one query. A page number past the end (an old
    link) costs a COUNT and then the last page, as Paginator.get_page gives it."""
    number = _number(number)
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
