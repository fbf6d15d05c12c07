"""Admin forms collecting what each transition needs; the services check the values."""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget, FilteredSelectMultiple
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Role, User
from initiatives.models import Scope, SignerAuthority

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


class RecognizeForm(CommentForm):
    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decision_date = forms.DateField(
        label=_("Decision date"), input_formats=DATE_INPUTS, widget=AdminDateWidget
    )
    signer = forms.CharField(label=_("Signer's full name"), max_length=120)
    signer_authority = forms.ChoiceField(
        label=_("Signer's authority"), choices=SignerAuthority.choices
    )
    # Optional: the provincial track records provincial scope; the service explains a refusal.
    scope = forms.ChoiceField(label=_("Scope"), choices=[("", "—"), *Scope.choices], required=False)

    def service_kwargs(self) -> dict:
        data = super().service_kwargs()
        data["signer_name"] = data.pop("signer")
        return data


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
    "recognize": RecognizeForm,
    "start_rollout": StartRolloutForm,
    "revoke": RevokeForm,
}
# Transitions whose input is a comment (and, for a refusal, its grounds) can also be taken on
# several dossiers at once.
BULK_TRANSITIONS = ("withdraw", "reject", "decline", "close_rollout", "complete_scoring",
                    "submit", "resubmit")  # fmt: skip


def form_for(name: str):
    return TRANSITION_FORMS.get(name, CommentForm)
