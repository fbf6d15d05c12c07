"""Date inputs of the agency's forms."""

from django import forms

# Dates travel as ISO (what <input type="date"> sends and shows); dd/mm/yyyy is accepted too
# for browsers that fall back to a text box.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(**kwargs):
    return forms.DateField(
        required=False, widget=date_widget(), input_formats=DATE_INPUT_FORMATS, **kwargs
    )
