"""Writes to dossiers while they are being drafted. State changes live in workflow.services."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies import roles
from agencies.models import Agency, Person
from common.exceptions import Conflict, UploadTooLarge
from common.files import ALLOWED_TYPES, Refused, clean_filename, inspect_upload
from common.limits import MAX_AUTHORS, MAX_PARTICIPANTS
from common.text import clean_name, nfc

from .attachment_rules import appeal_upload_kind_ok, appeal_uploads_open
from .fields import AGENCY_FIELDS, AUTHOR_FIELDS, PARTICIPANT_FIELDS
from .models import Attachment, Author, CodeSequence, Initiative, Level, Participant, Status
from .person_links import resolve_person


def dossier_fields(data: dict, allowed=AGENCY_FIELDS) -> dict:
    """The application's fields from `data`; a name outside `allowed` is a caller's bug.
    A relation may be given as its object (`field`) or its key (`field_id`)."""
    names = {*allowed, *(Initiative._meta.get_field(name).attname for name in allowed)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise TypeError(f"Not a field the dossier's writer may set: {', '.join(unknown)}")
    return dict(data)


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
def _level_for(agency_id: int, requested: str | None) -> str:
    """An agency running its cơ sở track files there unless it asks for the provincial track
    (e.g. an initiative recognized before the track was on, with its decision attached)."""
    runs_track = Agency.objects.filter(pk=agency_id, runs_agency_track=True).exists()
    if requested in (None, ""):
        return Level.AGENCY if runs_track else Level.PROVINCIAL
    if requested not in Level.values:
        raise ValidationError({"level": _("Choose the agency level or the provincial level.")})
    if requested == Level.AGENCY and not runs_track:
        raise ValidationError(
            {"level": _("Your agency does not run its agency-level (cơ sở) track here.")}
        )
    return requested


def initiative_create(
    *, actor, data: dict, authors=(), participants=(), agency_id=None, level=None
):
    initiative = Initiative(**dossier_fields(data))
    initiative.agency_id = _owning_agency_id(actor, agency_id)
    initiative.level = _level_for(initiative.agency_id, level)
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
    for name, value in dossier_fields(data).items():
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
            Author(
                initiative=initiative,
                order=i,
                person=resolve_person(initiative.agency_id, row, Person),
                **_pick(row, AUTHOR_FIELDS),
            )
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


def _check_can_attach(initiative, actor, kind) -> None:
    """As editing, except that the letter of appeal may be added while an appeal is open."""
    if appeal_uploads_open(initiative) and roles.acts_for_agency(actor, initiative.agency_id):
        if not appeal_upload_kind_ok(kind):
            raise ValidationError(
                {
                    "kind": [
                        _(
                            "While the outcome may be appealed or the appeal is under review, "
                            "only the letter of appeal and its evidence can be attached."
                        )
                    ]
                }
            )
        return
    _check_can_edit(initiative, actor)


@transaction.atomic
def attachment_add(*, initiative, actor, file, kind, confidential=False):
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    _check_can_attach(initiative, actor, kind)
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


# --- The administrator's corrections -----------------------------------------------------------

# The admin may also move a draft to another agency; everything else is the agency's form.
ADMIN_FIELDS = (*AGENCY_FIELDS, "agency")


def _check_admin(actor, permission: str) -> None:
    if not actor.has_perm(f"initiatives.{permission}_initiative"):
        raise PermissionDenied(_("Only an administrator can change dossiers here."))


@transaction.atomic
def initiative_admin_create(*, actor, data: dict, authors=(), participants=()) -> Initiative:
    """A dossier typed in by the administrator for an agency: a draft like any other."""
    _check_admin(actor, "add")
    initiative = Initiative(**dossier_fields(data, ADMIN_FIELDS))
    initiative.created_by = actor
    initiative.save()
    _replace_people(initiative, authors, participants)
    return initiative


@transaction.atomic
def initiative_admin_update(
    *, initiative, actor, data: dict, authors=None, participants=None, attachment_kinds=None
) -> list[str]:
    """Correct a dossier the agency may still edit; returns the names of what changed.

    Same rules as the agency's own edits (fields, people limits, editable states); the
    agency is changed only while the dossier is an unsent draft."""
    _check_admin(actor, "change")
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not initiative.is_editable:
        raise Conflict(
            _("The dossier can only be edited as a draft or when a revision is requested."),
            status=initiative.status,
        )
    data = dossier_fields(data, ADMIN_FIELDS)
    if initiative.submitted_at is not None:
        data.pop("agency", None)
    changed = [name for name, value in data.items() if getattr(initiative, name) != value]
    for name in changed:
        setattr(initiative, name, data[name])
    initiative.save()
    _replace_people(initiative, authors, participants)
    changed += [name for name, rows in (("authors", authors), ("participants", participants))
                if rows is not None]  # fmt: skip
    if _change_attachment_kinds(initiative, attachment_kinds or {}):
        changed.append("attachments")
    return changed


@transaction.atomic
def initiative_admin_delete_draft(*, initiative, actor) -> None:
    """Delete a draft nobody has submitted (typed in by mistake, a duplicate): a dossier once
    submitted is part of the record and stays. Its files go once this commits."""
    _check_admin(actor, "delete")
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.status != Status.DRAFT or initiative.submitted_at is not None:
        raise Conflict(
            _("Only a draft that was never submitted can be deleted."), status=initiative.status
        )
    files = [attachment.file for attachment in initiative.attachments.all()]
    initiative.delete()
    transaction.on_commit(lambda: [file.delete(save=False) for file in files])


def _change_attachment_kinds(initiative, kinds: dict) -> bool:
    """{attachment id: kind}: the only thing about a stored file the admin may correct."""
    changed = False
    for attachment in initiative.attachments.filter(pk__in=list(kinds)):
        if attachment.kind != kinds[attachment.pk]:
            attachment.kind = kinds[attachment.pk]
            attachment.save(update_fields=["kind"])
            changed = True
    return changed
