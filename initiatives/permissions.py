"""Who may take each transition: pure role rules, used by the FSM and by the services.

One state machine runs both recognition tracks (DESIGN §4, §5); who acts at each step follows
from the dossier's level. On the provincial track: the Department's reviewer, the provincial
council, a provincial leader. On an agency's own (cơ sở) track: that agency's initiative
secretary, its council, its head."""

from agencies import roles
from agencies.models import Role

from .choices import Level


def acts_as_reviewer(initiative, user) -> bool:
    """Registers, checks and accepts: the reviewer, or the agency's secretary at cơ sở level."""
    if initiative.level == Level.AGENCY:
        return initiative.agency_id in roles.secretary_agency_ids(user)
    return roles.is_reviewer(user)


def runs_track(initiative, user) -> bool:
    """Who checks or decides this dossier on its track (reviewers and leaders, or the agency's
    secretary and head at cơ sở level), and administrators."""
    return bool(
        getattr(user, "is_superuser", False)
        or acts_as_reviewer(initiative, user)
        or acts_as_leader(initiative, user)
    )


def acts_as_leader(initiative, user) -> bool:
    """Recognizes or declines: a provincial leader, or the agency's head at cơ sở level."""
    if initiative.level == Level.AGENCY:
        return initiative.agency_id in roles.head_agency_ids(user)
    return roles.is_leader(user)


def is_owner(initiative, user) -> bool:
    return roles.acts_for_agency(user, initiative.agency_id)


def is_owner_head(initiative, user) -> bool:
    """The head of the owning agency: the one who may complain on its behalf (not its staff)."""
    return initiative.agency_id in roles.agencies_with_role(user, Role.AGENCY_HEAD)


def is_appeal_resolver(initiative, user) -> bool:
    """The reviewer resolves an appeal against a refusal, the leader one against a
    non-recognition. With no appeal on file either may ask, and the state answers (409)."""
    if initiative.appealed_from == "refused":
        return acts_as_reviewer(initiative, user)
    if initiative.appealed_from == "rejected":
        return acts_as_leader(initiative, user)
    return acts_as_reviewer(initiative, user) or acts_as_leader(initiative, user)


def is_reviewer(initiative, user) -> bool:
    return acts_as_reviewer(initiative, user)


def is_leader(initiative, user) -> bool:
    return acts_as_leader(initiative, user)


def is_leader_or_reviewer(initiative, user) -> bool:
    return acts_as_leader(initiative, user) or acts_as_reviewer(initiative, user)


# The secretary of the council assigned to a dossier (workflow knows councils; initiatives
# does not import it): provider(initiative, user) -> bool.
_secretary_providers = []


def register_council_secretary(provider):
    if provider not in _secretary_providers:
        _secretary_providers.append(provider)
    return provider


def is_council_secretary(initiative, user) -> bool:
    return any(provider(initiative, user) for provider in _secretary_providers)


def is_reviewer_or_council_secretary(initiative, user) -> bool:
    """complete_scoring (DESIGN §5): the council's secretary records the meeting, or the
    Department's reviewer does."""
    return acts_as_reviewer(initiative, user) or is_council_secretary(initiative, user)


def nobody(initiative, user) -> bool:
    """Transitions only the system (Celery beat) takes."""
    return False


# Other apps tell who else takes part in a dossier's review (workflow: the members of the
# council assigned to it) without initiatives importing them. Each provider answers
# provider(initiative, user) -> bool for one dossier.
_insider_providers = []


def register_insider(provider):
    _insider_providers.append(provider)
    return provider


def sees_confidential(initiative, user) -> bool:
    """Confidential details (TT 18: thông tin cần bảo mật), authors' birth dates, confidential
    attachments and the council's scores stay inside this dossier's review: the submitting
    agency, reviewers, leaders, and the members of the council assigned to *this* dossier.
    Decided per dossier, never by a role held elsewhere (DESIGN.md §6). An agency that merely
    adopts a recognized initiative sees the public part only."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        user.is_superuser
        or is_owner(initiative, user)
        or acts_as_reviewer(initiative, user)
        or acts_as_leader(initiative, user)
        or any(provider(initiative, user) for provider in _insider_providers)
    )
