"""Forms of the agency's adoption pages: the list filter, the status change and the report.

Forms only validate input; adoption.services decides (who may set which status, dates,
the evidence file's type and size).
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Field, Layout, Row, Submit
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from .fields import REPORT_FIELDS
from .models import Adoption, AdoptionReport

# Dates travel as ISO (what <input type="date"> sends); dd/mm/yyyy is accepted for browsers
# that fall back to a text box.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
MAX_VND = 10**15  # the API's bound: larger is refused, never an overflow
MAX_DOSSIERS = 10**9
MAX_DAYS = 99999  # the column holds 7 digits, one of them a decimal


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class AdoptionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Adoption.Status.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_id = "filters"
        self.helper.disable_csrf = True
        self.helper.attrs = {"role": "search"}
        self.helper.layout = Layout(
            Row(
                Column("status", css_class="col-sm-6 col-md-4"),
                Column(
                    HTML(
                        '<button type="submit" class="btn btn-primary">'
                        '<i class="bi bi-funnel" aria-hidden="true"></i> {% load i18n %}'
                        '{% translate "Filter" %}</button>'
                    ),
                    css_class="col-auto d-flex align-items-end mb-3",
                ),
            )
        )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {"status": self.cleaned_data["status"]} if self.cleaned_data["status"] else {}


class AdoptionStatusForm(forms.Form):
    """The submit button pressed (name="status") names the new status; without one only the
    dates change. The buttons are drawn by the page, next to what each of them means."""

    status = forms.ChoiceField(
        required=False,
        choices=[("", "—")]
        + [
            (value, label)
            for value, label in Adoption.Status.choices
            if value != Adoption.Status.ASSIGNED
        ],
    )
    started_on = _date_field(_("Started on"))
    applied_on = _date_field(_("Applied on"))
    reason = forms.CharField(
        label=_("Reason (required when not applicable)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, data=None, *, adoption):
        initial = {name: getattr(adoption, name) for name in ("started_on", "applied_on", "reason")}
        super().__init__(data, initial=initial)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(Column("started_on"), Column("applied_on")),
            Field("reason"),
        )

    def service_data(self) -> dict:
        """Only what was typed or chosen: an empty date leaves the stored one alone."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "status" and v}
        if self.cleaned_data.get("status"):
            data["status"] = self.cleaned_data["status"]
        return data


class AdoptionReportForm(forms.ModelForm):
    evidence = forms.FileField(
        label=_("Evidence file (optional)"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, JPEG or PNG; checked by its content."),
    )

    class Meta:
        model = AdoptionReport
        fields = REPORT_FIELDS
        labels = {
            "period": _("Reporting period"),
            "result_summary": _("Results"),
            "processing_days_before": _("Processing time before (days)"),
            "processing_days_after": _("Processing time after (days)"),
            "dossiers_handled": _("Dossiers handled"),
            "cost_saved_vnd": _("Cost saved (VND)"),
        }
        help_texts = {
            "period": _("For example: first half of 2026."),
            "result_summary": _("What changed for citizens and for the agency."),
        }
        widgets = {"result_summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bound_numbers()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field("period"),
            Field("result_summary"),
            Row(
                Column("processing_days_before", css_class="col-sm-6 col-lg-3"),
                Column("processing_days_after", css_class="col-sm-6 col-lg-3"),
                Column("dossiers_handled", css_class="col-sm-6 col-lg-3"),
                Column("cost_saved_vnd", css_class="col-sm-6 col-lg-3"),
            ),
            Field("evidence"),
            Submit("submit", _("Submit the report")),
        )

    def _bound_numbers(self):
        bounds = {
            "processing_days_before": (MAX_DAYS, "0.1"),
            "processing_days_after": (MAX_DAYS, "0.1"),
            "dossiers_handled": (MAX_DOSSIERS, "1"),
            "cost_saved_vnd": (MAX_VND, "1000"),
        }
        for name, (maximum, step) in bounds.items():
            field = self.fields[name]
            field.validators += [MinValueValidator(0), MaxValueValidator(maximum)]
            field.widget.attrs.update(min=0, max=maximum, step=step)

    def report_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in REPORT_FIELDS}
