"""The demo province's initiative council (demo.data.PROVINCIAL_COUNCIL), set up by decision
with its chair, vice-chair, secretary and members — each a demo account. It is set up on its
decision date, early in the oldest year of the demo's history (demo.history), so it sits for
every round."""

from datetime import date

from agencies.selectors import provincial_body
from workflow.council_body import Council, CouncilMember

from .data import PROVINCIAL_COUNCIL as SPEC
from .past import on, working_day


def decision_date(today: date) -> date:
    years_ago, month, day = SPEC["decided"]
    return working_day(today.year - years_ago, (month, day))


def ensure_council(people, today: date) -> Council:
    """The council (matched by its decision number), created with its members when missing."""
    council = Council.objects.filter(decision_number=SPEC["decision_number"]).first()
    if council is not None:
        return council
    decided = decision_date(today)
    with on(decided):
        return _create(people, decided)


def _create(people, decided: date) -> Council:
    numerator, denominator = SPEC["quorum"]
    council = Council.objects.create(
        name=SPEC["name"],
        body=provincial_body(),
        decision_number=SPEC["decision_number"],
        decision_date=decided,
        decision_signer=SPEC["decision_signer"],
        term_starts_on=decided,
        quorum_numerator=numerator,
        quorum_denominator=denominator,
        voting=SPEC.get("voting", Council.Voting.OPEN),
    )
    for order, (username, role, position, *name) in enumerate(SPEC["members"]):
        user = people[username] if username else None
        CouncilMember.objects.create(
            council=council, user=user, role=role, position=position, order=order,
            full_name=user.get_full_name() if user else name[0],
        )  # fmt: skip
    return council
