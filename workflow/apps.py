from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Workflow")

    def ready(self):
        from initiatives.selectors import register_visibility

        from .selectors import council_visibility

        register_visibility(council_visibility)
