"""Reads of dossiers, shaped for lists and detail pages, filtered by what the user may see."""

from django.db import connection
from django.db.models import Exists, F, Max, Min, OuterRef, Q

from agencies import roles
from common import clock
from common.text import fold

from .models import STATUS_RANK, Initiative, Level

# Other apps grant extra visibility (e.g. workflow: council members see their assignments)
# without initiatives importing them. Each provider returns a Q or None for a user.
_visibility_providers = []


def register_visibility(provider):
    _visibility_providers.append(provider)
    return provider


def visibility_filter(user) -> Q | None:
    """A Q selecting the dossiers the user may see, or None for no restriction."""
    if getattr(user, "is_superuser", False):
        return None
    condition = Q(agency_id__in=roles.agency_member_ids(user))
    secretary_of = roles.secretary_agency_ids(user)
    if secretary_of:
        # An agency's initiative secretary: its cơ sở dossiers once submitted.
        condition |= Q(agency_id__in=secretary_of, level=Level.AGENCY, submitted_at__isnull=False)
    if roles.is_reviewer(user) or roles.is_leader(user):
        # Reviewers and leaders see every provincial dossier that has ever been submitted; an
        # agency's cơ sở dossiers only as figures (the oversight view) until it proposes one.
        condition |= Q(submitted_at__isnull=False, level=Level.PROVINCIAL)
        # …and the cơ sở dossier a submitted provincial one was proposed from (its evidence).
        # A subquery, not a join: the services lock this queryset (FOR UPDATE refuses the
        # nullable side of an outer join on PostgreSQL).
        # `promoted_from` not null, said again: PostgreSQL hashes this subquery once, and so
        # reads the few promoted dossiers from the key's index instead of every submitted one.
        proposed = Initiative.objects.filter(
            promoted_from=OuterRef("pk"), promoted_from__isnull=False, submitted_at__isnull=False
        )
        condition |= Q(Exists(proposed), level=Level.AGENCY)
    for provider in _visibility_providers:
        extra = provider(user)
        if extra is not None:
            condition |= extra
    return condition


def visible_initiatives(user):
    queryset = Initiative.objects.all()
    condition = visibility_filter(user)
    return queryset if condition is None else queryset.filter(condition)


def initiative_list(user, *, status=None, agency=None, year=None, field=None, q=None, level=None):
    queryset = visible_initiatives(user).select_related("agency", "field")
    if level:
        queryset = queryset.filter(level=level)
    if status:
        queryset = queryset.filter(status__in=status.split(","))
    if agency:
        queryset = queryset.filter(agency_id=agency)
    if year:
        queryset = queryset.filter(round=year)
    if field:
        queryset = queryset.filter(field_id=field)
    if q:
        queryset = search(queryset, q)
    return queryset


def search(queryset, q: str):
    """Diacritics-insensitive: every folded word of q must appear in the title or description."""
    for word in fold(q).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def initiative_detail_queryset(user):
    return (
        visible_initiatives(user)
        .select_related("agency", "field")
        .prefetch_related("authors", "participants", "attachments")
    )


# --- Sorting for lists -----------------------------------------------------------------

SORT_COLUMNS = {
    "updated": "updated_at",
    "code": "code",
    "title": "title",
    "status": "status_rank",
}


def sorted_by(queryset, sort: str):
    """Order by a whitelisted key ("title", "-code", …); ties broken by id for stable pages."""
    key = sort or "-updated"
    descending = key.startswith("-")
    column = SORT_COLUMNS[key.lstrip("-")]
    if column == "status_rank":
        queryset = queryset.annotate(status_rank=STATUS_RANK)
    # Drafts have no code yet: they go last whichever way the codes run. The other columns are
    # never empty: a plain order, which the index on (updated_at, id) serves both ways.
    nulls_last = True if column == "code" else None
    order = (
        F(column).desc(nulls_last=nulls_last)
        if descending
        else F(column).asc(nulls_last=nulls_last)
    )
    return queryset.order_by(order, "-id" if descending else "id")


MAX_ROUND_PROBES = 60  # years; beyond, the plain DISTINCT


def rounds_of(queryset) -> list[int]:
    """The years of the dossiers in queryset, and this year, newest first.

    Not DISTINCT over every dossier (a scan of the table): from the first year on, one probe
    per year for one dossier of that year (the (round, status) index), in one query."""
    years = {clock.today().year}
    bounds = Initiative.objects.aggregate(first=Min("round"), last=Max("round"))
    if bounds["first"] is None:
        return sorted(years, reverse=True)
    candidates = range(bounds["first"], bounds["last"] + 1)
    compound = connection.features.supports_slicing_ordering_in_compound  # not SQLite
    if not compound or len(candidates) > MAX_ROUND_PROBES:
        found = queryset.order_by().values_list("round", flat=True).distinct()
    else:
        probes = [
            queryset.filter(round=year).order_by().values_list("round", flat=True)[:1]
            for year in candidates
        ]
        found = probes[0].union(*probes[1:], all=True)
    return sorted(years | set(found), reverse=True)
