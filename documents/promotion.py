"""What promotion takes from the documents (workflow.promotion): the cơ sở recognition decision
becomes the provincial draft's attachment "Quyết định công nhận sáng kiến cấp cơ sở" (the signed
scan when the agency uploaded one: it is authoritative), and the agency council's minutes its
"Biên bản hội đồng cơ sở". A decision not rendered yet is issued now (the worker may lag)."""

from django.core.files.base import ContentFile

from common.files import ALLOWED_TYPES, PDF
from initiatives.models import AttachmentKind
from workflow.models import TransitionLog

from . import issuing
from .models import Document, DocumentKind

# The document, the act that issues it, the attachment it becomes.
ATTACHED = (
    (DocumentKind.RECOGNITION_DECISION, "recognize", AttachmentKind.QUYET_DINH_CO_SO),
    (DocumentKind.MINUTES, "complete_scoring", AttachmentKind.BIEN_BAN_CO_SO),
)


def _in_force(source, kind):
    return (
        Document.objects.filter(
            initiative=source, kind=kind, status=Document.Status.ISSUED, format=Document.Format.PDF
        )
        .order_by("-version")
        .first()
    )


def _issued(source, kind, transition):
    """The document in force, issued now if its act's task has not run yet."""
    found = _in_force(source, kind)
    if found is None:
        log = TransitionLog.objects.filter(initiative=source, transition=transition).last()
        if log is not None:
            issuing.issue_for_act(log.pk)
            found = _in_force(source, kind)
    return found


def attach_agency_documents(source, draft, actor) -> None:
    for kind, transition, attachment_kind in ATTACHED:
        if draft.attachments.filter(kind=attachment_kind).exists():
            continue  # the agency had attached its own
        document = _issued(source, kind, transition)
        if document is not None:
            _attach(draft, document, attachment_kind, actor)


def _attach(draft, document, kind, actor):
    scan = bool(document.signed_scan)
    handle = document.signed_scan if scan else document.file
    with handle.open("rb") as stream:
        content = stream.read()
    content_type = _scan_type(handle.name) if scan else PDF
    name = f"{document.get_kind_display()} {document.number}.{ALLOWED_TYPES[content_type]}"
    attachment = draft.attachments.model(
        initiative=draft, kind=kind, original_name=name.replace("/", "-"),
        content_type=content_type, size=len(content), uploaded_by=actor,
    )  # fmt: skip
    attachment.file.save(attachment.original_name, ContentFile(content), save=True)


def _scan_type(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower()
    return next((t for t, ext in ALLOWED_TYPES.items() if ext == extension), PDF)
