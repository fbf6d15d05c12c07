from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo province loader (`manage.py load_demo`): the top layer, since it drives every
    app below it through their services (DESIGN §3)."""

    name = "demo"
