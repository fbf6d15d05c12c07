"""Reads of the public registry (no login): recognized initiatives, shaped so that what must
never be published — confidential_info, authors' birth dates, confidential attachments — is not
even loaded (DESIGN.md §6). The registry pages and GET /api/v1/registry/ share them."""

from django.db.models import Count, F, Prefetch, Q
from django.utils.text import Truncator

from initiatives.models import Attachment, Author, Field, Initiative
from initiatives.selectors import search

from .models import Adoption
from .selectors import PUBLIC_STATES

APPLIED = Adoption.Status.APPLIED
SUMMARY_CHARS = 300


def summary(description: str) -> str:
    return Truncator(description or "").chars(SUMMARY_CHARS)


def _public():
    return Initiative.objects.filter(status__in=PUBLIC_STATES).defer("confidential_info")


def registry_initiatives(*, q=None, field=None, year=None):
    """Recognized initiatives, newest decision first, with how many agencies applied each."""
    queryset = (
        _public()
        .select_related("agency", "field")
        .annotate(applied_count=Count("adoptions", filter=Q(adoptions__status=APPLIED)))
        .order_by(F("decision_date").desc(nulls_last=True), "-id")
    )
    if field:
        queryset = queryset.filter(field_id=field)
    if year:
        queryset = queryset.filter(decision_date__year=year)
    if q:
        queryset = search(queryset, q)
    return queryset


def registry_detail_queryset():
    """One initiative's public page: authors without birth dates, public attachments only,
    and the agencies that applied it; each relation under its own name so that a template
    cannot reach the unfiltered one by mistake."""
    authors = Author.objects.only("initiative_id", "full_name", "workplace", "position", "order")
    attachments = Attachment.objects.filter(confidential=False).only(
        "initiative_id", "kind", "original_name", "size", "uploaded_at"
    )
    applied = Adoption.objects.filter(status=APPLIED).select_related("agency")
    return (
        _public()
        .select_related("agency", "field")
        .prefetch_related(
            Prefetch("authors", queryset=authors, to_attr="public_authors"),
            Prefetch("attachments", queryset=attachments, to_attr="public_attachments"),
            Prefetch(
                "adoptions",
                queryset=applied.order_by("agency__name"),
                to_attr="applied_adoptions",
            ),
        )
    )


def registry_fields() -> list[tuple[str, str]]:
    return list(Field.objects.filter(is_active=True).values_list("code", "name"))


def registry_years() -> list[int]:
    """Years in which initiatives now in the registry were recognized, newest first."""
    dates = (
        Initiative.objects.filter(status__in=PUBLIC_STATES, decision_date__isnull=False)
        .order_by()
        .dates("decision_date", "year", order="DESC")
    )
    return [day.year for day in dates]
