"""Who holds which role where. Memberships are read once per user object and cached on it,
so checking several permissions for one request costs one query."""

from .models import Membership, Role

_CACHE_ATTR = "_sangkien_memberships"
# "The agency" in notifications and reminders: its staff and its head.
AGENCY_ROLES = (Role.AGENCY_STAFF, Role.AGENCY_HEAD)


def memberships(user) -> list[tuple[str, int]]:
    """(role, agency_id) pairs of an authenticated user."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).values_list("role", "agency_id"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def has_role(user, *roles: str) -> bool:
    return any(role in roles for role, _agency in memberships(user))


def agencies_with_role(user, *roles: str) -> set[int]:
    return {agency for role, agency in memberships(user) if role in roles}


def agency_member_ids(user) -> set[int]:
    """Agencies for which the user prepares or endorses dossiers."""
    return agencies_with_role(user, Role.AGENCY_STAFF, Role.AGENCY_HEAD)


def acts_for_agency(user, agency_id: int) -> bool:
    return agency_id in agency_member_ids(user)


def is_reviewer(user) -> bool:
    return has_role(user, Role.REVIEWER)


def is_leader(user) -> bool:
    return has_role(user, Role.LEADER)


def is_council_member(user) -> bool:
    return has_role(user, Role.COUNCIL_MEMBER)


def agency_role(user, agency_id: int) -> str:
    """The role in which a user acts for an agency; the head's role wins over staff."""
    roles = {role for role, agency in memberships(user) if agency == agency_id}
    return Role.AGENCY_HEAD if Role.AGENCY_HEAD in roles else Role.AGENCY_STAFF


def oversees_province(user) -> bool:
    """Reviewers, leaders and administrators see province-wide figures and records."""
    return bool(getattr(user, "is_superuser", False) or is_reviewer(user) or is_leader(user))
