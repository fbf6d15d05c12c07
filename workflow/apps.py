from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Workflow")

    def ready(self):
        from initiatives.permissions import register_insider
        from initiatives.selectors import register_visibility

        from .selectors import council_visibility, on_council_of

        register_visibility(council_visibility)
        register_insider(on_council_of)
