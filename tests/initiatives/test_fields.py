"""initiatives/fields.py is the one list of the TT 18 application's fields: the drafting form's
layout (which groups them by the paper form's sections) must show every one of them, so that a
field added to the list cannot go missing from the page the agency fills in."""

from initiatives.fields import AGENCY_FIELDS
from initiatives.forms import dossier_helper


def laid_out(helper) -> set[str]:
    return {pointer.name for pointer in helper.layout.get_field_names()}


def test_the_form_layout_shows_every_field_the_agency_fills_in():
    assert laid_out(dossier_helper()) == set(AGENCY_FIELDS)


def test_the_layout_for_an_administrator_also_shows_the_agency():
    assert laid_out(dossier_helper(with_agency=True)) == {*AGENCY_FIELDS, "agency"}
