"""The rounds screen's form: shapes only; workflow.rounds.round_save decides."""

from crispy_forms.bootstrap import InlineRadios
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from common import clock
from common.limits import COMMENT
from initiatives.models import Field, SignerAuthority

from .council_body import Council
from .forms import date_field, inline_helper
from .intake_rounds import Round
from .rounds import SCREEN_FIELDS


class RoundForm(forms.ModelForm):
    opens_on = date_field(_("opens on"))
    closes_on = date_field(_("closes on"))
    fields = forms.ModelMultipleChoiceField(
        label=_("fields covered"),
        queryset=Field.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for a round that takes every field."),
    )

    class Meta:
        model = Round
        fields = (*SCREEN_FIELDS, "fields")

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
        return {name: self.cleaned_data.get(name) for name in SCREEN_FIELDS}


class RoundDecisionForm(forms.Form):
    """The shared fields of a round's batch decision; the per-dossier choices (recognize_<id>,
    reason_<id>) are read by the view, as the dossiers are not known to the form."""

    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decision_date = date_field(_("Decision date"))
    signer_name = forms.CharField(label=_("Signer's full name"), max_length=120)
    signer_authority = forms.ChoiceField(
        label=_("Signer's authority"), choices=SignerAuthority.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment for every recognized dossier (optional)"),
        required=False,
        max_length=COMMENT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_date"].initial = clock.today()
        self.helper = inline_helper(
            "decision_number", "decision_date", "signer_name", InlineRadios("signer_authority"),
            "comment",
        )  # fmt: skip


class RoundPlacementForm(forms.Form):
    """Which round the dossier belongs to (empty: none), and why it is moved."""

    round = forms.ModelChoiceField(
        label=_("Round"),
        queryset=Round.objects.none(),
        required=False,
        empty_label=_("— in no round —"),
    )
    comment = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=COMMENT
    )

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds
