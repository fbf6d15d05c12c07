"""Reads for the workflow: history, council work, and what a council member may see."""

from django.db.models import Exists, OuterRef, Q

from agencies import roles

from .models import CouncilAssignment, Rubric, TransitionLog


def council_visibility(user) -> Q | None:
    """Council members see the dossiers assigned to them (registered with initiatives)."""
    if not roles.is_council_member(user):
        return None
    assigned = CouncilAssignment.objects.filter(initiative=OuterRef("pk"), member=user)
    return Q(Exists(assigned))


def initiative_history(initiative):
    return TransitionLog.objects.filter(initiative=initiative).select_related("actor")


def active_rubric() -> Rubric:
    return Rubric.objects.filter(is_active=True).prefetch_related("criteria").latest("version")


def assignment_for(initiative, user):
    return (
        CouncilAssignment.objects.filter(initiative=initiative, member=user)
        .select_related("sheet")
        .first()
    )


def eligible_assignments(initiative):
    return CouncilAssignment.objects.filter(initiative=initiative, recused=False).select_related(
        "member", "sheet"
    )
