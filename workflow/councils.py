"""Councils set up by decision, managed by leaders and administrators: reads for the lists
(API and pages, a constant number of queries) and the one write, council_save.

A council is written with its seats in one transaction; a seat that has sat on a dossier is
never deleted (its assignments point at it): taken off the council, it is made inactive."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from agencies import roles
from agencies.models import Role
from agencies.selectors import provincial_body
from common import clock

from .council_body import Council, CouncilMember
from .models import CouncilAssignment, CouncilReview, EarlierScoreSheet
from .tracks import deciding_agency_ids

MIN_MEMBERS = 3


def managed_bodies(user) -> set[int] | None:
    """The bodies whose councils this user sets up (None: every body, for administrators): a
    provincial leader the province's committee's, an agency's head (cơ sở track) the agency's."""
    if getattr(user, "is_superuser", False):
        return None
    cached = getattr(user, "_managed_council_bodies", None)
    if cached is not None:  # asked once per council on the councils page
        return cached
    bodies = set(deciding_agency_ids(user))
    if roles.is_leader(user):
        body = provincial_body()  # None until the agencies are loaded: said at save
        bodies.add(body.pk if body is not None else None)
    user._managed_council_bodies = bodies
    return bodies


def may_manage_councils(user) -> bool:
    bodies = managed_bodies(user)
    return bodies is None or bool(bodies)


def may_manage_council(user, council) -> bool:
    bodies = managed_bodies(user)
    return bodies is None or council.body_id in bodies


def seen_bodies(user) -> set[int] | None:
    """Whose councils this user reads (None: all): the province's people read every council;
    an agency's secretary or head its own agency's."""
    if may_manage_councils(user) and managed_bodies(user) is None:
        return None
    if roles.is_leader(user) or roles.is_reviewer(user) or roles.is_council_member(user):
        return None
    return roles.secretary_agency_ids(user) | deciding_agency_ids(user)


def may_see_councils(user) -> bool:
    """Leaders, reviewers and council members (and administrators) read the councils; an
    agency running its cơ sở track reads its own."""
    bodies = seen_bodies(user)
    return bodies is None or bool(bodies)


def councils_list(*, active: bool | None = None, bodies: set[int] | None = None):
    """Councils with their body, fields and active seats (users joined), newest decision first."""
    seats = (
        CouncilMember.objects.filter(is_active=True).select_related("user").order_by("order", "id")
    )
    queryset = Council.objects.select_related("body").prefetch_related(
        Prefetch("members", queryset=seats, to_attr="active_seats"), "fields"
    )
    if active is not None:
        queryset = queryset.filter(is_active=active)
    if bodies is not None:
        queryset = queryset.filter(body_id__in=bodies)
    return queryset.order_by("-is_active", "-decision_date", "-id")


def council_detail(pk):
    return councils_list().filter(pk=pk).first()


# --- The write ----------------------------------------------------------------------------------


@dataclass
class SeatInput:
    """One line of the council's member list: a user, or an outside expert by name."""

    user: object = None
    full_name: str = ""
    position: str = ""
    role: str = CouncilMember.Role.MEMBER
    pk: int | None = None


COUNCIL_FIELDS = (
    "name", "kind", "body", "decision_number", "decision_date", "decision_signer",
    "term_starts_on", "term_ends_on", "voting", "quorum_numerator", "quorum_denominator",
    "majority_base", "is_active",
)  # fmt: skip


def council_problems(data: dict, seats: list[SeatInput]) -> dict[str, list[str]]:
    """What is wrong with a council as entered, per field, in Vietnamese."""
    problems: dict[str, list[str]] = {}

    def add(field, message):
        problems.setdefault(field, []).append(message)

    if "body" in data and data["body"] is None:
        add("body", _("Load the province's agencies first: the council belongs to UBND tỉnh."))
    decided = data.get("decision_date")
    if decided and decided > clock.today():
        add("decision_date", _("The decision date cannot be in the future."))
    starts, ends = data.get("term_starts_on"), data.get("term_ends_on")
    if starts and ends and ends < starts:
        add("term_ends_on", _("The term cannot end before it starts."))
    numerator, denominator = data.get("quorum_numerator"), data.get("quorum_denominator")
    if not denominator or not numerator or numerator > denominator:
        add("quorum_numerator", _("The quorum is a fraction between 1/%(d)s and 1.")
            % {"d": denominator or 1})  # fmt: skip
    for message in _seat_problems(seats):
        add("members", message)
    return problems


# How the council votes and counts cannot change under a dossier it is assessing: a switch
# between open and secret voting mid-round would mix named votes with the anonymous tally.
VOTING_RULES = ("voting", "quorum_numerator", "quorum_denominator", "majority_base")


def rule_change_problems(council, data: dict) -> dict[str, list[str]]:
    changed = [
        name for name in VOTING_RULES if name in data and data[name] != getattr(council, name)
    ]
    if not changed:
        return {}
    codes = _codes_being_assessed(council)
    if not codes:
        return {}
    message = _(
        "The council is assessing %(codes)s: its voting mode, quorum and two-thirds base cannot "
        "change until that scoring is completed."
    ) % {"codes": codes}
    return {name: [message] for name in changed}


def _codes_being_assessed(council) -> str:
    """The dossiers (up to five) the council is scoring now, or "" when none."""
    open_rounds = CouncilReview.objects.filter(council=council, completed_at__isnull=True)
    return ", ".join(
        code or "?" for code in open_rounds.values_list("initiative__code", flat=True)[:5]
    )


def _seat_problems(seats: list[SeatInput]) -> list[str]:
    problems = []
    if len(seats) < MIN_MEMBERS:
        problems.append(
            _("A council has at least %(min)s members; %(count)s entered.")
            % {"min": MIN_MEMBERS, "count": len(seats)}
        )
    count = {role: sum(s.role == role for s in seats) for role in CouncilMember.Role.values}
    if count[CouncilMember.Role.CHAIR] > 1:
        problems.append(_("A council has at most one chair."))
    if count[CouncilMember.Role.SECRETARY] == 0:
        problems.append(_("Name the member who is the council's secretary."))
    users = [s.user for s in seats if s.user is not None]
    if len({u.pk for u in users}) < len(users):
        problems.append(_("A person sits on the council only once."))
    for user in users:
        if not roles.has_role(user, Role.COUNCIL_MEMBER):
            problems.append(
                _("%(name)s does not hold the council member role: give it first, or enter "
                  "them as an outside expert.") % {"name": user.get_full_name()}
            )  # fmt: skip
    if any(s.user is None and not s.full_name.strip() for s in seats):
        problems.append(_("Give the full name of each outside expert."))
    return problems


@transaction.atomic
def council_save(*, actor, data: dict, seats: list[SeatInput], council=None) -> Council:
    """Create a council (council None) or change one, with its whole member list."""
    body = data.get("body") if council is None else council.body
    bodies = managed_bodies(actor)
    if bodies is not None and getattr(body, "pk", None) not in bodies:
        raise PermissionDenied(
            _("Only provincial leaders (the province's council) and an agency's head (its own "
              "council) manage councils.")
        )  # fmt: skip
    problems = council_problems(data, seats)
    if council is None:
        council = Council()
    else:
        # As saved (a form may have changed the instance it was given), and locked.
        council = Council.objects.select_for_update().get(pk=council.pk)
        problems |= rule_change_problems(council, data)
        for field, messages in seat_change_problems(council, seats).items():
            problems.setdefault(field, []).extend(messages)
    if problems:
        raise ValidationError(problems)
    for name in COUNCIL_FIELDS:
        if name in data:
            setattr(council, name, data[name])
    council.save()
    if "fields" in data:
        council.fields.set(data["fields"])
    _save_seats(council, seats)
    return council


def _match_seats(council, seats: list[SeatInput]) -> list[CouncilMember]:
    """The seat each line of the list is: the existing one it names (by id, else by user), or
    a new, unsaved one."""
    existing = {seat.pk: seat for seat in council.members.all()} if council.pk else {}
    by_user = {seat.user_id: seat for seat in existing.values() if seat.user_id}
    return [
        existing.get(entry.pk)
        or (by_user.get(entry.user.pk) if entry.user else None)
        or CouncilMember(council=council)
        for entry in seats
    ]


def seat_change_problems(council, seats: list[SeatInput]) -> dict[str, list[str]]:
    """The members named (and their roles) are fixed while the council assesses a dossier: the
    quorum and the 2/3 rule count them, and the secretary records the meeting."""
    before = {(s.pk, s.user_id, s.role) for s in council.members.filter(is_active=True)}
    after = {(seat.pk, getattr(entry.user, "pk", None), entry.role)
             for seat, entry in zip(_match_seats(council, seats), seats, strict=True)}  # fmt: skip
    if before == after:
        return {}
    codes = _codes_being_assessed(council)
    if not codes:
        return {}
    return {
        "members": [
            _(
                "The council is assessing %(codes)s: its members and their roles cannot change "
                "until that scoring is completed (names and positions can be corrected)."
            )
            % {"codes": codes}
        ]
    }


def _save_seats(council, seats: list[SeatInput]) -> None:
    existing = {seat.pk: seat for seat in council.members.all()}
    kept = set()
    for order, (seat, entry) in enumerate(zip(_match_seats(council, seats), seats, strict=True)):
        seat.user = entry.user
        seat.full_name = (entry.full_name.strip() or entry.user.get_full_name()) if entry.user \
            else entry.full_name.strip()  # fmt: skip
        seat.position, seat.role, seat.order, seat.is_active = (
            entry.position,
            entry.role,
            order,
            True,
        )
        seat.save()
        kept.add(seat.pk)
    gone = [pk for pk in existing if pk not in kept]
    used = set(
        CouncilAssignment.objects.filter(council_member__in=gone).values_list(
            "council_member", flat=True
        )
    ) | set(
        EarlierScoreSheet.objects.filter(council_member__in=gone).values_list(
            "council_member", flat=True
        )
    )
    CouncilMember.objects.filter(pk__in=used).update(is_active=False)
    CouncilMember.objects.filter(pk__in=set(gone) - used).delete()
