"""Who holds which role where. Memberships are read once per user object and cached on it,
so checking several permissions for one request costs one query."""

from .models import Membership, Role

_CACHE_ATTR = "_sangkien_memberships"
_TRACK_ATTR = "_sangkien_track_agencies"
# "The agency" in notifications and reminders: its staff and its head.
AGENCY_ROLES = (Role.AGENCY_STAFF, Role.AGENCY_HEAD)


def memberships(user) -> list[tuple[str, int]]:
    """(role, agency_id) pairs of an authenticated user."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        rows = Membership.objects.filter(user=user).values_list(
            "role", "agency_id", "agency__runs_agency_track"
        )
        cached = [(role, agency) for role, agency, _track in rows]
        setattr(user, _CACHE_ATTR, cached)
        setattr(user, _TRACK_ATTR, {agency for _role, agency, track in rows if track})
    return cached


def track_agency_ids(user) -> set[int]:
    """The user's agencies that run their cơ sở track here (read with the memberships)."""
    memberships(user)
    return getattr(user, _TRACK_ATTR, set())


def forget_memberships(user) -> None:
    for attr in (_CACHE_ATTR, _TRACK_ATTR):
        if hasattr(user, attr):
            delattr(user, attr)


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


def is_initiative_secretary(user) -> bool:
    return has_role(user, Role.INITIATIVE_SECRETARY)


def secretary_agency_ids(user) -> set[int]:
    """Agencies whose cơ sở track this user runs as initiative secretary."""
    return agencies_with_role(user, Role.INITIATIVE_SECRETARY)


def head_agency_ids(user) -> set[int]:
    return agencies_with_role(user, Role.AGENCY_HEAD)


def agency_role(user, agency_id: int) -> str:
    """The role in which a user acts for an agency; the head's role wins over staff."""
    roles = {role for role, agency in memberships(user) if agency == agency_id}
    return Role.AGENCY_HEAD if Role.AGENCY_HEAD in roles else Role.AGENCY_STAFF


def oversees_province(user) -> bool:
    """Reviewers, leaders and administrators see province-wide figures and records."""
    return bool(getattr(user, "is_superuser", False) or is_reviewer(user) or is_leader(user))
