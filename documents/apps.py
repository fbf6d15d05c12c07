from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Official documents")

    def ready(self):
        from common.slots import register_slot

        from . import council_minutes, receivers  # noqa: F401
        from .council_docs import council_documents_slot
        from .round_docs import round_documents_slot
        from .selectors import initiative_documents

        # The dossier page (workflow, a lower layer) offers the slot; its documents fill it.
        register_slot(
            "initiative_detail.documents",
            "documents/_dossier_documents.html",
            context=lambda ctx: {
                "documents": initiative_documents(ctx["initiative"], ctx["request"].user)
            },
        )
        register_slot(
            "councils.documents",
            "documents/_council_documents.html",
            context=council_documents_slot,
        )
        register_slot(
            "round_page.documents", "documents/_round_documents.html", context=round_documents_slot
        )
