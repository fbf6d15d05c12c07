"""The demo province's initiative council (demo.data.PROVINCIAL_COUNCIL), set up by decision
with its chair, vice-chair, secretary and members — each a demo account."""

from datetime import date, timedelta

from agencies.selectors import provincial_body
from workflow.council_body import Council, CouncilMember

from .data import PROVINCIAL_COUNCIL as SPEC


def ensure_council(people, today: date) -> Council:
    """The council (matched by its decision number), created with its members when missing."""
    council = Council.objects.filter(decision_number=SPEC["decision_number"]).first()
    if council is not None:
        return council
    numerator, denominator = SPEC["quorum"]
    council = Council.objects.create(
        name=SPEC["name"],
        body=provincial_body(),
        decision_number=SPEC["decision_number"],
        decision_date=today - timedelta(days=SPEC["decision_days_ago"]),
        decision_signer=SPEC["decision_signer"],
        term_starts_on=today - timedelta(days=SPEC["decision_days_ago"]),
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
