"""The rounds screen's form: shapes only; workflow.rounds.round_save decides."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from initiatives.models import Field

from .council_body import Council
from .forms import date_field, inline_helper
from .intake_rounds import Round
from .rounds import ROUND_FIELDS


class RoundForm(forms.ModelForm):
    opens_on = date_field(_("opens on"))
    closes_on = date_field(_("closes on"))
    decided_on = date_field(
        _("decided on"),
        required=False,
        help_text=_("The date of the province's decision on the round, once it is taken."),
    )
    fields = forms.ModelMultipleChoiceField(
        label=_("fields covered"),
        queryset=Field.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for a round that takes every field."),
    )

    class Meta:
        model = Round
        fields = (*ROUND_FIELDS, "fields")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Council.objects.filter(is_active=True)
        for field in self.fields.values():
            field.label = capfirst(field.label)
        self.helper = inline_helper()

    def _post_clean(self):
        """The service checks the round as a whole (round_problems): no model validation here,
        which would report the unique number twice."""

    def service_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in ROUND_FIELDS}
