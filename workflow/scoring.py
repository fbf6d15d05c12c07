"""The council's arithmetic (TT 18, Điều 8): mean scores, pass mark, and a 2/3 majority.

Comparisons are done on sums, not rounded means, so a total exactly at the pass mark passes
and 2 of 3 votes is exactly two thirds.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

TWO_PLACES = Decimal("0.01")


@dataclass
class ScoringResult:
    mean_scores: dict[str, Decimal]
    total: Decimal
    agree_count: int
    member_count: int
    recommended: bool
    reasons: list[str] = field(default_factory=list)


def compute(criteria, sheets, pass_total: Decimal) -> ScoringResult:
    """criteria: objects with code, name, min_points; sheets: objects with scores, vote."""
    n = len(sheets)
    sums = {
        c.code: sum((Decimal(str(s.scores.get(c.code, 0))) for s in sheets), Decimal(0))
        for c in criteria
    }
    grand_sum = sum(sums.values(), Decimal(0))
    agree = sum(1 for s in sheets if s.vote == "agree")
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
    if agree * 3 < n * 2:
        reasons.append(
            _("Only %(agree)s of %(n)s members agree; at least two thirds are needed.")
            % {"agree": agree, "n": n}
        )
    return ScoringResult(
        mean_scores={code: _mean(total, n) for code, total in sums.items()},
        total=_mean(grand_sum, n),
        agree_count=agree,
        member_count=n,
        recommended=n > 0 and not reasons,
        reasons=reasons,
    )


def _mean(total: Decimal, n: int) -> Decimal:
    return (total / n).quantize(TWO_PLACES, ROUND_HALF_UP) if n else Decimal(0)
