"""Pages of results whose previous/next links keep the other query parameters, so several
paginated lists can live on one page (each with its own parameter)."""

from django.core.paginator import Paginator


def page_links(request, page, param: str = "page"):
    page.links = {}
    for key, number in (
        ("previous", page.has_previous() and page.previous_page_number()),
        ("next", page.has_next() and page.next_page_number()),
    ):
        if number:
            query = request.GET.copy()
            query[param] = number
            page.links[key] = "?" + query.urlencode()
    return page


def paginate(request, queryset, per_page: int, param: str = "page"):
    return page_links(
        request, Paginator(queryset, per_page).get_page(request.GET.get(param)), param
    )
