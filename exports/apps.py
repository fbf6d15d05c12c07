from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = _("Excel exports")

    def ready(self):
        from common.slots import register_slot

        from . import registry

        registry.discover()
        # The dossier list (initiatives) offers its rows as a workbook.
        register_slot(
            "initiative_list.actions",
            "exports/export_button.html",
            context=lambda context: {"kind": "initiatives"},
        )
