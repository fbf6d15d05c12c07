"""Web forms for the reviewer, council and leader screens.

Forms check the shape of the input (required, dates, choices, maxima); the services decide
everything else and their ValidationErrors are shown next to the same fields.
"""

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from common import clock
from common.limits import COMMENT
from initiatives.fields import DECLARATION_FIELDS
from initiatives.forms import NO_IP_PROTECTION_DECLARATION, PUBLIC_ORDER_DECLARATION
from initiatives.models import Scope, SignerAuthority

from . import meeting
from .appeal_rules import APPEAL_OUTCOMES
from .council_plan import preselected_council
from .deadlines import default_reply_due, due_date, reply_window
from .decisions import against_council, expected_scope, signer_authorities
from .models import DeadlineRule
from .refusal import RefusalGround

DATE_INPUTS = ["%d/%m/%Y", "%Y-%m-%d"]

DECLARATION = _(
    "I declare that the information in this application is truthful and accurate, "
    "and I take full responsibility for it before the law."
)


def date_field(label, **kwargs) -> forms.DateField:
    widget = forms.DateInput(
        format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off"}
    )
    return forms.DateField(label=label, input_formats=DATE_INPUTS, widget=widget, **kwargs)


def inline_helper(*layout) -> FormHelper:
    """Crispy renders the fields only: each page writes its own <form> tag and buttons."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if layout:
        helper.layout = Layout(*layout)
    return helper


# --- Transitions ------------------------------------------------------------------------------


class TransitionForm(forms.Form):
    """What every transition accepts: an optional comment for the timeline."""

    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Fields rendered by the page itself rather than by crispy (long checkbox lists).
    custom_fields: tuple = ()
    # Fields that are confirmations only and are not passed to the service.
    confirmation_fields: tuple = ()

    def __init__(self, *args, initiative=None, **kwargs):
        self.initiative = initiative
        super().__init__(*args, **kwargs)
        if self.field_order is None:
            self.order_fields([name for name in self.fields if name != "comment"] + ["comment"])
        self.helper = inline_helper(*self.crispy_layout())

    def crispy_layout(self) -> list:
        return [name for name in self.fields if name not in self.custom_fields]

    def service_kwargs(self) -> dict:
        skip = set(self.confirmation_fields)
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}


class DeclarationForm(TransitionForm):
    """submit / resubmit: the declaration of TT 18 (truthful) and the exclusions of NĐ 13,
    Điều 3.2 (not contrary to public order or morality; not IP-protected), each ticked."""

    declaration = forms.BooleanField(label=DECLARATION, required=True)
    declaration_public_order = forms.BooleanField(label=PUBLIC_ORDER_DECLARATION, required=True)
    declaration_no_ip = forms.BooleanField(label=NO_IP_PROTECTION_DECLARATION, required=True)
    confirmation_fields = ("declaration", "declaration_public_order", "declaration_no_ip")

    def service_kwargs(self) -> dict:
        # Every box is required, so all are declared; the service stores them with the
        # submission, or none of them.
        return {**super().service_kwargs(), "declared": DECLARATION_FIELDS}


class ReasonForm(TransitionForm):
    """reject / decline: the reason is sent to the agency."""

    comment = forms.CharField(
        label=_("Reason"), max_length=COMMENT, widget=forms.Textarea(attrs={"rows": 5})
    )


class RefuseForm(ReasonForm):
    """reject: refusing the application names its formal grounds, never a judgement of merit."""

    field_order = ("grounds", "comment")
    grounds = forms.MultipleChoiceField(
        label=_("Formal grounds for refusing the application"),
        choices=RefusalGround.choices,
        widget=forms.CheckboxSelectMultiple,
        # The service names a missing ground in Vietnamese, next to this field.
        required=False,
    )
    comment = forms.CharField(
        label=_("Reasons"),
        help_text=_("Explain each ground; the agency receives this in writing."),
        max_length=COMMENT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class RequestRevisionForm(TransitionForm):
    field_order = ("comment", "reply_due")
    comment = forms.CharField(
        label=_("Everything the agency must add or correct"),
        help_text=_("Give the complete list: the agency is asked for corrections only once."),
        max_length=COMMENT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    reply_due = date_field(_("Reply due"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = clock.today()
        self.fields["reply_due"].initial = default_reply_due(today)
        earliest, latest = reply_window(today)
        self.fields["reply_due"].help_text = _(
            "At least one calendar month: between %(earliest)s and %(latest)s."
        ) % {"earliest": earliest.strftime("%d/%m/%Y"), "latest": latest.strftime("%d/%m/%Y")}


class AcceptForm(TransitionForm):
    """accept: the council set up by decision that assesses the dossier (pre-selected: the
    council of the dossier's round, else the only one that can take it); the service checks it
    and names each problem."""

    council = forms.TypedChoiceField(
        label=_("Council"), coerce=int, required=False, widget=forms.RadioSelect
    )
    custom_fields = ("council",)

    def __init__(self, *args, councils=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].choices = [(row["council"].pk, row["council"].name)
                                          for row in councils]  # fmt: skip
        self.fields["council"].initial = preselected_council(councils)


class CompleteScoringForm(TransitionForm):
    """complete_scoring: the minutes of the council's meeting, its date and who was there.
    Both are checked by the service (quorum, seats, the sheets of those present), which names
    each problem next to its field."""

    field_order = ("meeting_date", "present", "comment")
    meeting_date = date_field(_("Meeting date"), required=False)
    present = forms.TypedMultipleChoiceField(
        label=_("Who was present at the meeting"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        seat = meeting.seating(self.initiative)
        self.fields["present"].choices = [
            (seat.seat_id(a), seat_label(a)) for a in seat.assignments
        ]
        # Those who handed in their sheet came, unless the secretary says otherwise.
        self.fields["present"].initial = meeting.present_by_default(seat)
        self.fields["meeting_date"].initial = clock.today()

    def chosen_present(self) -> set[int]:
        values = self["present"].value() or []
        return {int(v) for v in values if str(v).isdigit()}


def seat_label(assignment) -> str:
    label = assignment.member_name
    if assignment.council_member_id:
        label += f" — {assignment.council_member.get_role_display()}"
    if assignment.recused:
        label += " (" + str(_("recused")) + ")"
    return label


class RecognizeForm(TransitionForm):
    """recognize: the decision as signed (number, date, signer) and its scope; a reason when it
    goes against the council's recommendation (the page shows that recommendation above)."""

    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decision_date = date_field(_("Decision date"))
    signer = forms.CharField(label=_("Signer's full name"), max_length=120)
    signer_authority = forms.ChoiceField(
        label=_("Signer's authority"),
        choices=SignerAuthority.choices,
        widget=forms.RadioSelect,
    )
    # The provincial track decides provincial scope only: agency level is the agency head's
    # decision and national scope a ministry's (workflow.decisions.scope_problems).
    scope = forms.ChoiceField(
        label=_("Scope of influence"),
        choices=[(Scope.PROVINCIAL, Scope.PROVINCIAL.label)],
        initial=Scope.PROVINCIAL,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Agency-level recognition is decided by the agency's head; national scope is "
            "recorded from a ministry's decision."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_date"].initial = clock.today()
        self.fields["decision_number"].help_text = _("For example: %(example)s") % {
            "example": settings.DECISION_NUMBER_EXAMPLE
        }
        if self.initiative is not None:
            self._fit_to_track(self.initiative)
        if self.initiative is not None and against_council(self.initiative, "recognize"):
            self.fields["comment"].label = _("Reason for recognizing it against the council")
            self.fields["comment"].help_text = _(
                "Required: the council did not recommend recognition. Shown on the timeline."
            )

    def _fit_to_track(self, initiative):
        """The signature blocks and the scope of the dossier's track (cơ sở or provincial)."""
        self.fields["signer_authority"].choices = [
            (a.value, a.label) for a in signer_authorities(initiative)
        ]
        scope = Scope(expected_scope(initiative))
        self.fields["scope"].choices = [(scope.value, scope.label)]
        self.fields["scope"].initial = scope.value

    def crispy_layout(self) -> list:
        return ["decision_number", "decision_date", "signer", InlineRadios("signer_authority"),
                InlineRadios("scope"), "comment"]  # fmt: skip

    def service_kwargs(self) -> dict:
        kwargs = super().service_kwargs()
        kwargs["signer_name"] = kwargs.pop("signer")
        return kwargs


class DeclineForm(ReasonForm):
    """decline: the reasons; the page says when they go against the council's recommendation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.initiative is not None and against_council(self.initiative, "decline"):
            self.fields["comment"].label = _("Reason for declining it against the council")


class RevokeForm(TransitionForm):
    """revoke: the leader's decision cancelling the recognition, and why."""

    decision_number = forms.CharField(label=_("Number of the revoking decision"), max_length=60)
    decision_date = date_field(_("Date of the revoking decision"))
    comment = forms.CharField(
        label=_("Reason"), max_length=COMMENT, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_date"].initial = clock.today()

    def crispy_layout(self) -> list:
        return ["decision_number", "decision_date", "comment"]


class AppealForm(TransitionForm):
    """appeal: the head of the owning agency complains against the refusal or non-recognition."""

    comment = forms.CharField(
        label=_("Grounds of the appeal"),
        help_text=_(
            "Say which decision you contest and why; the letter of appeal and its evidence are "
            "attached on the dossier page."
        ),
        max_length=COMMENT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class ResolveAppealForm(TransitionForm):
    """resolve_appeal: upheld (the outcome stands, final) or granted (examined again)."""

    outcome = forms.ChoiceField(
        label=_("Outcome of the appeal"),
        choices=APPEAL_OUTCOMES,
        widget=forms.RadioSelect,
        # The service names a missing outcome in Vietnamese, next to this field.
        required=False,
    )
    complex = forms.BooleanField(
        label=_("The appeal is complex: resolution due 45 days after filing"), required=False
    )
    comment = forms.CharField(
        label=_("Reasons"),
        help_text=_("The agency receives the resolution and its reasons in writing."),
        max_length=COMMENT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def crispy_layout(self) -> list:
        return ["outcome", "complex", "comment"]


class StartRolloutForm(TransitionForm):
    target_agencies = forms.TypedMultipleChoiceField(
        label=_("Agencies that must adopt it"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    report_due = date_field(_("Report due"))
    custom_fields = ("target_agencies",)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_agencies"].choices = [(a.pk, a.name) for a in agencies]
        today = clock.today()
        self.fields["report_due"].initial = due_date(DeadlineRule.Stage.ROLLOUT_REPORT, today)
