"""The dossier list's shared vocabulary: its sort choices, its filter form for a user, and its
rows for that form. The list page (initiatives.views) and its Excel export
(initiatives.export_builders) both use them, so the file cannot drift from the page."""

from django.utils.translation import gettext_lazy

from agencies import roles

from .forms import InitiativeFilterForm
from .selectors import initiative_list, rounds_of, sorted_by, visible_initiatives

SORT_CHOICES = [
    ("-updated", gettext_lazy("Last updated, newest first")),
    ("updated", gettext_lazy("Last updated, oldest first")),
    ("code", gettext_lazy("Code")),
    ("-code", gettext_lazy("Code, descending")),
    ("title", gettext_lazy("Title, A to Z")),
    ("-title", gettext_lazy("Title, Z to A")),
    ("status", gettext_lazy("Status, in workflow order")),
    ("-status", gettext_lazy("Status, in reverse workflow order")),
]
DEFAULT_SORT = "-updated"


def filter_form(user, data) -> InitiativeFilterForm:
    """The filters above the list; data is the query (None or empty: unbound, no filter)."""
    return InitiativeFilterForm(
        data or None,
        years=rounds_of(visible_initiatives(user)),
        sorts=SORT_CHOICES,
        with_agency=user.is_superuser or roles.is_reviewer(user) or roles.is_leader(user),
    )


def dossier_rows(user, form: InitiativeFilterForm):
    """The dossiers the user may see, filtered and sorted as the form says."""
    return sorted_by(initiative_list(user, **form.filters()), form.sort_key())
