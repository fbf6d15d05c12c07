"""Links from the notification e-mail announcing an act to the documents the act issued.

notifications (a sibling layer) offers the slots "notification_email.documents_text" and
"notification_email.documents_html"; this fills them. Rendering runs in a task of its own, so
an e-mail sent before the act's documents are issued simply has no link (the dossier's link
still leads to them)."""

from django.conf import settings
from django.urls import reverse

from workflow.models import TransitionLog

from .issuing import ACT_ISSUERS
from .models import Document
from .selectors import documents_of_entry, initiative_documents


def _act(notification) -> TransitionLog | None:
    return (
        TransitionLog.objects.filter(
            initiative_id=notification.initiative_id,
            transition=notification.kind,
            created_at__lte=notification.created_at,
        )
        .order_by("-created_at", "-id")
        .first()
    )


def act_documents(notification) -> list[dict]:
    """The documents in force of the act the notification announces, those its recipient may
    read: each with its label, number and absolute link."""
    if notification.kind not in ACT_ISSUERS or notification.initiative_id is None:
        return []
    log = _act(notification)
    if log is None:
        return []
    documents = documents_of_entry(
        initiative_documents(notification.initiative, notification.recipient), log
    )
    return [
        {
            "label": document.get_kind_display(),
            "number": document.number,
            "format": document.get_format_display(),
            "url": settings.SITE_URL + reverse("documents:download", args=[document.pk]),
        }
        for document in documents
        if document.status == Document.Status.ISSUED
    ]


def email_context(context) -> dict | None:
    notification = context.get("notification")
    documents = act_documents(notification) if notification is not None else []
    return {"act_documents": documents} if documents else None
