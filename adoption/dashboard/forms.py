"""The filters of the list behind every figure: invalid values drop out, never a 500."""

import re
from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from common.limits import MAX_ID

from ..models import Adoption

A = Adoption.Status


class IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, required=False, **kwargs)


SELECT = {"class": "form-select form-select-sm"}
CHECK = {"class": "form-check-input"}


class ListFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        widget=forms.Select(attrs=SELECT),
        choices=[("", gettext_lazy("Any status")), *A.choices],
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Agency kind"),
        required=False,
        widget=forms.Select(attrs=SELECT),
        choices=[("", gettext_lazy("Any kind")), *Agency.Kind.choices],
    )
    source = forms.ChoiceField(
        label=gettext_lazy("Source"),
        required=False,
        widget=forms.Select(attrs=SELECT),
        choices=[("", gettext_lazy("Any source")), *Adoption.Source.choices],
    )
    overdue = forms.BooleanField(
        label=gettext_lazy("Overdue only"), required=False, widget=forms.CheckboxInput(CHECK)
    )
    reported = forms.BooleanField(
        label=gettext_lazy("With reports only"), required=False, widget=forms.CheckboxInput(CHECK)
    )
    initiative = IdField(widget=forms.HiddenInput)
    agency = IdField(widget=forms.HiddenInput)
    parent = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    month = forms.CharField(required=False, max_length=7, widget=forms.HiddenInput)

    def clean_parent(self):
        value = self.cleaned_data["parent"]
        if value in ("", "none"):
            return value
        if not value.isdigit() or not 0 < int(value) <= MAX_ID:
            raise forms.ValidationError(_("Unknown agency."))
        return int(value)

    def clean_month(self):
        value = self.cleaned_data["month"]
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1:
            raise forms.ValidationError(_("Enter a month as YYYY-MM."))
        return date(int(match[1]), int(match[2]), 1)
