"""Forms of the agency screens: the TT 18 application, its people, attachments, list filters.

Forms only validate input; initiatives.services decides whether and how it is written.
"""

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Fieldset, Layout, Row, Submit
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from . import models as m
from .dates import DATE_INPUT_FORMATS, date_field, date_widget  # noqa: F401 (re-exported)
from .fields import AGENCY_FIELDS, DECLARATION_FIELDS
from .people_forms import (  # noqa: F401 (re-exported: views and tests import them here)
    AuthorForm,
    ParticipantForm,
    contribution_total,
    people_formset,
    people_rows,
)

DECLARATION = _(
    "I (we) declare that all the information in this application is truthful and accurate, "
    "and I (we) take full responsibility before the law."
)
# The exclusions of NĐ 13/2012/NĐ-CP, Điều 3.2, declared one by one.
PUBLIC_ORDER_DECLARATION = _(
    "I (we) declare that publishing or applying the initiative is not contrary to public order "
    "or social morality."
)
NO_IP_PROTECTION_DECLARATION = _(
    "I (we) declare that the initiative is not an object protected by intellectual-property "
    "rights at the time of the request."
)


def _textarea(rows=4):
    return forms.Textarea(attrs={"rows": rows})


class InitiativeForm(forms.ModelForm):
    """The application itself; authors and participants come in two formsets beside it."""

    # Yes or no with nothing chosen in advance: an untouched form declares nothing about State
    # investment. A draft may leave it open; submitting needs an answer (initiatives.rules).
    state_funded = forms.NullBooleanField(
        label=_("State investment of funds and material-technical means"),
        help_text=_("Required before the dossier can be submitted."),
        widget=forms.RadioSelect(choices=[(True, _("Yes")), (False, _("No"))]),
    )

    class Meta:
        model = m.Initiative
        fields = AGENCY_FIELDS
        labels = {
            "title": _("Name of the initiative"),
            "field": _("Field of application"),
            "round": _("Round (year)"),
            "author_is_investor": _("The author is also the investor who created the initiative"),
            "investor": _("Investor who created the initiative"),
            "problem": _("Problem the initiative solves"),
            "first_applied_on": _("Date first applied or trialled"),
            "first_application_ends_on": _("End of the trial application (if still in trial)"),
            "description": _("Description of the essence of the initiative"),
            "applicability": _("Applicability"),
            "confidential_info": _("Information to be kept confidential (if any)"),
            "conditions": _("Conditions needed to apply the initiative"),
            "benefits_author": _("Benefits obtained or expected, according to the authors"),
            "benefits_first_adopters": _(
                "Benefits obtained or expected, according to those who first applied it (if any)"
            ),
            "benefit_amount_vnd": _("Monetary benefit (VND, optional)"),
            "truthfulness_declared": DECLARATION,
            "public_order_declared": PUBLIC_ORDER_DECLARATION,
            "no_ip_protection_declared": NO_IP_PROTECTION_DECLARATION,
        }
        help_texts = {
            "investor": _("Only when the authors are not themselves the investor."),
            "first_applied_on": _("At most one year before the dossier is submitted."),
            "first_application_ends_on": _(
                "Only while the initiative is still in trial: the 3-month decision period then "
                "runs from this date when it is later than the acceptance of the application."
            ),
            "description": _("Content, steps and what is new compared with the current way."),
            "confidential_info": _(
                "Seen only by your agency, the reviewers, the council and the provincial "
                "leaders; never published."
            ),
            "truthfulness_declared": _("Required before the dossier can be submitted."),
            "public_order_declared": _("Required before the dossier can be submitted."),
            "no_ip_protection_declared": _("Required before the dossier can be submitted."),
        }
        widgets = {
            "title": forms.TextInput(),
            "problem": _textarea(3),
            "first_applied_on": date_widget(),
            "first_application_ends_on": date_widget(),
            "description": _textarea(8),
            "applicability": _textarea(),
            "confidential_info": _textarea(3),
            "conditions": _textarea(3),
            "benefits_author": _textarea(),
            "benefits_first_adopters": _textarea(),
        }

    def __init__(self, *args, agencies=(), track=False, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_fields()
        for name in ("first_applied_on", "first_application_ends_on"):
            self.fields[name].input_formats = DATE_INPUT_FORMATS
        amount = self.fields["benefit_amount_vnd"]
        amount.validators.append(MinValueValidator(0))
        amount.widget.attrs.update(min=0, step=1000)
        year = self.fields["round"]
        year.validators += [MinValueValidator(2000), MaxValueValidator(m.current_year() + 1)]
        year.widget.attrs.update(min=2000, max=m.current_year() + 1)
        if len(agencies) > 1:
            self.fields["agency"] = forms.ModelChoiceField(
                Agency.objects.filter(pk__in=agencies).order_by("name"),
                label=_("Submitting agency"),
            )
        if track:  # a new draft of an agency running its cơ sở track: which track it takes
            self.fields["level"] = forms.ChoiceField(
                label=_("Recognition level"),
                choices=m.Level.choices,
                initial=m.Level.AGENCY,
                widget=forms.RadioSelect,
                help_text=_(
                    "Agency level: your agency's own council assesses it and your head decides. "
                    "Provincial level: only for an initiative your agency has already recognized "
                    "(attach its decision)."
                ),
            )
        self.helper = dossier_helper(
            with_agency="agency" in self.fields, with_level="level" in self.fields
        )

    def _limit_fields(self):
        # Retired fields stay selectable on the dossiers that already use them.
        current = self.instance.field_id if self.instance.pk else None
        self.fields["field"].queryset = m.Field.objects.filter(Q(is_active=True) | Q(code=current))

    def dossier_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in AGENCY_FIELDS}


_PEOPLE_TABLE = (
    "{% include 'initiatives/_people_formset.html' with formset=KIND_formset kind='KIND' %}"
)


def _people_table(kind: str) -> HTML:
    """The authors or participants formset, rendered where the paper form has its table."""
    return HTML(_PEOPLE_TABLE.replace("KIND", kind))


def dossier_helper(*, with_agency=False, with_level=False) -> FormHelper:
    """The fieldsets follow the paper form, authors first, participants before the oath."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(
        Fieldset(
            _("1. The request"),
            *(["agency"] if with_agency else []),
            *([InlineRadios("level")] if with_level else []),
            "title",
            Row(Column("field", css_class="col-md-8"), Column("round", css_class="col-md-4")),
        ),
        Fieldset(
            _("2. Authors"),
            _people_table("authors"),
        ),
        Fieldset(_("3. Investor"), "author_is_investor", "investor", InlineRadios("state_funded")),
        Fieldset(
            _("4. First application"),
            Row(
                Column("first_applied_on", css_class="col-md-6"),
                Column("first_application_ends_on", css_class="col-md-6"),
            ),
            "problem",
        ),
        Fieldset(
            _("5. The initiative"),
            "description",
            "applicability",
            "confidential_info",
            "conditions",
        ),
        Fieldset(
            _("6. Benefits"),
            "benefits_author",
            "benefits_first_adopters",
            Row(Column("benefit_amount_vnd", css_class="col-md-6")),
        ),
        Fieldset(
            _("7. People who took part in the first application"),
            _people_table("participants"),
        ),
        Fieldset(
            _("8. Declaration"),
            Div(*DECLARATION_FIELDS, css_class="declaration border rounded p-3 bg-light"),
        ),
    )
    return helper


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    kind = forms.ChoiceField(label=_("Kind of document"), choices=m.AttachmentKind.choices)
    confidential = forms.BooleanField(
        label=_("Confidential (not shown to adopting agencies or the public)"), required=False
    )

    def __init__(self, *args, initiative_pk, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
        url = reverse("initiatives:attachment_upload", args=[initiative_pk])
        self.helper = FormHelper()
        self.helper.form_action = url
        self.helper.form_id = "attachment-upload"
        # With htmx only the attachment panel is replaced: the unsaved form above is kept.
        self.helper.attrs = {
            "hx-post": url,
            "hx-encoding": "multipart/form-data",
            "hx-target": "#attachments",
            "hx-swap": "outerHTML",
        }
        self.helper.layout = Layout(
            "file",
            Row(Column("kind", css_class="col-md-6"), Column("confidential", css_class="col-md-6")),
        )
        self.helper.add_input(Submit("upload", _("Upload")))


class InitiativeFilterForm(forms.Form):
    """The GET form above the list; invalid values are simply ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False)
    year = forms.TypedChoiceField(label=_("Round (year)"), required=False, coerce=int)
    field = forms.ModelChoiceField(
        m.Field.objects.order_by("order", "name"),
        label=_("Field"),
        to_field_name="code",
        required=False,
        empty_label=_("All fields"),
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args, years=(), sorts=(), with_agency=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *m.Status.choices]
        self.fields["year"].choices = [("", _("All rounds")), *((y, y) for y in years)]
        self.fields["sort"].choices = list(sorts)
        if with_agency:
            self.fields["agency"] = forms.ModelChoiceField(
                # EXISTS per agency (an index probe each), not DISTINCT over every dossier.
                Agency.objects.filter(
                    Exists(m.Initiative.objects.filter(agency_id=OuterRef("pk")))
                ).order_by("name"),
                label=_("Agency"),
                required=False,
                empty_label=_("All agencies"),
            )
        self.helper = self._helper(with_agency)

    def _helper(self, with_agency):
        helper = FormHelper()
        helper.form_method = "get"
        helper.form_id = "filters"
        helper.disable_csrf = True
        helper.attrs = {"role": "search"}
        columns = ["status", "year", "field", *(["agency"] if with_agency else []), "sort"]
        helper.layout = Layout(
            Row(
                Column("q", css_class="col-md-6 col-lg-4"),
                *(Column(name, css_class="col-sm-6 col-md-3 col-lg") for name in columns),
            ),
            HTML(
                '<div class="d-flex gap-2 mb-3"><button type="submit" class="btn btn-primary">'
                '<i class="bi bi-funnel" aria-hidden="true"></i> {% load i18n %}'
                '{% translate "Filter" %}</button><a class="btn btn-link" '
                'href="{{ request.path }}">{% translate "Clear filters" %}</a></div>'
            ),
        )
        return helper

    def filters(self) -> dict:
        """The valid filters, named as initiatives.selectors.initiative_list expects them."""
        if self.is_bound:
            self.is_valid()  # fields with bad values drop out of cleaned_data
        data = getattr(self, "cleaned_data", {})
        agency = data.get("agency")
        field = data.get("field")
        return {
            "q": data.get("q") or None,
            "status": data.get("status") or None,
            "year": data.get("year") or None,
            "field": field.code if field else None,
            "agency": agency.pk if agency else None,
        }

    def sort_key(self) -> str:
        if self.is_bound:
            self.is_valid()
        return getattr(self, "cleaned_data", {}).get("sort") or ""
