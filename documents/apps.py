from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Official documents")

    def ready(self):
        from common.slots import register_slot
        from workflow.promotion import register_promotion_step

        # council_minutes and notices register their acts; notices last, as it chains them.
        from . import council_minutes, notices, receivers  # noqa: F401
        from .act_links import email_context
        from .promotion import attach_agency_documents

        register_promotion_step(attach_agency_documents)
        from .council_docs import council_documents_slot
        from .dossier_views import may_draft_recognition
        from .registry import register as register_registry
        from .round_docs import round_documents_slot
        from .score_sheets import council_papers_link
        from .selectors import dossier_page_documents, timeline_entry_documents
        from .services import may_attach_signed_scan

        # The dossier page (workflow, a lower layer) offers the slot; its documents fill it.
        register_slot(
            "initiative_detail.documents",
            "documents/_dossier_documents.html",
            context=lambda ctx: {
                "documents": dossier_page_documents(ctx),
                "council_papers": council_papers_link(ctx),
                "recognition_draft": may_draft_recognition(ctx["initiative"], ctx["request"].user),
                "may_upload_scans": may_attach_signed_scan(ctx["request"].user, ctx["initiative"]),
            },
        )
        # Each timeline entry links to what its act issued (every version, a correction too).
        register_slot(
            "initiative_detail.timeline_entry",
            "documents/_timeline_documents.html",
            context=timeline_entry_documents,
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
