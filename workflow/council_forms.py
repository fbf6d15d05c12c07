"""The council screen's forms: the council (its decision and rules) and its member list, a user
or an outside expert per line. Forms check shapes; councils.council_save decides."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from agencies.models import Role, User
from initiatives.models import Field

from .council_body import Council, CouncilMember
from .councils import SeatInput
from .forms import date_field, inline_helper

COUNCIL_FORM_FIELDS = (
    "name", "kind", "decision_number", "decision_date", "decision_signer", "fields",
    "term_starts_on", "term_ends_on", "voting", "quorum_numerator", "quorum_denominator",
    "majority_base", "is_active",
)  # fmt: skip


class CouncilForm(forms.ModelForm):
    decision_date = date_field(_("decision date"))
    term_starts_on = date_field(_("term starts"), required=False)
    term_ends_on = date_field(_("term ends"), required=False)
    fields = forms.ModelMultipleChoiceField(
        label=_("fields covered"),
        queryset=Field.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for a council that covers every field."),
    )

    class Meta:
        model = Council
        fields = COUNCIL_FORM_FIELDS
        widgets = {"voting": forms.RadioSelect, "majority_base": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.label = capfirst(field.label)
        self.helper = inline_helper()

    def service_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in COUNCIL_FORM_FIELDS}


class SeatForm(forms.Form):
    """One member: pick a user with the council role, or type an outside expert's name."""

    seat = forms.IntegerField(required=False, widget=forms.HiddenInput)
    user = forms.ModelChoiceField(
        label=_("User account"), queryset=User.objects.none(), required=False
    )
    full_name = forms.CharField(label=_("Full name (outside expert)"), max_length=120,
                                required=False)  # fmt: skip
    position = forms.CharField(label=_("Position and workplace"), max_length=255, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=CouncilMember.Role.choices,
                             initial=CouncilMember.Role.MEMBER)  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = "form-select form-select-sm" if name in ("user", "role") else \
                "form-control form-control-sm"  # fmt: skip
            field.widget.attrs.setdefault("class", css)
        self.fields["user"].queryset = (
            User.objects.filter(is_active=True, memberships__role=Role.COUNCIL_MEMBER)
            .distinct()
            .order_by("full_name", "username")
        )

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not data.get("user") and not (data.get("full_name") or "").strip()

    def seat_input(self) -> SeatInput:
        data = self.cleaned_data
        return SeatInput(user=data.get("user"), full_name=data.get("full_name") or "",
                         position=data.get("position") or "", role=data["role"],
                         pk=data.get("seat"))  # fmt: skip


class BaseSeatFormSet(forms.BaseFormSet):
    def seats(self) -> list[SeatInput]:
        return [f.seat_input() for f in self.forms if f.cleaned_data and not f.is_blank()]


SeatFormSet = forms.formset_factory(SeatForm, formset=BaseSeatFormSet, extra=3)


def seat_initial(council) -> list[dict]:
    """The member list of an existing council, for the formset."""
    if council is None:
        return []
    return [
        {"seat": s.pk, "user": s.user_id, "full_name": "" if s.user_id else s.full_name,
         "position": s.position, "role": s.role}
        for s in council.active_seats
    ]  # fmt: skip
