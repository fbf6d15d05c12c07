"""Reads of the public registry (no login): recognized initiatives, shaped so that what must
never be published — confidential_info, authors' birth dates, confidential attachments — is not
even loaded (DESIGN.md §6). The registry pages and GET /api/v1/registry/ share them.

What the registry shows about an initiative's rollout (how many agencies applied it, which
ones) belongs to higher apps: they add it through the hooks below from AppConfig.ready(), so
that initiatives imports none of them (DESIGN §3).
"""

from collections.abc import Callable
from datetime import date

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, IntegerField, Prefetch, QuerySet, Value
from django.utils.text import Truncator

from common import clock

from .models import PUBLIC_STATES, Attachment, Author, Field, Initiative, Level
from .selectors import search

SUMMARY_CHARS = 300
# The registry's year menu probes the years from this one (before Nghị định 13/2012, which set
# up today's recognition of initiatives).
FIRST_REGISTRY_YEAR = 2000

# Each shaper takes the registry's queryset and returns it with what its app shows
# (annotations, prefetches); a hook keeps the query count constant instead of a query per row.
_list_shapers: list[Callable[[QuerySet], QuerySet]] = []
_detail_shapers: list[Callable[[QuerySet], QuerySet]] = []
# Each context provider takes (initiative, user) and returns variables for the detail page
# (e.g. adoption: what the "adopt" box offers this reader, whether the documents are open).
_detail_context: list[Callable] = []


def register_registry_queryset(*, listing=None, detail=None):
    """`listing` shapes the registry list (page and API), `detail` one initiative's public
    page. Idempotent, like common.slots: a reloaded app does not shape twice."""
    for shapers, shaper in ((_list_shapers, listing), (_detail_shapers, detail)):
        if shaper is not None and shaper not in shapers:
            shapers.append(shaper)


def register_registry_context(provider):
    if provider not in _detail_context:
        _detail_context.append(provider)
    return provider


def registry_detail_context(initiative, user) -> dict:
    context = {}
    for provider in _detail_context:
        context.update(provider(initiative, user))
    return context


def _shaped(queryset, shapers):
    for shape in shapers:
        queryset = shape(queryset)
    return queryset


def summary(description: str) -> str:
    return Truncator(description or "").chars(SUMMARY_CHARS)


def _public():
    """The province's recognized initiatives. An agency's cơ sở recognitions are its own
    record (the person page, the oversight view), not the provincial registry."""
    return Initiative.objects.filter(status__in=PUBLIC_STATES, level=Level.PROVINCIAL).defer(
        "confidential_info"
    )


def registry_initiatives(*, q=None, field=None, year=None):
    """Recognized initiatives, newest decision first: the filtered, ordered list. What other
    apps add to each row is read for one page by registry_rows()."""
    queryset = _public().order_by(F("decision_date").desc(nulls_last=True), "-id")
    if field:
        queryset = queryset.filter(field_id=field)
    if year:
        queryset = queryset.filter(decision_date__year=year)
    if q:
        queryset = search(queryset, q)
    return queryset


def registry_page(queryset, per_page: int, number):
    """One page of the registry: the page's ids from the ordered list, then registry_rows()."""
    page = Paginator(queryset.values_list("pk", flat=True), per_page).get_page(number)
    page.object_list = registry_rows(list(page.object_list))
    return page


def registry_rows(ids) -> list:
    """The initiatives of these ids, in this order, with what other apps add to each row.

    One query over the page's rows only: a shaper's subquery or grouped join written over the
    whole registry made PostgreSQL compute it for every recognized initiative before sorting
    (0.5 s at 100,000 dossiers) to show twenty."""
    rows = _shaped(_public().select_related("agency", "field").filter(pk__in=ids), _list_shapers)
    by_pk = {row.pk: row for row in rows}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def registry_detail_queryset():
    """One initiative's public page: authors without birth dates, public attachments only;
    each relation under its own name so that a template cannot reach the unfiltered one by
    mistake."""
    authors = Author.objects.only("initiative_id", "full_name", "workplace", "position", "order")
    attachments = Attachment.objects.filter(confidential=False).only(
        "initiative_id", "kind", "original_name", "size", "uploaded_at"
    )
    queryset = (
        _public()
        .select_related("agency", "field")
        .prefetch_related(
            Prefetch("authors", queryset=authors, to_attr="public_authors"),
            Prefetch("attachments", queryset=attachments, to_attr="public_attachments"),
        )
    )
    return _shaped(queryset, _detail_shapers)


def registry_fields() -> list[tuple[str, str]]:
    return list(Field.objects.filter(is_active=True).values_list("code", "name"))


def registry_years() -> list[int]:
    """Years in which initiatives now in the registry were recognized, newest first.

    On PostgreSQL one probe per year since FIRST_REGISTRY_YEAR for one recognition of that
    year, through the registry's index (migration 0018), in one query: DISTINCT over the
    decision dates read every recognized initiative (20-40 ms at 100,000 dossiers)."""
    recognized = _public().filter(decision_date__isnull=False)
    if not connection.features.supports_slicing_ordering_in_compound:  # SQLite
        dates = recognized.order_by().dates("decision_date", "year", order="DESC")
        return [day.year for day in dates]
    probes = [
        recognized.filter(
            decision_date__gte=date(year, 1, 1), decision_date__lt=date(year + 1, 1, 1)
        )
        .order_by()
        .annotate(year=Value(year, output_field=IntegerField()))
        .values_list("year", flat=True)[:1]
        for year in range(FIRST_REGISTRY_YEAR, clock.today().year + 1)
    ]
    return sorted(probes[0].union(*probes[1:], all=True), reverse=True)
