"""Writes of official documents: issue, correct (a new version), revoke.

Issued means immutable: no service here rewrites a stored file or its checksum. A correction is
the next version of the same act, with the same number; the old row turns `superseded` in the
same transaction. Each service is atomic."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agencies import roles
from agencies.models import Role
from common import clock
from common.exceptions import Conflict
from common.files import ALLOWED_TYPES, JPEG, PDF, PNG
from initiatives import permissions as can
from initiatives.models import Initiative
from initiatives.services import check_upload
from workflow.models import TransitionLog
from workflow.permissions import SIGNED_SCAN

from .models import Document, DocumentKind, new_verification_code
from .numbering import format_number, lock_sequence, series_of, take_number


@dataclass
class Rendered:
    """What a builder returns: the file and what the document states."""

    content: bytes
    format: str  # Document.Format
    title: str
    data: dict = field(default_factory=dict)


# A builder renders the document it is given (number, code and date already set).
Builder = Callable[[Document], Rendered]


def _store(document: Document, rendered: Rendered) -> None:
    document.format = rendered.format
    document.title = rendered.title[:500]
    document.data = rendered.data
    document.sha256 = hashlib.sha256(rendered.content).hexdigest()
    document.file.save(f"{document.kind}.{rendered.format}", ContentFile(rendered.content), False)
    try:
        document.save()
    except BaseException:
        document.file.delete(save=False)  # no orphan file for a row that was never written
        raise


@transaction.atomic
def document_issue(
    *,
    kind: str,
    act_key: str,
    build: Builder,
    on: date | None = None,
    number: str | None = None,
    verifiable: bool = False,
    issued_by=None,
    **about,
) -> Document:
    """Issue the document of an act once: a second call for the same (kind, act_key) returns the
    first document. `number` is a number given elsewhere (the intake book's, for a receipt);
    without it the next number of (kind, year) is taken. `about`: initiative, council, round,
    author, person, log."""
    on = on or clock.today()
    series = series_of(about)
    counter = lock_sequence(kind, on.year, series)  # also serialises two issues of the act
    existing = Document.objects.filter(kind=kind, act_key=act_key).order_by("-version").first()
    if existing:
        return existing
    seq = None if number else take_number(counter)
    document = Document(
        kind=kind,
        act_key=act_key,
        sequence=seq,
        year=on.year,
        series=series,
        number=number or format_number(kind, seq, on.year, series),
        issued_at=timezone.now(),
        issued_by=issued_by,
        verification_code=new_verification_code() if verifiable else None,
        **about,
    )
    _store(document, build(document))
    return document


@transaction.atomic
def document_correct(*, document: Document, build: Builder, issued_by=None) -> Document:
    """Issue the next version of an issued document (same act, same number) and mark the old one
    superseded. Only the current, issued version can be corrected."""
    old = Document.objects.select_for_update().get(pk=document.pk)
    if old.status != Document.Status.ISSUED:
        raise ValueError(f"Document {old.pk} is {old.status}: only an issued one is corrected.")
    Document.objects.filter(pk=old.pk).update(status=Document.Status.SUPERSEDED)
    new = Document(
        kind=old.kind,
        act_key=old.act_key,
        sequence=old.sequence,
        year=old.year,
        series=old.series,
        number=old.number,
        version=old.version + 1,
        supersedes=old,
        issued_at=timezone.now(),
        issued_by=issued_by,
        verification_code=new_verification_code() if old.verification_code else None,
        initiative_id=old.initiative_id,
        council_id=old.council_id,
        round_id=old.round_id,
        author_id=old.author_id,
        person_id=old.person_id,
        log_id=old.log_id,
    )
    _store(new, build(new))
    return new


def documents_revoke(*, initiative, kinds) -> int:
    """A revoked recognition revokes what attested it (its certificates and decision), in the
    revoking transaction, so the verification page says so at once."""
    return Document.objects.filter(
        initiative=initiative, kind__in=list(kinds), status=Document.Status.ISSUED
    ).update(status=Document.Status.REVOKED)


SCAN_TYPES = (PDF, PNG, JPEG)


def may_attach_signed_scan(user, initiative=None, council=None) -> bool:
    """Who checks or decides on the track of what was signed uploads it: the standing office
    (reviewers) and leaders for the province's papers, the agency's secretary and head for its
    own (cơ sở) dossier or council; administrators too."""
    if initiative is not None:
        return can.runs_track(initiative, user)
    if user.is_superuser:
        return True
    body = getattr(council, "body", None)
    if body is not None and not (body.kind == "provincial" and body.parent_id is None):
        return body.pk in roles.secretary_agency_ids(user) | roles.head_agency_ids(user)
    return roles.is_reviewer(user) or roles.is_leader(user)


@transaction.atomic
def document_attach_signed_scan(*, document: Document, file, actor) -> Document:
    """The signed and stamped paper, scanned (PDF or picture, checked like every upload),
    becomes the authoritative copy of a document a leader signs. Once attached it is never
    replaced: a wrong scan is put right by correcting the document (a new version takes its own
    scan). The timeline of each dossier the document is about says so."""
    if not may_attach_signed_scan(actor, document.initiative, document.council):
        raise PermissionDenied(_("Only reviewers and leaders upload signed documents."))
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if not locked.is_signed_on_paper:
        raise ValidationError(
            _("Only a document a leader signs (a decision, a certificate) takes a signed scan.")
        )
    if locked.signed_scan:
        raise Conflict(_("This document already has its signed scan."), status=locked.status)
    if locked.status == Document.Status.SUPERSEDED:
        raise Conflict(_("A superseded version takes no signed scan."), status=locked.status)
    content_type = check_upload(file)
    if content_type not in SCAN_TYPES:
        raise ValidationError({"file": [_("A signed scan is a PDF, PNG or JPEG file.")]})
    file.seek(0)
    content = file.read()
    locked.signed_scan_sha256 = hashlib.sha256(content).hexdigest()
    locked.signed_scan.save(f"scan.{ALLOWED_TYPES[content_type]}", ContentFile(content), False)
    try:
        locked.save(update_fields=["signed_scan", "signed_scan_sha256"])
        _log_signed_scan(locked, actor)
    except BaseException:
        locked.signed_scan.delete(save=False)  # nothing half-written: no orphan file
        raise
    return locked


def _log_signed_scan(document: Document, actor) -> None:
    """A line on the timeline of the dossier the document is about (each dossier of a round's
    decision). The kind is kept as its untranslated label: the timeline shows it in the
    reader's language. A council's decision is about no dossier: its page shows the scan."""
    if document.initiative_id:
        dossiers = [document.initiative_id]
    elif document.kind == DocumentKind.RECOGNITION_DECISION:
        dossiers = (document.data or {}).get("dossiers", [])
    else:
        return
    with translation.override(None):
        label = str(document.get_kind_display())
    role = "admin"  # a superuser acting for the office
    if roles.is_leader(actor):
        role = Role.LEADER
    elif roles.is_reviewer(actor):
        role = Role.REVIEWER
    details = {"document": document.pk, "kind": document.kind, "label": label,
               "number": document.number, "version": document.version}  # fmt: skip
    for initiative in Initiative.objects.filter(pk__in=dossiers).order_by("pk"):
        TransitionLog.objects.create(
            initiative=initiative,
            transition=SIGNED_SCAN,
            source=initiative.status,
            target=initiative.status,
            actor=actor,
            role=role,
            data=details,
        )
