"""Drive a dossier through the real services to a given state.

Used by the demo loader and the tests, so both exercise the same code paths users do.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.files.base import ContentFile

from common import clock
from initiatives.models import AttachmentKind, Level, Status
from initiatives.services import attachment_add

from . import meeting, scoresheets, services
from .decisions import expected_scope
from .models import CouncilAssignment


@dataclass
class Cast:
    """The people who act: an agency user, a reviewer, the council set up by decision
    (`council_body`) and those of its members with an account who score (`council`), and a
    leader."""

    agency_user: object
    reviewer: object
    council: list
    leader: object
    council_body: object = None
    rollout_agencies: list = field(default_factory=list)
    # The head of the owning agency, who files appeals (agency_user when not given).
    agency_head: object = None
    scores: dict = field(
        default_factory=lambda: {"novelty": 30, "applicability": 22, "benefit": 24}
    )
    # Who signs the recognition decision, and the leader's reason when it goes against the
    # council's recommendation (required then).
    signer_name: str = ""  # the leader's own name unless set
    signer_authority: str = "vice_chairman"
    decision_suffix: str = "QĐ-UBND"  # "QĐ-STP" for an agency's own decision
    decision_reason: str = ""


# The path each state is reached by, from draft.
PATHS = {
    Status.DRAFT: [],
    Status.DEPARTMENT_REVIEW: ["submit"],
    Status.REVISION_REQUESTED: ["submit", "request_revision"],
    Status.COUNCIL_REVIEW: ["submit", "accept"],
    Status.AWAITING_DECISION: ["submit", "accept", "score", "complete_scoring"],
    Status.RECOGNIZED: ["submit", "accept", "score", "complete_scoring", "recognize"],
    Status.ROLLOUT: ["submit", "accept", "score", "complete_scoring", "recognize", "start_rollout"],
    Status.CLOSED: [
        "submit",
        "accept",
        "score",
        "complete_scoring",
        "recognize",
        "start_rollout",
        "close_rollout",
    ],
    Status.REVOKED: [
        "submit",
        "accept",
        "score",
        "complete_scoring",
        "recognize",
        "start_rollout",
        "revoke",
    ],
    Status.REFUSED: ["submit", "reject"],
    Status.REJECTED: ["submit", "accept", "score", "complete_scoring", "decline"],
    Status.WITHDRAWN: ["withdraw"],
    # An appeal against a refusal, awaiting the reviewer.
    Status.APPEAL_REVIEW: ["submit", "reject", "appeal"],
}


def advance(initiative, target: str, cast: Cast, *, today: date | None = None):
    for step in PATHS[target]:
        initiative = STEPS[step](initiative, cast, today or clock.today())
    return initiative


# The smallest file the upload check takes for a PDF: the stand-in for a scanned decision.
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def attach_agency_decision(initiative, actor):
    """The agency's own (cơ sở) recognition decision, which a provincial dossier carries
    (settings.REQUIRE_AGENCY_RECOGNITION_ATTACHMENT); added once, through the service."""
    kind = AttachmentKind.QUYET_DINH_CO_SO
    if not initiative.attachments.filter(kind=kind).exists():
        upload = ContentFile(PDF, name="quyet-dinh-cong-nhan-co-so.pdf")
        attachment_add(initiative=initiative, actor=actor, file=upload, kind=kind)
    return initiative


def _submit(i, cast, today):
    if i.level != Level.AGENCY:  # an agency-level dossier is how that decision comes about
        attach_agency_decision(i, cast.agency_user)
    return services.initiative_submit(initiative=i, actor=cast.agency_user)


def _request_revision(i, cast, today):
    return services.initiative_request_revision(
        initiative=i,
        actor=cast.reviewer,
        comment="Bổ sung biên bản họp hội đồng sáng kiến cơ sở và số liệu minh chứng.",
    )


def _accept(i, cast, today):
    return services.initiative_accept(initiative=i, actor=cast.reviewer, council=cast.council_body)


def _score(i, cast, today):
    """Every member of cast.council who sits on this round and is not recused scores."""
    scoring = set(
        CouncilAssignment.objects.filter(initiative=i, recused=False).values_list(
            "member", flat=True
        )
    )
    for member in (m for m in cast.council if m.pk in scoring):
        scoresheets.scoresheet_save(
            initiative_id=i.pk,
            actor=member,
            scores=cast.scores,
            vote="agree",
            submit=True,
            comment="Sáng kiến có tính thực tiễn cao.",
        )
    return i


def _complete_scoring(i, cast, today):
    """The council meets today; everyone who handed in a sheet is present."""
    return services.initiative_complete_scoring(
        initiative=i, actor=cast.reviewer, **meeting_minutes(i)
    )


def meeting_minutes(initiative) -> dict:
    """complete_scoring's arguments for a meeting held today with every member whose sheet is
    in: what a test or the demo passes when the meeting itself is not the point."""
    seat = meeting.seating(initiative)
    return {"meeting_date": clock.today(), "present": meeting.present_by_default(seat)}


def _recognize(i, cast, today):
    return services.initiative_recognize(
        initiative=i,
        actor=cast.leader,
        decision_number=f"{i.pk:03d}/{cast.decision_suffix}",
        decision_date=today,
        signer_name=cast.signer_name or cast.leader.get_full_name(),
        signer_authority=cast.signer_authority,
        scope=expected_scope(i),
        comment=cast.decision_reason,
    )


def _start_rollout(i, cast, today):
    return services.initiative_start_rollout(
        initiative=i,
        actor=cast.leader,
        target_agencies=[a.pk for a in cast.rollout_agencies],
        report_due=today + timedelta(days=90),
    )


def _close_rollout(i, cast, today):
    return services.initiative_close_rollout(initiative=i, actor=cast.leader)


def _revoke(i, cast, today):
    return services.initiative_revoke(
        initiative=i,
        actor=cast.leader,
        decision_number=f"{i.pk:03d}/QĐ-UBND-HB",
        decision_date=today,
        comment="Sáng kiến sao chép giải pháp đã được bảo hộ; hủy bỏ quyết định công nhận.",
    )


def _reject(i, cast, today):
    return services.initiative_reject(
        initiative=i,
        actor=cast.reviewer,
        grounds=["duplicate"],
        comment="Nội dung trùng với sáng kiến đã được công nhận.",
    )


def _decline(i, cast, today):
    return services.initiative_decline(
        initiative=i, actor=cast.leader, comment="Hiệu quả thực tế chưa được chứng minh."
    )


def _appeal(i, cast, today):
    return services.initiative_appeal(
        initiative=i,
        actor=cast.agency_head or cast.agency_user,
        comment="Hồ sơ đã đủ thành phần; đề nghị xem xét lại quyết định từ chối chấp nhận đơn.",
    )


def _withdraw(i, cast, today):
    return services.initiative_withdraw(initiative=i, actor=cast.agency_user)


STEPS = {
    "submit": _submit,
    "request_revision": _request_revision,
    "accept": _accept,
    "score": _score,
    "complete_scoring": _complete_scoring,
    "recognize": _recognize,
    "start_rollout": _start_rollout,
    "close_rollout": _close_rollout,
    "revoke": _revoke,
    "reject": _reject,
    "decline": _decline,
    "withdraw": _withdraw,
    "appeal": _appeal,
}
