"""What adoption adds to the public registry (initiatives.registry): how many agencies applied
each initiative, which ones, and the "adopt this initiative" box. Registered from
AdoptionConfig.ready(), since initiatives must not import adoption (DESIGN §3)."""

from django.db.models import Count, Prefetch, Q

from agencies import roles
from agencies.models import Agency
from common.slots import register_slot
from initiatives.registry import register_registry_context, register_registry_queryset

from .models import Adoption
from .services import OPEN_STATES

APPLIED = Adoption.Status.APPLIED


def with_applied_count(queryset):
    return queryset.annotate(applied_count=Count("adoptions", filter=Q(adoptions__status=APPLIED)))


def with_applied_adoptions(queryset):
    """Under its own name, so that a template cannot reach the unfiltered relation."""
    applied = Adoption.objects.filter(status=APPLIED).select_related("agency")
    return queryset.prefetch_related(
        Prefetch(
            "adoptions", queryset=applied.order_by("agency__name"), to_attr="applied_adoptions"
        )
    )


def adopt_options(initiative, user) -> dict | None:
    """What the "adopt" box offers an agency user: the agencies that may still adopt, and
    those already adopting. None for anyone else (the page then invites them to log in)."""
    agency_ids = roles.agency_member_ids(user)
    if not agency_ids:
        return None
    adopting = set(
        Adoption.objects.filter(initiative=initiative, agency_id__in=agency_ids).values_list(
            "agency_id", flat=True
        )
    )
    agencies = list(Agency.objects.filter(pk__in=agency_ids).order_by("name"))
    return {
        "open": initiative.status in OPEN_STATES,
        "choices": [a for a in agencies if a.pk not in adopting and a.pk != initiative.agency_id],
        "adopting": [a for a in agencies if a.pk in adopting],
        "own": any(a.pk == initiative.agency_id for a in agencies),
        "several": len(agencies) > 1,
    }


def detail_context(initiative, user) -> dict:
    """The registry page links the public documents for the agencies that adopt the
    initiative (and its author's); everyone else reads their names only."""
    adopt = adopt_options(initiative, user)
    return {"adopt": adopt, "documents_open": bool(adopt and (adopt["adopting"] or adopt["own"]))}


def register():
    register_registry_queryset(listing=with_applied_count, detail=with_applied_adoptions)
    register_registry_context(detail_context)
    register_slot("registry_list.head", "adoption/registry_applied_head.html")
    register_slot("registry_list.row", "adoption/registry_applied_cell.html")
    register_slot("registry_detail.aside", "adoption/registry_adopt.html")
    register_slot("registry_detail.aside", "adoption/registry_adopters.html", order=10)
