from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdoptionConfig(AppConfig):
    name = "adoption"
    verbose_name = _("Adoption")

    def ready(self):
        from initiatives.selectors import register_visibility
        from workflow.worklist import register_work

        from . import receivers, registry  # noqa: F401
        from .selectors import adopter_visibility
        from .worklist import ORDER, adoption_work

        register_visibility(adopter_visibility)
        register_work(adoption_work, order=ORDER)
        registry.register()
