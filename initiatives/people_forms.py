"""The two people tables of the TT 18 application (authors, participants): one form per row,
never saved by itself; initiatives.services writes each whole list."""

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Field, Layout, Row
from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from common.limits import MAX_AUTHORS, MAX_PARTICIPANTS, plausible_birth_date

from . import models as m
from .dates import date_field
from .fields import AUTHOR_FIELDS, PARTICIPANT_FIELDS
from .rules import min_share


class _PersonForm(forms.ModelForm):
    """One row of a people table; never saved itself — the service writes the whole list."""

    birth_date = date_field(label=_("Date of birth"), validators=[plausible_birth_date])
    columns = ()
    extra_fields = ()  # kept with the row, not columns of the paper form
    max_rows = MAX_PARTICIPANTS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(*(Column(name, css_class=css) for name, css in self.columns)),
            *(Field(name) for name in self.extra_fields),
            Div(Field("DELETE"), css_class="formset-delete"),
        )

    def person_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.row_fields()}

    @classmethod
    def row_fields(cls) -> tuple:
        return (*cls.Meta.fields, *cls.extra_fields)


class AuthorForm(_PersonForm):
    contribution_percent = forms.DecimalField(
        label=_("Contribution (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal(100),
        widget=forms.NumberInput(
            attrs={"step": "0.01", "min": "0.01", "max": "100", "data-contribution": ""}
        ),
    )
    # The registry's person behind the row (agencies.Person): kept across edits so that a
    # person chosen once stays chosen; initiatives.services matches or creates it otherwise.
    person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    extra_fields = ("person",)
    columns = (
        ("full_name", "col-md-6"),
        ("birth_date", "col-sm-6 col-md-3"),
        ("contribution_percent", "col-sm-6 col-md-3"),
        ("workplace", "col-md-6"),
        ("position", "col-sm-6 col-md-3"),
        ("qualification", "col-sm-6 col-md-3"),
    )
    max_rows = MAX_AUTHORS

    class Meta:
        model = m.Author
        fields = AUTHOR_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read per form, not at import: the minimum is a setting an administrator may change.
        least = min_share()
        share = self.fields["contribution_percent"]
        share.validators.append(MinValueValidator(least, message=_share_message(least)))
        share.widget.attrs["min"] = f"{least:f}"


def _share_message(least):
    message = _("Each co-author's contribution must be at least %(min)s%%.") % {
        "min": f"{least.normalize():f}".replace(".", ",")
    }
    return message.replace("%", "%%")  # the validator formats it once more with its params


class ParticipantForm(_PersonForm):
    columns = (
        ("full_name", "col-md-6"),
        ("birth_date", "col-md-6"),
        ("workplace", "col-md-6"),
        ("position", "col-sm-6 col-md-3"),
        ("qualification", "col-sm-6 col-md-3"),
        ("task", "col-12"),
    )

    class Meta:
        model = m.Participant
        fields = PARTICIPANT_FIELDS


def people_formset(form_class, *, prefix, data=None, rows=()):
    """A formset of people; one blank row when there is none yet (blank rows are ignored)."""
    formset_class = forms.formset_factory(
        form_class,
        extra=0 if rows else 1,
        can_delete=True,
        max_num=form_class.max_rows,
        validate_max=True,
    )
    return formset_class(data, prefix=prefix, initial=list(rows) or None)


def people_rows(formset) -> list[dict]:
    """The rows to keep: filled in and not removed, in the order shown."""
    return [
        form.person_data()
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def contribution_total(formset) -> Decimal:
    """Sum of what is typed in the rows still shown, for the live total's first paint."""
    total = Decimal(0)
    for form in formset.forms:
        if form["DELETE"].value():
            continue
        try:
            total += Decimal(str(form["contribution_percent"].value() or 0).replace(",", "."))
        except ArithmeticError:
            continue
    return total
