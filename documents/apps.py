from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Official documents")

    def ready(self):
        from common.slots import register_slot

        # council_minutes and notices register their acts; notices last, as it chains them.
        from . import council_minutes, notices, receivers  # noqa: F401
        from .act_links import email_context
        from .council_docs import council_documents_slot
        from .registry import register as register_registry
        from .round_docs import round_documents_slot
        from .selectors import initiative_documents
        from .services import may_attach_signed_scan

        # The dossier page (workflow, a lower layer) offers the slot; its documents fill it.
        register_slot(
            "initiative_detail.documents",
            "documents/_dossier_documents.html",
            context=lambda ctx: {
                "documents": initiative_documents(ctx["initiative"], ctx["request"].user),
                "may_upload_scans": may_attach_signed_scan(ctx["request"].user),
            },
        )
        # The e-mail announcing an act links to the documents it issued.
        for variant in ("text", "html"):
            register_slot(
                f"notification_email.documents_{variant}",
                f"documents/email/_act_documents.{'txt' if variant == 'text' else 'html'}",
                context=email_context,
            )
        register_slot(
            "councils.documents",
            "documents/_council_documents.html",
            context=council_documents_slot,
        )
        register_registry()  # the registry links the signed recognition decision
        register_slot(
            "round_page.documents", "documents/_round_documents.html", context=round_documents_slot
        )
