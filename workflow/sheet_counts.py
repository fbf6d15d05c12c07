"""The council's sheets per dossier, counted for the rows a page shows (correlated subqueries,
never grouped over every assignment of the council's dossiers)."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import CouncilAssignment


def sheet_counts(queryset, *, expected: str, submitted: str):
    """Each dossier's seats that score (not recused) and sheets submitted: counted for the
    page's rows only, not grouped over every assignment of the council's dossiers."""
    seats = CouncilAssignment.objects.filter(initiative=OuterRef("pk"), recused=False)
    return queryset.annotate(
        **{
            expected: _count_of(seats),
            submitted: _count_of(seats.filter(sheet__submitted_at__isnull=False)),
        }
    )


def _count_of(rows):
    counted = rows.order_by().values("initiative").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
