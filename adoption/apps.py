from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdoptionConfig(AppConfig):
    name = "adoption"
    verbose_name = _("Adoption")

    def ready(self):
        from initiatives.selectors import register_visibility

        from . import receivers, registry  # noqa: F401
        from .selectors import adopter_visibility

        register_visibility(adopter_visibility)
        registry.register()
