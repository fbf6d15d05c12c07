"""Who sits on a dossier's council round, decided at `accept`.

The dossier goes to a council set up by decision (council_body.Council): every active seat is
assigned, each with its recusal, and the council must be able to meet — it is active, belongs to
the body that recognizes the dossier, covers its field, is within its term, and has enough
members who are not recused for its quorum. Only a province that still allows it
(settings.COUNCIL_ADHOC_PANELS) may hand-pick an ad-hoc panel of users with the council role.

council_rounds.council_round_start(initiative=…, plan=…) turns a Plan into the round's rows.
"""

import math
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from agencies.models import Role, User
from agencies.selectors import provincial_body
from initiatives.models import Level

from .council_body import Council, CouncilMember
from .intake_rounds import RoundDossier
from .selectors import recusal_reason

MIN_COUNCIL_MEMBERS = 3  # of an ad-hoc panel (COUNCIL_ADHOC_PANELS)

Problems = dict[str, list[str]]


@dataclass(frozen=True)
class PlannedSeat:
    """One assignment of the round: the account that scores (None for an outside expert),
    the seat in the council's decision (None on an ad-hoc panel), and why it is recused."""

    member: User | None
    seat: CouncilMember | None = None
    reason: str = ""

    @property
    def name(self) -> str:
        return self.seat.full_name if self.seat else self.member.get_full_name()


@dataclass
class Plan:
    council: Council | None
    seats: list[PlannedSeat] = field(default_factory=list)

    @property
    def eligible(self) -> list[PlannedSeat]:
        return [s for s in self.seats if not s.reason]

    @property
    def recused(self) -> list[PlannedSeat]:
        return [s for s in self.seats if s.reason]

    def log_details(self) -> dict:
        """What the accept entry of the audit trail records (insiders read it)."""
        details = {"council_members": [s.member.pk for s in self.seats if s.member]}
        if self.council is not None:
            details["council"] = {"id": self.council.pk, "name": self.council.name}
        return details


# --- Councils set up by decision ----------------------------------------------------------------


def councils_with_seats():
    """Councils with their active seats (users and their memberships) and fields: one query
    per relation whatever the number of councils."""
    seats = (
        CouncilMember.objects.filter(is_active=True)
        .select_related("user")
        .prefetch_related("user__memberships")
        .order_by("order", "id")
    )
    return Council.objects.select_related("body").prefetch_related(
        Prefetch("members", queryset=seats, to_attr="active_seats"), "fields"
    )


def recognizing_body(initiative):
    """The body whose council assesses the dossier: UBND tỉnh on the provincial track, the
    applicant agency itself on its cơ sở track."""
    if initiative.level == Level.AGENCY:
        return initiative.agency
    return provincial_body()


def quorum_of(council, named: int) -> int:
    """Members needed to meet: the council's fraction of the members named, rounded up."""
    if not council.quorum_denominator:
        return named
    return math.ceil(named * council.quorum_numerator / council.quorum_denominator)


def seat_plan(initiative, council) -> list[PlannedSeat]:
    """Every active seat of the council with its recusal, in the order of the decision."""
    planned = []
    for seat in council.active_seats:
        user = seat.user
        if user is not None and not user.is_active:
            continue  # a departed member's account: named, but cannot sit
        agencies = {m.agency_id for m in user.memberships.all()} if user else set()
        planned.append(PlannedSeat(user, seat, recusal_reason(initiative, user, agencies)))
    return planned


def council_problems(initiative, council, seats, today: date, body) -> list[str]:
    """Each reason this council cannot take this dossier, in Vietnamese; [] when it can.
    `body` is the recognizing body of the dossier's track (UBND tỉnh, provincial_body())."""
    problems = []
    if not council.is_active:
        problems.append(_("The council “%(name)s” is no longer active.") % {"name": council.name})
    if body is not None and council.body_id != body.pk:
        message = (
            _("The council “%(name)s” belongs to %(body)s; initiatives at agency level are "
              "assessed by the agency's own council (%(expected)s).")
            if initiative.level == Level.AGENCY
            else _("The council “%(name)s” belongs to %(body)s; provincial initiatives are "
                   "assessed by a council of %(expected)s.")
        )  # fmt: skip
        problems.append(
            message % {"name": council.name, "body": council.body.name, "expected": body.name}
        )
    fields = list(council.fields.all())
    if fields and initiative.field_id not in {f.code for f in fields}:  # field: to_field=code
        problems.append(
            _("The council “%(name)s” does not cover the field “%(field)s”.")
            % {"name": council.name, "field": initiative.field.name if initiative.field else "—"}
        )
    problems.extend(_term_problems(council, today))
    problems.extend(_quorum_problems(council, seats))
    return problems


def _term_problems(council, today: date) -> list[str]:
    if council.term_ends_on and council.term_ends_on < today:
        return [
            _("The term of the council “%(name)s” ended on %(date)s.")
            % {"name": council.name, "date": council.term_ends_on.strftime("%d/%m/%Y")}
        ]
    if council.term_starts_on and council.term_starts_on > today:
        return [
            _("The term of the council “%(name)s” starts on %(date)s.")
            % {"name": council.name, "date": council.term_starts_on.strftime("%d/%m/%Y")}
        ]
    return []


def _quorum_problems(council, seats) -> list[str]:
    named = len(council.active_seats)
    needed = quorum_of(council, named)
    eligible = [s for s in seats if not s.reason]
    if named and len(eligible) >= needed:
        return []
    message = _(
        "The council needs %(needed)s members who are not recused to meet its quorum "
        "(%(num)s/%(den)s of the %(named)s members named); only %(count)s are."
    ) % {
        "needed": max(needed, 1),
        "num": council.quorum_numerator,
        "den": council.quorum_denominator,
        "named": named,
        "count": len(eligible),
    }
    recused = "; ".join(f"{s.name} ({s.reason})" for s in seats if s.reason)
    if recused:
        message += " " + _("Recused: %(list)s.") % {"list": recused}
    return [message]


def council_plan(*, initiative, council, today: date) -> tuple[Plan, Problems]:
    """The round for `council` (a Council or its id) and the problems found, under `council`."""
    if council in (None, ""):
        return Plan(None), {"council": [_("Choose the council set up by decision.")]}
    pk = council.pk if isinstance(council, Council) else council
    found = councils_with_seats().filter(pk=pk).first()
    if found is None:
        return Plan(None), {"council": [_("There is no council %(id)s.") % {"id": pk}]}
    seats = seat_plan(initiative, found)
    problems = council_problems(initiative, found, seats, today, recognizing_body(initiative))
    return Plan(found, seats), ({"council": problems} if problems else {})


def councils_for(initiative, today: date) -> list[dict]:
    """The active councils of the recognizing body, each with its seats and what prevents it
    from taking this dossier: the choices of the accept forms."""
    body = recognizing_body(initiative)
    queryset = councils_with_seats().filter(is_active=True)
    if body is not None:
        queryset = queryset.filter(body=body)
    of_round = (
        RoundDossier.objects.filter(initiative_id=initiative.pk)
        .values_list("round__council_id", flat=True)
        .first()
    )
    rows = []
    for council in queryset.order_by("-decision_date", "id"):
        seats = seat_plan(initiative, council)
        rows.append(
            {
                "council": council,
                "seats": seats,
                "problems": council_problems(initiative, council, seats, today, body),
                "quorum": quorum_of(council, len(council.active_seats)),
                "of_round": council.pk == of_round,  # the council named on the dossier's round
            }
        )
    return rows


def preselected_council(rows):
    """The council the accept form offers first: the one named on the dossier's round if it
    can take the dossier, else the only one that can; None when the reviewer must choose."""
    fitting = [row["council"].pk for row in rows if not row["problems"]]
    of_round = [row["council"].pk for row in rows if row.get("of_round")]
    if of_round and of_round[0] in fitting:
        return of_round[0]
    return fitting[0] if len(fitting) == 1 else None


# --- The ad-hoc panel (settings.COUNCIL_ADHOC_PANELS) -------------------------------------------


def adhoc_plan(*, initiative, member_ids) -> tuple[Plan, Problems]:
    """The hand-picked panel of the earlier version, where the province still allows it."""
    if not settings.COUNCIL_ADHOC_PANELS:
        return Plan(None), {
            "council": [
                _("Choose the council set up by decision: hand-picked council members are no "
                  "longer accepted.")
            ]
        }  # fmt: skip
    members = list(
        User.objects.filter(
            pk__in=member_ids, is_active=True, memberships__role=Role.COUNCIL_MEMBER
        ).distinct()
    )
    problems = {}
    unknown = set(member_ids) - {m.pk for m in members}
    if unknown:
        problems["council_members"] = [
            _("These users are not council members: %(ids)s.")
            % {"ids": ", ".join(str(i) for i in sorted(unknown))}
        ]
    plan = Plan(None, [PlannedSeat(m, None, recusal_reason(initiative, m)) for m in members])
    if len(plan.eligible) < MIN_COUNCIL_MEMBERS:
        message = _(
            "At least %(min)s council members who are not recused are needed; %(count)s chosen."
        ) % {"min": MIN_COUNCIL_MEMBERS, "count": len(plan.eligible)}
        if plan.recused:
            recused = "; ".join(f"{s.name} ({s.reason})" for s in plan.recused)
            message += " " + _("Recused: %(list)s.") % {"list": recused}
        problems.setdefault("council_members", []).append(message)
    return plan, problems
