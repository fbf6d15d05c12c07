"""Admin forms collecting what each transition needs; the services check the values."""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget, FilteredSelectMultiple
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from common import clock
from initiatives.models import Scope, SignerAuthority

from . import meeting
from .appeal_rules import APPEAL_OUTCOMES
from .council_plan import councils_for
from .forms import seat_label
from .models import CouncilReview
from .refusal import RefusalGround

DATE_INPUTS = ["%Y-%m-%d", "%d/%m/%Y"]


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4, "cols": 80})
    )

    def __init__(self, *args, initiative=None, **kwargs):
        self.initiative = initiative
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
    """The council set up by decision; each choice names its members, who would be recused
    and why, and what keeps it from taking this dossier (the service refuses it then)."""

    council = forms.TypedChoiceField(label=_("Council"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rows = councils_for(self.initiative, clock.today()) if self.initiative else []
        self.fields["council"].choices = [(row["council"].pk, council_label(row)) for row in rows]
        fitting = [row["council"].pk for row in rows if not row["problems"]]
        if len(fitting) == 1:
            self.fields["council"].initial = fitting[0]


def council_label(row) -> str:
    council = row["council"]
    members = "; ".join(
        f"{s.name} ({s.seat.get_role_display()})"
        + (" — " + gettext("recused: %(reason)s") % {"reason": s.reason} if s.reason else "")
        for s in row["seats"]
    )
    label = gettext("%(name)s — decision %(number)s of %(date)s. Members: %(members)s.") % {
        "name": council.name,
        "number": council.decision_number,
        "date": council.decision_date.strftime("%d/%m/%Y"),
        "members": members or "—",
    }
    if row["problems"]:
        label += " " + gettext("Cannot take this dossier: %(problems)s") % {
            "problems": " ".join(row["problems"])
        }
    return label


class CompleteScoringForm(CommentForm):
    """The council's meeting on one dossier: its date and the seats present (the service
    checks the quorum and the sheets)."""

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
        super().__init__(*args, initiative=initiative, **kwargs)
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


class AppealForm(CommentForm):
    comment = forms.CharField(
        label=_("Grounds of the appeal"), widget=forms.Textarea(attrs={"rows": 6, "cols": 80})
    )


class ResolveAppealForm(ReasonForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=APPEAL_OUTCOMES)
    complex = forms.BooleanField(label=_("Complex appeal (45 days)"), required=False)


TRANSITION_FORMS = {
    "reject": RefuseForm,
    "decline": ReasonForm,
    "request_revision": RequestRevisionForm,
    "accept": AcceptForm,
    "complete_scoring": CompleteScoringForm,
    "recognize": RecognizeForm,
    "start_rollout": StartRolloutForm,
    "revoke": RevokeForm,
    "appeal": AppealForm,
    "resolve_appeal": ResolveAppealForm,
}
# Transitions whose input is a comment (and, for a refusal, its grounds) can also be taken on
# several dossiers at once (not complete_scoring: each meeting has its own date and members).
BULK_TRANSITIONS = ("withdraw", "reject", "decline", "close_rollout", "submit", "resubmit")


def form_for(name: str):
    return TRANSITION_FORMS.get(name, CommentForm)
