"""Writes to dossiers while they are being drafted. State changes live in workflow.services."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies import roles
from common.exceptions import Conflict, UploadTooLarge
from common.files import ALLOWED_TYPES, Refused, clean_filename, inspect_upload
from common.limits import MAX_AUTHORS, MAX_PARTICIPANTS
from common.text import clean_name, nfc

from .models import Attachment, Author, CodeSequence, Initiative, Participant

AUTHOR_FIELDS = (
    "full_name",
    "birth_date",
    "workplace",
    "position",
    "qualification",
    "contribution_percent",
)
PARTICIPANT_FIELDS = ("full_name", "birth_date", "workplace", "position", "qualification", "task")


def _owning_agency_id(actor, requested_agency_id=None) -> int:
    agencies = roles.agency_member_ids(actor)
    if not agencies:
        raise PermissionDenied(_("Only agency staff or heads can create a dossier."))
    if requested_agency_id is not None:
        if requested_agency_id not in agencies:
            raise PermissionDenied(_("You cannot create a dossier for another agency."))
        return requested_agency_id
    if len(agencies) > 1:
        raise ValidationError({"agency": _("You belong to several agencies: choose one.")})
    return next(iter(agencies))


@transaction.atomic
def initiative_create(*, actor, data: dict, authors=(), participants=(), agency_id=None):
    initiative = Initiative(**data)
    initiative.agency_id = _owning_agency_id(actor, agency_id)
    initiative.created_by = actor
    initiative.save()
    _replace_people(initiative, authors, participants)
    return initiative


def _check_can_edit(initiative, actor):
    if not roles.acts_for_agency(actor, initiative.agency_id):
        raise PermissionDenied(_("Only the submitting agency can edit this dossier."))
    if not initiative.is_editable:
        raise Conflict(
            _("The dossier can only be edited as a draft or when a revision is requested."),
            status=initiative.status,
        )


@transaction.atomic
def initiative_update(*, initiative, actor, data: dict, authors=None, participants=None):
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    _check_can_edit(initiative, actor)
    for name, value in data.items():
        setattr(initiative, name, value)
    initiative.save()
    _replace_people(initiative, authors, participants)
    return initiative


def _replace_people(initiative, authors, participants):
    """Authors and participants are edited as whole lists, like the rows of the paper form."""
    _check_people_counts(authors, participants)
    if authors is not None:
        initiative.authors.all().delete()
        Author.objects.bulk_create(
            Author(initiative=initiative, order=i, **_pick(row, AUTHOR_FIELDS))
            for i, row in enumerate(authors)
        )
    if participants is not None:
        initiative.participants.all().delete()
        Participant.objects.bulk_create(
            Participant(initiative=initiative, order=i, **_pick(row, PARTICIPANT_FIELDS))
            for i, row in enumerate(participants)
        )


def _check_people_counts(authors, participants) -> None:
    problems = {}
    for field, rows, limit in (
        ("authors", authors, MAX_AUTHORS),
        ("participants", participants, MAX_PARTICIPANTS),
    ):
        if rows is not None and len(rows) > limit:
            problems[field] = [_("At most %(limit)s rows.") % {"limit": limit}]
    if problems:
        raise ValidationError(problems)


def _pick(row: dict, names) -> dict:
    # bulk_create skips Model.save(), so text is normalised to NFC here.
    return {
        name: _clean(name, row[name]) for name in names if name in row and row[name] is not None
    }


def _clean(name: str, value):
    if not isinstance(value, str):
        return value
    return clean_name(value) if name == "full_name" else nfc(value)


def initiative_assign_code(initiative, *, year: int) -> None:
    """Hand out SK-<year>-<seq> once, on first submission; the counter row is locked."""
    if initiative.code:
        return
    CodeSequence.objects.get_or_create(year=year)
    sequence = CodeSequence.objects.select_for_update().get(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    initiative.code = f"SK-{year}-{sequence.last:04d}"


def check_upload(file) -> str:
    """Refuse files over the size limit, whose content is not an allowed type, or that are
    unsafe or damaged (common.files.inspect_upload). Nothing is stored before this passes."""
    name = clean_filename(file.name)
    limit = settings.ATTACHMENT_MAX_BYTES
    if file.size > limit:
        raise UploadTooLarge(
            _("The file “%(name)s” is %(size)s; the limit is %(limit)s.")
            % {"name": name, "size": filesizeformat(file.size), "limit": filesizeformat(limit)}
        )
    try:
        content_type = inspect_upload(file)
    except Refused as refused:
        raise ValidationError(
            {
                "file": _("The file “%(name)s” was refused: %(reason)s.")
                % {"name": name, "reason": refused.reason}
            }
        )
    if content_type is None:
        allowed = ", ".join(ext.upper() for ext in ALLOWED_TYPES.values())
        raise ValidationError(
            {
                "file": _(
                    "The content of “%(name)s” is not an accepted type. Accepted: %(allowed)s."
                )
                % {"name": name, "allowed": allowed}
            }
        )
    return content_type


@transaction.atomic
def attachment_add(*, initiative, actor, file, kind, confidential=False):
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    _check_can_edit(initiative, actor)
    content_type = check_upload(file)
    attachment = Attachment(
        initiative=initiative,
        kind=kind,
        original_name=clean_filename(file.name, content_type),
        content_type=content_type,
        size=file.size,
        confidential=confidential,
        uploaded_by=actor,
    )
    attachment.file.save(file.name, file, save=False)
    # If the row cannot be written, do not leave an orphan file behind.
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    Initiative.objects.filter(pk=initiative.pk).update(updated_at=timezone.now())
    return attachment


@transaction.atomic
def attachment_delete(*, attachment, actor):
    _check_can_edit(attachment.initiative, actor)
    attachment.delete()
    transaction.on_commit(lambda: attachment.file.delete(save=False))
