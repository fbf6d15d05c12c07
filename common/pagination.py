"""Pages of results. Each list on a page may have its own query parameter (`param`), so several
paginated lists live on one page; common/pagination.html builds the links from it."""

from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int, param: str = "page"):
    return Paginator(queryset, per_page).get_page(request.GET.get(param))
