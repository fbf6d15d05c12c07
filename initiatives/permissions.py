"""Who may take each transition: pure role rules, used by the FSM and by the services."""

from agencies import roles


def is_owner(initiative, user) -> bool:
    return roles.acts_for_agency(user, initiative.agency_id)


def is_reviewer(initiative, user) -> bool:
    return roles.is_reviewer(user)


def is_leader(initiative, user) -> bool:
    return roles.is_leader(user)


def is_leader_or_reviewer(initiative, user) -> bool:
    return roles.is_leader(user) or roles.is_reviewer(user)


def nobody(initiative, user) -> bool:
    """Transitions only the system (Celery beat) takes."""
    return False


def sees_confidential(initiative, user) -> bool:
    """Confidential details (TT 18: thông tin cần bảo mật) stay inside the review process:
    the submitting agency, reviewers, council members and leaders. An agency that merely
    adopts a recognized initiative sees the public part only."""
    return (
        user.is_superuser
        or is_owner(initiative, user)
        or roles.is_reviewer(user)
        or roles.is_leader(user)
        or roles.is_council_member(user)
    )
