"""Reads about people: their roles and their API tokens, shaped for pages."""

from django.db.models import Q
from django.utils import timezone

from .models import Agency, ApiToken, Membership
from .roles import AGENCY_ROLES


def memberships_of(user):
    """The user's roles with their agencies, agency by agency."""
    return Membership.objects.filter(user=user).select_related("agency").order_by("agency__name")


def live_api_tokens_of(user):
    """The user's tokens that still work, newest first (an expired one is deleted by knox at
    its next use, and is of no interest meanwhile)."""
    alive = Q(expiry__isnull=True) | Q(expiry__gt=timezone.now())
    return ApiToken.objects.filter(alive, user=user).order_by("-created")


def agency_people_by_agency(agency_ids) -> dict[int, list]:
    """Staff and heads of each agency (active users), in one query."""
    people: dict[int, dict] = {}
    memberships = Membership.objects.filter(
        agency_id__in=set(agency_ids), role__in=AGENCY_ROLES, user__is_active=True
    ).select_related("user")
    for membership in memberships.order_by("user_id"):
        people.setdefault(membership.agency_id, {})[membership.user_id] = membership.user
    return {agency: list(users.values()) for agency, users in people.items()}


def provincial_body():
    """UBND tỉnh: the body that recognizes provincial initiatives (the root Agency of kind
    `provincial`; Văn phòng UBND tỉnh is of that kind too, under it). None before agencies are
    loaded."""
    return (
        Agency.objects.filter(kind=Agency.Kind.PROVINCIAL, parent__isnull=True, is_active=True)
        .order_by("id")
        .first()
    )
