"""Which documents an act of the workflow issues, and issuing them (called by tasks.py).

Each act is a TransitionLog row; a document of an act is keyed by it (act_key), so running this
twice for one act issues nothing new. Each document is issued in its own transaction: a failure
of one certificate leaves the others issued, and the task can run again (issuing the rest)."""

from django.db import transaction
from django.utils import timezone

from initiatives.models import Initiative, Status
from workflow.models import IntakeEntry, RoundDossier, TransitionLog

from . import builders
from .models import Document, DocumentKind
from .numbering import format_number
from .services import document_issue, documents_revoke

# Acts that issue something, {transition: issuer(log, initiative) -> [Document]}: the receivers
# enqueue a task for these only. Each kind of document registers its acts (register_act) from
# its own module, imported by DocumentsConfig.ready.
ACT_ISSUERS: dict = {}
ISSUING_ACTS = ACT_ISSUERS.keys()  # a live view: what is registered later is in it too


def register_act(transition: str, issuer) -> None:
    ACT_ISSUERS[transition] = issuer


def act_key(log, suffix: str = "") -> str:
    return f"transition:{log.pk}{suffix}"


def issue_for_act(log_id: int) -> list[Document]:
    """The documents of the act `log_id` (issued now or before); [] for an act without any or a
    log that no longer exists (a stale task)."""
    log = TransitionLog.objects.select_related("actor").filter(pk=log_id).first()
    if log is None or log.transition not in ACT_ISSUERS:
        return []
    initiative = Initiative.objects.select_related("agency").get(pk=log.initiative_id)
    return ACT_ISSUERS[log.transition](log, initiative)


def _receipt_of_act(log, initiative) -> list[Document]:
    receipt = issue_receipt(log, initiative)
    return [receipt] if receipt else []


def _resubmission_index(log) -> int:
    if log.transition != "resubmit":
        return 0
    return TransitionLog.objects.filter(
        initiative_id=log.initiative_id, transition="resubmit", pk__lte=log.pk
    ).count()


def issue_receipt(log, initiative) -> Document | None:
    """Giấy biên nhận: the number is the intake book's (a dossier keeps it when resubmitted)."""
    intake = IntakeEntry.objects.filter(initiative=initiative).first()
    if intake is None:  # submitted before the intake book existed
        return None
    return document_issue(
        kind=DocumentKind.RECEIPT,
        act_key=act_key(log),
        number=format_number(DocumentKind.RECEIPT, intake.number, intake.year),
        on=timezone.localdate(log.created_at),
        build=builders.receipt_builder(
            initiative=initiative,
            intake=intake,
            log=log,
            resubmission=_resubmission_index(log),
        ),
        initiative=initiative,
        log=log,
    )


# What a revocation revokes (workflow: revoke).
ATTESTING_KINDS = (DocumentKind.CERTIFICATE, DocumentKind.RECOGNITION_DECISION)


def issue_certificates(log, initiative) -> list[Document]:
    """Giấy chứng nhận sáng kiến: one per author, numbered per year without gaps. A dossier of a
    round (decided in one batch) names its round."""
    entry = RoundDossier.objects.filter(initiative=initiative).first()
    return [
        _issue_certificate(log, initiative, author, entry.round_id if entry else None)
        for author in initiative.authors.order_by("order", "id")
    ]


@transaction.atomic
def _issue_certificate(log, initiative, author, round_id) -> Document:
    """Issued under the dossier's row lock, which a revocation takes too: a certificate issued
    after the recognition was revoked (the task ran late) is revoked at once — the act
    happened — and a revocation never misses one issued at the same moment."""
    status = (
        Initiative.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=initiative.pk)
    )
    document = document_issue(
        kind=DocumentKind.CERTIFICATE,
        act_key=act_key(log, f":author:{author.pk}"),
        on=timezone.localdate(log.created_at),
        verifiable=True,
        build=builders.certificate_builder(initiative=initiative, author=author),
        initiative=initiative,
        round_id=round_id,
        author=author,
        person_id=author.person_id,
        log=log,
        issued_by=log.actor,
    )
    if status == Status.REVOKED and document.status == Document.Status.ISSUED:
        documents_revoke(initiative=initiative, kinds=ATTESTING_KINDS)
        document.refresh_from_db()
    return document


def issue_missing(since, before) -> list[int]:
    """Acts between `since` and `before` that should have issued a document and have none (their
    task was lost to a broker outage or a crash): their log ids, for the sweeper."""
    return list(
        TransitionLog.objects.filter(
            transition__in=list(ACT_ISSUERS), created_at__gte=since, created_at__lt=before
        )
        .exclude(documents__isnull=False)
        .values_list("pk", flat=True)
    )


register_act("submit", _receipt_of_act)
register_act("resubmit", _receipt_of_act)
register_act("recognize", issue_certificates)
