"""A council set up by decision, seated on a dossier in council_review.

The dossiers of these tests reach council_review through the scenario's accept (the Province
fixture's council); seat_on() moves such a dossier to another council with the functions accept
itself uses (council_plan and council_round_start), so the round is exactly what
`accept {"council": id}` makes. Recusals are by identity; `recused` adds some for a test."""

from datetime import date

from agencies.models import Role
from common import clock
from tests.conftest import make_user
from workflow.council_plan import council_plan
from workflow.council_rounds import council_round_start
from workflow.models import (
    Council,
    CouncilAssignment,
    CouncilMember,
    CouncilReview,
    ScoreSheet,
)

ROLES = [CouncilMember.Role.CHAIR, CouncilMember.Role.VICE_CHAIR, CouncilMember.Role.SECRETARY]
GOOD = {"novelty": 30, "applicability": 22, "benefit": 24}


def make_council(province, size=5, *, experts=0, **settings) -> Council:
    """`size` seats with accounts (chair, vice-chair, secretary, then members), each a user
    with the council_member role at a department that applies for nothing in the tests; then
    `experts` outside experts without an account. settings: voting, majority_base, quorum."""
    council = Council.objects.create(
        name="Hội đồng sáng kiến tỉnh Thái Nguyên",
        body=province.ubnd,
        decision_number="1234/QĐ-UBND",
        decision_date=date(2026, 1, 15),
        decision_signer="Chủ tịch UBND tỉnh",
        **settings,
    )
    agencies = [province.skhcn, province.snv, province.vp]
    for order in range(size):
        user = make_user(
            f"seat{council.pk}_{order + 1}",
            f"Thành Viên Số {order + 1}",
            (Role.COUNCIL_MEMBER, agencies[order % len(agencies)]),
        )
        role = ROLES[order] if order < len(ROLES) else CouncilMember.Role.MEMBER
        CouncilMember.objects.create(
            council=council, user=user, full_name=user.full_name, role=role, order=order
        )
    for number in range(experts):
        CouncilMember.objects.create(
            council=council,
            user=None,
            full_name=f"Chuyên Gia Ngoài {number + 1}",
            role=CouncilMember.Role.EXPERT,
            position="Trường Đại học Thái Nguyên",
            order=size + number,
        )
    return council


def seats(council) -> list[CouncilMember]:
    return list(council.members.order_by("order", "id").select_related("user"))


def secretary(council):
    return council.members.get(role=CouncilMember.Role.SECRETARY).user


def seat_on(initiative, council, *, recused=()) -> CouncilReview:
    """The dossier (in council_review) is now this council's: the round the scenario's accept
    made is discarded (never scored) and the council's round starts as accept starts it."""
    CouncilAssignment.objects.filter(initiative=initiative).delete()
    CouncilReview.objects.filter(initiative=initiative).delete()
    plan, problems = council_plan(initiative=initiative, council=council, today=clock.today())
    assert not problems, problems
    council_round_start(initiative=initiative, plan=plan)
    if recused:
        CouncilAssignment.objects.filter(
            initiative=initiative, council_member__in=list(recused)
        ).update(recused=True, recusal_reason="Làm việc tại cơ quan nộp đơn")
    return CouncilReview.objects.get(initiative=initiative)


def sheet_of(initiative, seat) -> ScoreSheet | None:
    return ScoreSheet.objects.filter(
        assignment__initiative=initiative, assignment__council_member=seat
    ).first()


def minutes_body(initiative, *, web=False) -> dict:
    """complete_scoring's body for a meeting today with everyone whose sheet is in: for the API
    (ISO date) or a web form (dd/mm/yyyy)."""
    from workflow.scenarios import meeting_minutes

    minutes = meeting_minutes(initiative)
    day = minutes["meeting_date"]
    return {
        "meeting_date": day.strftime("%d/%m/%Y") if web else day.isoformat(),
        "present": minutes["present"],
    }


def all_seat_ids(initiative) -> list[int]:
    """The ids `present` takes for every seat on the dossier, recused ones included."""
    from workflow import meeting

    return list(meeting.seating(initiative).by_seat)
