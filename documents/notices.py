"""The notices and decisions the workflow's acts issue (issue 12, DESIGN §9):

- request_revision → Thông báo yêu cầu sửa đổi, bổ sung (numbered per year);
- reject, expire → Thông báo từ chối chấp nhận đơn (numbered per year);
- decline → Thông báo không công nhận sáng kiến (numbered per year);
- recognize → Quyết định công nhận sáng kiến with its annexed list, numbered as the leader
  recorded it; a round decided in one batch gets ONE decision listing every dossier it
  recognized, keyed by round and decision number so every dossier's task finds the same one;
- revoke → Quyết định hủy bỏ công nhận (PDF, and a Word draft to edit before signing).

Registered with issuing.register_act; an act that already issues something (recognize issues
the certificates) keeps it and issues these too."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from initiatives.models import Initiative, Status
from workflow.models import RoundDossier

from . import decision_builders, notice_builders
from .issuing import ACT_ISSUERS, act_key, register_act
from .models import Document, DocumentKind
from .services import document_issue, documents_revoke


def _notice(kind, builder):
    def issue(log, initiative) -> list[Document]:
        document = document_issue(
            kind=kind,
            act_key=act_key(log),
            on=timezone.localdate(log.created_at),
            build=builder(initiative=initiative, log=log),
            initiative=initiative,
            log=log,
            issued_by=log.actor,
        )
        return [document]

    return issue


issue_revision_notice = _notice(
    DocumentKind.REVISION_NOTICE, notice_builders.revision_notice_builder
)
issue_refusal_notice = _notice(DocumentKind.REFUSAL_NOTICE, notice_builders.refusal_notice_builder)
issue_non_recognition_notice = _notice(
    DocumentKind.NON_RECOGNITION_NOTICE, notice_builders.non_recognition_notice_builder
)


# --- Quyết định công nhận -------------------------------------------------------------------


def _decision_of(log, initiative) -> dict:
    data = log.data or {}
    decided = data.get("decision_date")
    return {
        "number": data.get("decision_number") or initiative.decision_number,
        "date": date.fromisoformat(decided) if decided else initiative.decision_date,
        "signer_name": data.get("signer_name", initiative.signer_name),
        "signer_authority": data.get("signer_authority", initiative.signer_authority),
        "scope": data.get("scope", initiative.scope),
    }


def round_dossiers(round_id: int, decision_number: str) -> list[Initiative]:
    """Every dossier of the round that this decision recognized, in the annex's order."""
    return list(
        Initiative.objects.filter(
            intake_round_entry__round_id=round_id, decision_number=decision_number
        )
        .exclude(decided_at__isnull=True)
        .select_related("agency")
        .order_by("code", "pk")
    )


@transaction.atomic
def issue_recognition_decision(log, initiative) -> list[Document]:
    """Under the dossier's row lock, as the certificates: a decision issued after the
    recognition was revoked (the task ran late) is revoked at once."""
    status = (
        Initiative.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=initiative.pk)
    )
    decision = _decision_of(log, initiative)
    entry = RoundDossier.objects.filter(initiative=initiative).first()
    about = {"initiative": initiative}
    key, dossiers = act_key(log), [initiative]
    if entry is not None:
        # One decision for the round: every dossier's act lands on the same key, and
        # document_issue serialises on it, so it is issued once however the tasks run.
        key = f"round:{entry.round_id}:decision:{decision['number']}"
        dossiers = round_dossiers(entry.round_id, decision["number"]) or [initiative]
        about = {"round_id": entry.round_id}
    document = document_issue(
        kind=DocumentKind.RECOGNITION_DECISION,
        act_key=key[:100],
        number=decision["number"],
        on=decision["date"],
        verifiable=True,
        build=decision_builders.recognition_decision_builder(dossiers=dossiers, decision=decision),
        log=log,
        issued_by=log.actor,
        **about,
    )
    if document.initiative_id and status == Status.REVOKED:
        documents_revoke(initiative=initiative, kinds=[DocumentKind.RECOGNITION_DECISION])
        document.refresh_from_db()
    return [document]


# --- Quyết định hủy bỏ công nhận ------------------------------------------------------------


def issue_revocation_decision(log, initiative) -> list[Document]:
    data = log.data or {}
    decided = data.get("decision_date")
    decided = date.fromisoformat(decided) if decided else timezone.localdate(log.created_at)
    common = {
        "kind": DocumentKind.REVOCATION_DECISION,
        "number": data.get("decision_number") or initiative.revocation_number,
        "on": decided,
        "initiative": initiative,
        "log": log,
        "issued_by": log.actor,
    }
    builder = decision_builders.revocation_decision_builder
    pdf = document_issue(
        act_key=act_key(log),
        verifiable=True,
        build=builder(initiative=initiative, log=log, decided=decided),
        **common,
    )
    draft = document_issue(
        act_key=act_key(log, ":draft"),
        build=builder(initiative=initiative, log=log, decided=decided, draft=True),
        **common,
    )
    return [pdf, draft]


def _also(transition: str, issuer) -> None:
    """Register `issuer` for `transition`, after whatever that act already issues."""
    before = ACT_ISSUERS.get(transition)
    if before is None:
        register_act(transition, issuer)
        return

    def both(log, initiative) -> list[Document]:
        return [*before(log, initiative), *issuer(log, initiative)]

    register_act(transition, both)


_also("request_revision", issue_revision_notice)
_also("reject", issue_refusal_notice)
_also("expire", issue_refusal_notice)
_also("decline", issue_non_recognition_notice)
_also("recognize", issue_recognition_decision)
_also("revoke", issue_revocation_decision)
