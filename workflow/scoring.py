"""The council's arithmetic (TT 18, Điều 8): mean scores, pass mark, and a 2/3 majority.

Comparisons are done on sums, not rounded means, so a total exactly at the pass mark passes
and 4 agree votes of 6 members is exactly two thirds. The 2/3 rule counts agree votes against
a denominator the caller gives (the council's majority base: the members named in its
decision by default, TT 18 Điều 8 read literally); without one, against the sheets given.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

TWO_PLACES = Decimal("0.01")


@dataclass
class Votes:
    """The tally: agree and disagree votes, and what the 2/3 rule counts them against."""

    agree: int
    disagree: int
    denominator: int
    base: str = ""  # Council.MajorityBase value; "" = the sheets submitted
    base_phrase: str = ""  # how the page says it: "counted against the members named…"


@dataclass
class ScoringResult:
    mean_scores: dict[str, Decimal]
    total: Decimal
    agree_count: int
    member_count: int
    recommended: bool
    reasons: list[str] = field(default_factory=list)
    disagree_count: int = 0
    denominator: int = 0
    base: str = ""


def votes_of(sheets) -> Votes:
    """Votes read from open sheets, counted against the sheets themselves."""
    agree = sum(1 for s in sheets if s.vote == "agree")
    disagree = sum(1 for s in sheets if s.vote == "disagree")
    return Votes(agree, disagree, len(sheets))


def two_thirds(agree: int, denominator: int) -> bool:
    return denominator > 0 and agree * 3 >= denominator * 2


def compute(criteria, sheets, pass_total: Decimal, votes: Votes | None = None) -> ScoringResult:
    """criteria: objects with code, name, min_points; sheets: objects with scores (the means
    are over these); votes: the tally (read from the sheets' votes when not given)."""
    votes = votes if votes is not None else votes_of(sheets)
    n = len(sheets)
    sums = {
        c.code: sum((Decimal(str(s.scores.get(c.code, 0))) for s in sheets), Decimal(0))
        for c in criteria
    }
    grand_sum = sum(sums.values(), Decimal(0))
    reasons = []
    if grand_sum < pass_total * n:
        reasons.append(
            _("The mean total is below the pass mark of %(mark)s.") % {"mark": pass_total}
        )
    for c in criteria:
        if sums[c.code] < c.min_points * n:
            reasons.append(
                _("The mean score for “%(name)s” is below its minimum of %(min)s.")
                % {"name": c.name, "min": c.min_points}
            )
    if not two_thirds(votes.agree, votes.denominator):
        reasons.append(_majority_reason(votes))
    return ScoringResult(
        mean_scores={code: _mean(total, n) for code, total in sums.items()},
        total=_mean(grand_sum, n),
        agree_count=votes.agree,
        member_count=n,
        recommended=n > 0 and not reasons,
        reasons=reasons,
        disagree_count=votes.disagree,
        denominator=votes.denominator,
        base=votes.base,
    )


def _majority_reason(votes: Votes) -> str:
    if votes.base_phrase:
        return _(
            "Only %(agree)s of %(n)s members agree (%(base)s); at least two thirds are needed."
        ) % {"agree": votes.agree, "n": votes.denominator, "base": votes.base_phrase}
    return _("Only %(agree)s of %(n)s members agree; at least two thirds are needed.") % {
        "agree": votes.agree,
        "n": votes.denominator,
    }


def _mean(total: Decimal, n: int) -> Decimal:
    return (total / n).quantize(TWO_PLACES, ROUND_HALF_UP) if n else Decimal(0)
