from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def secret_key_is_set(app_configs, **kwargs):
    if settings.SECRET_KEY == settings.DEV_SECRET_KEY and not settings.DEBUG:
        return [
            Warning(
                "SECRET_KEY is the development fallback.",
                hint="Set the SECRET_KEY environment variable in production.",
                id="common.W001",
            )
        ]
    return []
