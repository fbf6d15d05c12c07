"""Reads of the person registry with the dossiers its persons authored (issue 11): "the
recognized initiatives of X in years N–M at level L" is one query, whatever the numbers."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from agencies import roles
from agencies.models import Person
from common.text import fold, vi_name_sort_key

from .choices import PUBLIC_STATES
from .models import Author


@dataclass(frozen=True)
class RecognitionFilter:
    """Years are those of the recognition decision; level is the dossier's scope."""

    year_from: int | None = None
    year_to: int | None = None
    level: str = ""

    def q(self, prefix: str = "") -> Q:
        query = Q(**{f"{prefix}initiative__status__in": PUBLIC_STATES})
        if self.year_from:
            query &= Q(**{f"{prefix}initiative__decision_date__gte": date(self.year_from, 1, 1)})
        if self.year_to:
            query &= Q(**{f"{prefix}initiative__decision_date__lte": date(self.year_to, 12, 31)})
        if self.level:
            query &= Q(**{f"{prefix}initiative__scope": self.level})
        return query

    @property
    def narrows(self) -> bool:
        return bool(self.year_from or self.year_to or self.level)


def visible_persons(user, queryset=None):
    """The registry as `user` may read it: reviewers, leaders and administrators everyone;
    others the persons of their own agencies and anyone with a recognized initiative (public
    by name) — not the authors of other agencies' drafts and dossiers under review."""
    queryset = Person.objects.all() if queryset is None else queryset
    if roles.oversees_province(user):
        return queryset
    recognized = Author.objects.filter(RecognitionFilter().q(), person_id=OuterRef("pk"))
    return queryset.filter(Q(agency_id__in=roles.agency_member_ids(user)) | Exists(recognized))


def persons(*, q: str = "", agency_id=None, recognized: RecognitionFilter | None = None, user=None):
    """Persons by folded name (diacritics-insensitive), with how many recognized initiatives
    each authored (within `recognized`'s years and level). With a narrowing filter only the
    persons having such a recognition are kept: the emulation office's question."""
    recognized = recognized or RecognitionFilter()
    # A correlated count, not a join grouped by person: computed for the page's rows only
    # (the join counted the authorships of every person before sorting: 0.3 s at 10,000).
    counted = (
        Author.objects.filter(recognized.q(), person_id=OuterRef("pk"))
        .order_by()
        .values("person_id")
        .annotate(n=Count("initiative_id", distinct=True))
        .values("n")
    )
    queryset = Person.objects.select_related("agency").annotate(
        recognitions=Coalesce(Subquery(counted), 0)
    )
    if folded := fold(q):
        queryset = queryset.filter(folded_name__contains=folded)
    if agency_id:
        queryset = queryset.filter(agency_id=agency_id)
    if recognized.narrows:
        matching = Author.objects.filter(recognized.q(), person_id=OuterRef("pk"))
        queryset = queryset.filter(Exists(matching))
    if user is not None:
        queryset = visible_persons(user, queryset)
    return queryset.order_by("folded_name", "id")


def person_recognitions(person, recognized: RecognitionFilter | None = None):
    """The person's authorships of recognized initiatives, newest decision first."""
    recognized = recognized or RecognitionFilter()
    return (
        Author.objects.filter(recognized.q(), person=person)
        .select_related("initiative", "initiative__agency", "initiative__field")
        .order_by("-initiative__decision_date", "-initiative_id")
    )


def person_suggestions(agency_ids, full_name: str, birth_date=None, limit: int = 10):
    """Persons of these agencies who may be the author being typed: the same folded name and,
    when a birth date is typed, the same one or none known. A suggestion only: the form's
    user chooses, nothing is merged."""
    folded = fold(full_name)
    if not folded or not agency_ids:
        return Person.objects.none()
    queryset = persons(q="", recognized=None).filter(agency_id__in=agency_ids, folded_name=folded)
    if birth_date:
        queryset = queryset.filter(Q(birth_date=birth_date) | Q(birth_date__isnull=True))
    return queryset[:limit]


def recognition_rows(*, q: str = "", agency_id=None, recognized: RecognitionFilter | None = None):
    """Persons × recognized initiatives (the export's rows), sorted as official lists are:
    given name, then family and middle names, in Vietnamese order; then by decision date.
    Sorted here, not by the database, whose collation may not know that "Đ" follows "D"."""
    recognized = recognized or RecognitionFilter()
    rows = Author.objects.filter(recognized.q(), person__isnull=False).select_related(
        "person", "person__agency", "initiative"
    )
    if folded := fold(q):
        rows = rows.filter(person__folded_name__contains=folded)
    if agency_id:
        rows = rows.filter(person__agency_id=agency_id)
    return sorted(
        rows,
        key=lambda a: (
            vi_name_sort_key(a.person.full_name),
            a.person_id,
            a.initiative.decision_date or date.min,
            a.initiative_id,
        ),
    )


def person_other_dossiers(person, user):
    """The person's authorships of dossiers not (or no longer) recognized — drafts, dossiers
    under review, refused, revoked — that `user` may see; the page shows them only to the
    person's agency, reviewers and leaders."""
    from .selectors import visible_initiatives

    return (
        Author.objects.filter(person=person, initiative__in=visible_initiatives(user))
        .exclude(initiative__status__in=PUBLIC_STATES)
        .select_related("initiative")
        .order_by("-initiative__created_at")
    )


def person_duplicates(person, limit: int = 10):
    """Persons who may be the same human as `person`: the same folded name in the same agency
    (a person is recorded per agency), with how many dossiers each authored. Reviewers merge
    them by hand; those with another birth date are listed too, and the merge refuses them
    with the reason."""
    return (
        Person.objects.filter(folded_name=person.folded_name, agency_id=person.agency_id)
        .exclude(pk=person.pk)
        .select_related("agency")
        .annotate(authored=Count("authorships__initiative", distinct=True))
        .order_by("id")[:limit]
    )
