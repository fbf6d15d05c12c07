from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce

from agencies import roles
from initiatives.models import PUBLIC_STATES, Status

from .models import OPEN_STATUSES, Adoption, AdoptionReport

# A revoked initiative leaves the public registry, but the agencies that adopted it keep
# their records (and the dossier's public part) as history.
RECORD_STATES = (*PUBLIC_STATES, Status.REVOKED)


def visible_adoptions(user):
    """The adopting agency, the submitting agency, reviewers and leaders see adoption records."""
    queryset = Adoption.objects.filter(initiative__status__in=RECORD_STATES)
    if user.is_superuser or roles.is_reviewer(user) or roles.is_leader(user):
        return queryset
    agencies = roles.agency_member_ids(user)
    return queryset.filter(Q(agency_id__in=agencies) | Q(initiative__agency_id__in=agencies))


def adoptions_of(initiative, user):
    reports = AdoptionReport.objects.order_by("created_at", "id")
    return (
        visible_adoptions(user)
        .filter(initiative=initiative)
        .select_related("agency")
        .prefetch_related(Prefetch("reports", queryset=reports))
    )


def adopter_visibility(user) -> Q | None:
    """An agency asked to adopt (or adopting) a recognized initiative may read its dossier;
    confidential parts stay hidden (initiatives.permissions.sees_confidential)."""
    agencies = roles.agency_member_ids(user)
    if not agencies:
        return None
    adopting = Adoption.objects.filter(initiative=OuterRef("pk"), agency_id__in=agencies)
    return Q(Exists(adopting), status__in=RECORD_STATES)


def agency_adoptions(user):
    """The adoption records of the user's agencies, with what the list shows in one query."""
    return (
        Adoption.objects.filter(agency_id__in=roles.agency_member_ids(user))
        .select_related("initiative", "agency")
        .annotate(
            report_count=Count("reports"),
            last_report_at=Max("reports__created_at"),
            awaits_report=ExpressionWrapper(awaiting_report_q(), output_field=BooleanField()),
        )
        .order_by(F("due_date").asc(nulls_last=True), "initiative__code", "pk")
    )


def awaiting_report_q() -> Q:
    """Records whose agency still owes reports: open, and the rollout still on."""
    return Q(status__in=OPEN_STATUSES, initiative__status=Status.ROLLOUT)


def overdue_q(today) -> Q:
    """THE definition of an overdue adoption record: open (assigned or in progress), its
    initiative still in rollout, and its next report's due date passed. Every figure, list,
    matrix cell and badge of the dashboard uses it, as a filter or through overdue_flag()."""
    return awaiting_report_q() & Q(due_date__lt=today)


def overdue_flag(today) -> ExpressionWrapper:
    """overdue_q() as a boolean column, for rows that show every record with its state."""
    return ExpressionWrapper(overdue_q(today), output_field=BooleanField())


def with_adoption_count(queryset):
    """The decisions page's rollout list: how many agencies each initiative is rolled out to.

    A correlated count, not a join grouped by dossier: PostgreSQL computes it for the page's
    rows only, where the join read every adoption record of every dossier in rollout (100,000
    at the bench's size) to show twenty."""
    adopters = (
        Adoption.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(adoption_count=Coalesce(Subquery(adopters), 0))
