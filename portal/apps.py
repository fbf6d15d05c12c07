from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The shell of the web interface: layout, navigation, sign-in and the work list."""

    name = "portal"
    verbose_name = _("Portal")
