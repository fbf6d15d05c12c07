"""When the owning agency may attach files besides editing its dossier: the letter of appeal
(and its evidence) while a refusal or non-recognition may still be appealed or while the appeal
is under review (workflow: appeal). Every other upload follows the editable states."""

from .attachments import AttachmentKind
from .models import Status

APPEAL_UPLOAD_STATES = (Status.REFUSED, Status.REJECTED, Status.APPEAL_REVIEW)


def appeal_uploads_open(initiative) -> bool:
    """An outcome made final by an upheld appeal can no longer be appealed: nothing to add."""
    return initiative.status in APPEAL_UPLOAD_STATES and not initiative.appeal_final


def appeal_upload_kind_ok(kind: str) -> bool:
    return kind == AttachmentKind.DON_KHIEU_NAI
