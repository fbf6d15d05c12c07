"""How a user wants to be told: one choice of channel per category of events."""

from crispy_forms.helper import FormHelper
from django import forms

from .events import Category, Channel


class PreferencesForm(forms.Form):
    """One radio group per Category; the field names are the category values."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for category in Category:
            self.fields[category.value] = forms.ChoiceField(
                label=category.label, choices=Channel.choices, widget=forms.RadioSelect
            )
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page writes its own <form> and buttons
        self.helper.disable_csrf = True
