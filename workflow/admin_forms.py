"""Admin forms collecting what each transition needs; the services check the values."""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget, FilteredSelectMultiple
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Role, User
from initiatives.models import Scope

from . import meeting
from .forms import seat_label
from .models import CouncilReview
from .refusal import RefusalGround

DATE_INPUTS = ["%Y-%m-%d", "%d/%m/%Y"]


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4, "cols": 80})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([name for name in self.fields if name != "comment"] + ["comment"])

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class ReasonForm(CommentForm):
    comment = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4, "cols": 80})
    )


class RefuseForm(ReasonForm):
    grounds = forms.MultipleChoiceField(
        label=_("Formal grounds for refusing the application"),
        choices=RefusalGround.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class RequestRevisionForm(CommentForm):
    comment = forms.CharField(
        label=_("Everything the agency must add or correct"),
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
    )
    reply_due = forms.DateField(
        label=_("Reply due"),
        required=False,
        input_formats=DATE_INPUTS,
        widget=AdminDateWidget,
        help_text=_("Leave empty to use the deadline rule."),
    )


class AcceptForm(CommentForm):
    council_members = forms.ModelMultipleChoiceField(
        label=_("Council members"),
        queryset=User.objects.none(),
        widget=FilteredSelectMultiple(_("council members"), is_stacked=False),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council_members"].queryset = (
            User.objects.filter(is_active=True, memberships__role=Role.COUNCIL_MEMBER)
            .distinct()
            .order_by("full_name", "username")
        )

    def service_kwargs(self) -> dict:
        data = super().service_kwargs()
        data["council_members"] = [user.pk for user in data["council_members"]]
        return data


class CompleteScoringForm(CommentForm):
    """The council's meeting on one dossier: its date and the seats present (the service
    checks the quorum and the sheets)."""

    needs_initiative = True
    meeting_date = forms.DateField(
        label=_("Meeting date"), required=False, input_formats=DATE_INPUTS, widget=AdminDateWidget
    )
    present = forms.TypedMultipleChoiceField(
        label=_("Who was present at the meeting"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, initiative=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not CouncilReview.objects.filter(initiative=initiative).exists():
            return  # not with the council: the service answers with the state conflict
        seat = meeting.seating(initiative)
        self.fields["present"].choices = [
            (seat.seat_id(a), seat_label(a)) for a in seat.assignments
        ]
        self.fields["present"].initial = meeting.present_by_default(seat)
        self.fields["meeting_date"].help_text = _(
            "Quorum: at least %(needed)s of the %(named)s members named in the decision."
        ) % {"needed": seat.needed, "named": seat.named}


class RecognizeForm(CommentForm):
    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decision_date = forms.DateField(
        label=_("Decision date"), input_formats=DATE_INPUTS, widget=AdminDateWidget
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices)


class RevokeForm(ReasonForm):
    decision_number = forms.CharField(label=_("Number of the revoking decision"), max_length=60)
    decision_date = forms.DateField(
        label=_("Date of the revoking decision"), input_formats=DATE_INPUTS, widget=AdminDateWidget
    )


class StartRolloutForm(CommentForm):
    target_agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies that must adopt it"),
        queryset=Agency.objects.filter(is_active=True),
        widget=FilteredSelectMultiple(_("agencies"), is_stacked=False),
    )
    report_due = forms.DateField(
        label=_("Report due"), input_formats=DATE_INPUTS, widget=AdminDateWidget
    )

    def service_kwargs(self) -> dict:
        data = super().service_kwargs()
        data["target_agencies"] = [agency.pk for agency in data["target_agencies"]]
        return data


TRANSITION_FORMS = {
    "reject": RefuseForm,
    "decline": ReasonForm,
    "request_revision": RequestRevisionForm,
    "accept": AcceptForm,
    "complete_scoring": CompleteScoringForm,
    "recognize": RecognizeForm,
    "start_rollout": StartRolloutForm,
    "revoke": RevokeForm,
}
# Transitions whose input is a comment (and, for a refusal, its grounds) can also be taken on
# several dossiers at once (not complete_scoring: each meeting has its own date and members).
BULK_TRANSITIONS = ("withdraw", "reject", "decline", "close_rollout", "submit", "resubmit")


def form_for(name: str):
    return TRANSITION_FORMS.get(name, CommentForm)


def make_form(name: str, data, initiative):
    """The admin form of a transition on one dossier; a form that offers the dossier's own
    choices (the seats of its council) is given the dossier."""
    form_class = form_for(name)
    if getattr(form_class, "needs_initiative", False):
        return form_class(data, initiative=initiative)
    return form_class(data)
