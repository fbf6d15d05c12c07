from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = _("Excel exports")

    def ready(self):
        from . import registry

        registry.discover()
        offer_buttons()


BUTTON = "exports/export_button.html"


def button(kind: str, label, fixed=None):
    """A slot context: the button for `kind`; `fixed(context)` gives the parameters the page is
    about that are not in its query string (e.g. the initiative of a dashboard page)."""
    return lambda context: {
        "kind": kind,
        "label": label,
        "fixed": fixed(context) if fixed else {},
    }


def offer_buttons():
    """Each page with something to export gets its button (the pages' apps are lower layers or
    siblings, so they offer a slot and this app fills it)."""
    from common.slots import register_slot

    to_excel = _("Export to Excel")
    register_slot("initiative_list.actions", BUTTON, context=button("initiatives", to_excel))
    register_slot("adoption_matrix.actions", BUTTON, context=button("adoption_matrix", to_excel))
    register_slot(
        "decisions.actions",
        BUTTON,
        context=button("council_results", _("Export the council results to Excel")),
    )
    register_slot("person_list.actions", BUTTON, context=button("persons", to_excel))
    reports = _("Export the reports to Excel")
    register_slot("my_adoptions.actions", BUTTON, context=button("reports", reports))
    register_slot(
        "adoption_initiative.actions",
        BUTTON,
        context=button(
            "reports", reports, lambda context: {"initiative": str(context["initiative"].pk)}
        ),
    )
