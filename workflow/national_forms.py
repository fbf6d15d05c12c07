"""The form of the ministry's nationwide recognition, recorded by the leader on the dossier page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import date_field


class NationalRecognitionForm(forms.Form):
    """A ministry's decision recognizing the initiative nationwide; the service names what is
    missing, so nothing is required here."""

    decision_number = forms.CharField(
        label=_("Number of the ministry's decision"), max_length=60, required=False
    )
    decision_date = date_field(_("Date of the ministry's decision"), required=False)
    issuer = forms.CharField(label=_("Issued by (ministry)"), max_length=200, required=False)
