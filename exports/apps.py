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


def button(kind: str, label, fixed=None, **look):
    """A slot context: the button for `kind`; `fixed(context)` gives the parameters the page is
    about that are not in its query string (e.g. the initiative of a dashboard page); `look`:
    icon, button_class, button_id (an Excel button by default)."""
    return lambda context: {
        "kind": kind,
        "label": label,
        "fixed": fixed(context) if fixed else {},
        "icon": look.get("icon", "bi-file-earmark-excel"),
        "button_class": look.get("button_class", "btn-outline-success"),
        "button_id": look.get("button_id", ""),
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
    # The round's certificates in one zip (documents.export_builders), inside the round's
    # papers, which show the slot once the round has certificates.
    register_slot(
        "round_documents.actions",
        BUTTON,
        context=button(
            "round_certificates",
            _("Download all certificates (.zip)"),
            lambda context: {"round": str(context["round"].pk)},
            icon="bi-file-earmark-zip",
            button_class="btn-sm btn-outline-primary",
            button_id="round-certificates-zip",
        ),
    )
