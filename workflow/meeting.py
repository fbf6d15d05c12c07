"""The council's meeting on a dossier (NĐ 13 Điều 8, TT 18 Điều 8): who sits on it, who came,
whether the quorum is met, whose sheets count, and what the 2/3 rule counts against.

A seat is a CouncilMember of the council the dossier was assigned to, and `present` names
seats by their id. A round of an ad-hoc panel (no council body: rounds started before councils
were bodies set up by decision) has no seats: there `present` names the panel's users, the
panel counts as the members named, and the defaults below apply."""

import math
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common import clock

from .council_body import Council
from .models import CouncilAssignment, CouncilReview
from .scoring import Votes

# TT 18 Điều 8: a meeting is valid with two thirds of the members; the council's own setting
# replaces it (Council.quorum_numerator / quorum_denominator).
DEFAULT_QUORUM = (2, 3)
Base = Council.MajorityBase

BASE_PHRASES = {
    Base.NAMED: gettext_lazy("counted against the members named in the council's decision"),
    Base.PRESENT: gettext_lazy("counted against the members present at the meeting"),
    Base.ELIGIBLE: gettext_lazy("counted against the members present and not recused"),
    "": gettext_lazy("counted against the sheets submitted"),
}


@dataclass
class Seating:
    """This round's seats on a dossier: its review, the council (None for an ad-hoc panel),
    every assignment (recused ones included) and how many members its decision names."""

    review: CouncilReview
    council: Council | None
    assignments: list
    named: int

    def seat_id(self, assignment) -> int:
        return assignment.council_member_id if self.council else assignment.member_id

    @property
    def by_seat(self) -> dict:
        return {self.seat_id(a): a for a in self.assignments}

    @property
    def quorum(self) -> tuple[int, int]:
        if self.council is None:
            return DEFAULT_QUORUM
        return self.council.quorum_numerator, self.council.quorum_denominator

    @property
    def needed(self) -> int:
        """Members who must be present: ceil(numerator / denominator × named)."""
        numerator, denominator = self.quorum
        return math.ceil(numerator * self.named / denominator) if denominator else self.named

    @property
    def base(self) -> str:
        return self.council.majority_base if self.council else Base.NAMED

    @property
    def secret(self) -> bool:
        return self.review.is_secret


def scores(assignment) -> bool:
    """A seat whose sheet counts when present: not recused, and not a departed user."""
    member = assignment.member
    return not assignment.recused and (member is None or member.is_active)


def seating(initiative, *, lock=False) -> Seating:
    reviews = CouncilReview.objects.select_related("council", "rubric")
    if lock:
        reviews = reviews.select_for_update(of=("self",))
    review = reviews.get(initiative=initiative)
    assignments = list(
        CouncilAssignment.objects.filter(initiative=initiative)
        .select_related("member", "council_member", "sheet")
        .order_by("id")
    )
    council = review.council
    if council is not None:
        named = council.members.filter(is_active=True).count()
    else:
        named = sum(1 for a in assignments if scores(a))
    return Seating(review, council, assignments, named)


def submitted(assignment) -> bool:
    sheet = getattr(assignment, "sheet", None)
    return sheet is not None and sheet.is_locked


def present_by_default(seat) -> list[int]:
    """The seats whose sheet is in: the web form ticks them to start with."""
    return [seat.seat_id(a) for a in seat.assignments if submitted(a)]


# --- The checks of complete_scoring (each problem named by its field) -------------------------


def date_problems(meeting_date, review) -> dict:
    if meeting_date is None:
        return {"meeting_date": [_("Give the date of the council's meeting.")]}
    if meeting_date > clock.today():
        return {"meeting_date": [_("The meeting date cannot be in the future.")]}
    started = timezone.localdate(review.started_at)
    if meeting_date < started:
        return {
            "meeting_date": [
                _("The meeting cannot be before the council received the dossier (%(date)s).")
                % {"date": started.strftime("%d/%m/%Y")}
            ]
        }
    return {}


def presence_problems(seat, present_ids) -> list[str]:
    if not present_ids:
        return [_("Name the members present at the meeting.")]
    unknown = sorted(set(present_ids) - set(seat.by_seat))
    if unknown:
        return [
            _("These are not members of the council seated on this dossier: %(ids)s.")
            % {"ids": ", ".join(str(i) for i in unknown)}
        ]
    problems = []
    present = len(set(present_ids))
    if present < seat.needed:
        numerator, denominator = seat.quorum
        problems.append(
            _(
                "At least %(needed)s/%(named)s members must be present (quorum: "
                "%(num)s/%(den)s of the members named in the decision); %(present)s present."
            )
            % {"needed": seat.needed, "named": seat.named, "num": numerator,
               "den": denominator, "present": present}
        )  # fmt: skip
    if seat.secret:
        problems += secret_absentee_problems(seat, present_ids)
    return problems


def secret_absentee_problems(seat, present_ids) -> list[str]:
    """A secret ballot in the urn cannot be taken out again without revealing it: a member
    who has cast one was at the vote."""
    voted = [
        a.member_name
        for seat_id, a in seat.by_seat.items()
        if seat_id not in present_ids and getattr(getattr(a, "sheet", None), "has_voted", False)
    ]
    if not voted:
        return []
    return [
        _(
            "%(names)s cast a secret ballot, which cannot be withdrawn from the tally: "
            "record them as present."
        )
        % {"names": ", ".join(voted)}
    ]


def missing_sheets(seat, present_ids) -> list[str]:
    return [
        a.member_name
        for seat_id, a in seat.by_seat.items()
        if seat_id in present_ids and scores(a) and not submitted(a)
    ]


def problems(seat, meeting_date, present_ids) -> dict:
    found = date_problems(meeting_date, seat.review)
    present = presence_problems(seat, present_ids)
    if present:
        found["present"] = present
    missing = missing_sheets(seat, set(present_ids or ()))
    if missing:
        found["scoresheets"] = [
            _("Scoring is incomplete: waiting for %(names)s.") % {"names": ", ".join(missing)}
        ]
    return found


# --- What counts -------------------------------------------------------------------------------


def counted(seat, present_ids) -> list:
    """The assignments whose sheets count: present, not recused, submitted."""
    return [
        a
        for seat_id, a in seat.by_seat.items()
        if seat_id in present_ids and scores(a) and submitted(a)
    ]


def votes(seat, present_ids) -> Votes:
    """Open votes of the counted sheets plus the secret urn, against the council's base."""
    sheets = [a.sheet for a in counted(seat, present_ids)]
    agree = sum(1 for s in sheets if s.vote == "agree") + seat.review.ballots_agree
    disagree = sum(1 for s in sheets if s.vote == "disagree") + seat.review.ballots_disagree
    present = [a for seat_id, a in seat.by_seat.items() if seat_id in present_ids]
    denominator = {
        Base.NAMED: seat.named,
        Base.PRESENT: len(present),
        Base.ELIGIBLE: sum(1 for a in present if scores(a)),
    }[seat.base]
    return Votes(agree, disagree, denominator, seat.base, str(BASE_PHRASES[seat.base]))


def tally_text(review) -> str:
    """ "4/5 members agree (counted against the members named in the council's decision)"."""
    phrase = BASE_PHRASES.get(review.majority_base, BASE_PHRASES[""])
    return _("%(agree)s/%(n)s members agree (%(base)s)") % {
        "agree": review.agree_count,
        "n": review.majority_denominator,
        "base": phrase,
    }
