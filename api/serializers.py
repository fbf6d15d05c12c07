"""Serializers of the REST contract (API.md). The API is an edge adapter: it validates input,
calls services and shapes output; the apps know nothing of it."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agencies.models import Agency, User
from common.limits import COMMENT, MAX_AUTHORS, MAX_PARTICIPANTS
from initiatives.fields import (
    AGENCY_FIELDS,
    APPEAL_FIELDS,
    AUTHOR_FIELDS,
    DECISION_FIELDS,
    DECLARATION_FIELDS,
    NATIONAL_FIELDS,
    PARTICIPANT_FIELDS,
    REVOCATION_FIELDS,
)
from initiatives.models import (
    Attachment,
    AttachmentKind,
    Author,
    Field,
    Initiative,
    Participant,
    SignerAuthority,
)
from initiatives.models import Status as InitiativeStatus
from initiatives.permissions import sees_confidential
from notifications.models import Notification
from workflow.models import TransitionLog
from workflow.permissions import available_transitions
from workflow.refusal import RefusalGround

# Bounds that every database accepts: larger numbers are a 400, never an overflow (500).
MAX_ID = 2**63 - 1
MAX_VND = 10**15  # a million billion đồng


class IdField(serializers.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


class AgencyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "code", "name"]


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "code", "name", "short_name", "kind", "parent", "is_active"]


class UserRefSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="get_full_name")

    class Meta:
        model = User
        fields = ["id", "username", "full_name"]


class RoleSerializer(serializers.Serializer):
    role = serializers.CharField()
    role_label = serializers.CharField()
    agency = AgencyRefSerializer()


class TransitionChoiceSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()


class MeSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="get_full_name")
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "email", "language", "roles"]

    @extend_schema_field(RoleSerializer(many=True))
    def get_roles(self, user):
        return [
            {
                "role": m.role,
                "role_label": m.get_role_display(),
                "agency": AgencyRefSerializer(m.agency).data,
            }
            for m in user.memberships.select_related("agency")
        ]


class WholeRowSerializer(serializers.ModelSerializer):
    """A row of a list that replaces the stored one (authors, participants): validated whole,
    with its required fields, even inside a PATCH of the dossier."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        missing = {
            name: [field.error_messages["required"]]
            for name, field in self.fields.items()
            if field.required and not field.read_only and field.source not in value
        }
        if missing:
            raise serializers.ValidationError(missing)
        return value


class AuthorSerializer(WholeRowSerializer):
    contribution_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal("0.01"), max_value=Decimal(100)
    )

    class Meta:
        model = Author
        fields = AUTHOR_FIELDS


class ParticipantSerializer(WholeRowSerializer):
    class Meta:
        model = Participant
        fields = PARTICIPANT_FIELDS


class AttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")
    url = serializers.SerializerMethodField()
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Attachment
        fields = [
            "id",
            "kind",
            "kind_label",
            "name",
            "size",
            "content_type",
            "confidential",
            "uploaded_at",
            "url",
        ]

    def get_url(self, attachment) -> str:
        return f"/api/v1/attachments/{attachment.pk}/download/"


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    kind = serializers.ChoiceField(choices=AttachmentKind.choices)
    confidential = serializers.BooleanField(default=False)


class InitiativeSummarySerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    agency = AgencyRefSerializer(read_only=True)
    field = serializers.CharField(source="field_id", read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "code",
            "title",
            "status",
            "status_label",
            "agency",
            "field",
            "round",
            "submitted_at",
            "review_due",
            "revision_due",
            "decision_due",
            "updated_at",
        ]


class InitiativeWriteSerializer(serializers.ModelSerializer):
    """What the agency writes: the TT 18 form, authors and participants (replaced as lists)."""

    field = serializers.SlugRelatedField(
        slug_field="code", queryset=Field.objects.filter(is_active=True), required=False
    )
    authors = AuthorSerializer(many=True, required=False, max_length=MAX_AUTHORS)
    participants = ParticipantSerializer(many=True, required=False, max_length=MAX_PARTICIPANTS)
    benefit_amount_vnd = serializers.IntegerField(
        min_value=0, max_value=MAX_VND, required=False, allow_null=True
    )
    round = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.filter(is_active=True), required=False, write_only=True
    )

    class Meta:
        model = Initiative
        fields = [*AGENCY_FIELDS, "authors", "participants", "agency"]
        extra_kwargs = {"title": {"required": True}}


class SignerSerializer(serializers.Serializer):
    name = serializers.CharField()
    authority = serializers.CharField()
    authority_label = serializers.CharField()


class ScoreSummarySerializer(serializers.Serializer):
    rubric_version = serializers.IntegerField(source="rubric.version")
    pass_total = serializers.DecimalField(
        source="rubric.pass_total", max_digits=6, decimal_places=2
    )
    mean_scores = serializers.SerializerMethodField()
    total = serializers.DecimalField(max_digits=7, decimal_places=2)
    meeting_date = serializers.DateField()
    named_count = serializers.IntegerField()
    present_count = serializers.IntegerField()
    voting = serializers.SerializerMethodField()
    agree_count = serializers.IntegerField()
    disagree_count = serializers.IntegerField()
    not_voting_count = serializers.IntegerField()
    member_count = serializers.IntegerField(help_text="Sheets counted for the means.")
    majority_base = serializers.CharField()
    majority_denominator = serializers.IntegerField()
    tally = serializers.CharField(source="tally_text")
    recommended = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())
    completed_at = serializers.DateTimeField()

    def get_mean_scores(self, review) -> dict[str, float]:
        return {code: float(value) for code, value in review.mean_scores.items()}

    def get_voting(self, review) -> str:
        """The round's voting mode ("open" or "secret"), fixed when the round started."""
        return review.voting


class InitiativeDetailSerializer(InitiativeSummarySerializer):
    authors = AuthorSerializer(many=True, read_only=True)
    participants = ParticipantSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    available_transitions = serializers.SerializerMethodField()
    score_summary = serializers.SerializerMethodField()
    scope_label = serializers.CharField(source="get_scope_display", read_only=True)
    receipt_number = serializers.SerializerMethodField()
    promised_result_on = serializers.SerializerMethodField()
    signer = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            *InitiativeSummarySerializer.Meta.fields,
            *AGENCY_FIELDS,
            "authors",
            "participants",
            "attachments",
            "available_transitions",
            "accepted_at",
            "decided_at",
            *DECISION_FIELDS,
            *REVOCATION_FIELDS,
            *NATIONAL_FIELDS,
            *APPEAL_FIELDS,
            "scope_label",
            "signer",
            "score_summary",
            "receipt_number",
            "promised_result_on",
            "created_at",
        ]

    def to_representation(self, initiative):
        data = super().to_representation(initiative)
        if not sees_confidential(initiative, self.context["request"].user):
            data["confidential_info"] = None
            data["score_summary"] = None  # the review process is not public
            for name in APPEAL_FIELDS:
                data[name] = None
            data["attachments"] = [a for a in data["attachments"] if not a["confidential"]]
            for person in data["authors"] + data["participants"]:
                person["birth_date"] = None
        return data

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_receipt_number(self, initiative) -> str | None:
        """The intake book's number, "<number>/<year>", once the dossier is submitted."""
        intake = getattr(initiative, "intake", None)
        return intake.receipt_number if intake else None

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_promised_result_on(self, initiative):
        intake = getattr(initiative, "intake", None)
        return intake.promised_result_on.isoformat() if intake else None

    @extend_schema_field(SignerSerializer(allow_null=True))
    def get_signer(self, initiative):
        """Who signed the recognition decision, and in what capacity; null before it."""
        if not initiative.signer_name:
            return None
        return {
            "name": initiative.signer_name,
            "authority": initiative.signer_authority,
            "authority_label": initiative.get_signer_authority_display(),
        }

    @extend_schema_field(TransitionChoiceSerializer(many=True))
    def get_available_transitions(self, initiative):
        return available_transitions(initiative, self.context["request"].user)

    @extend_schema_field(ScoreSummarySerializer(allow_null=True))
    def get_score_summary(self, initiative):
        review = getattr(initiative, "council_review", None)
        if review is None or review.completed_at is None:
            return None
        return ScoreSummarySerializer(review).data


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string", "maxLength": 120, "description": "the signer's name"},
            {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "maxLength": 120},
                    "authority": {"type": "string", "enum": SignerAuthority.values},
                },
            },
        ]
    }
)
class SignerField(serializers.Field):
    """recognize: the signer as a name ("Nguyễn Văn A", with `signer_authority` beside it) or as
    an object {"name", "authority"}; both shapes give {"name", "authority"}."""

    default_error_messages = {
        "invalid": _("Give the signer as a name, or as an object with “name” and “authority”."),
        "max_length": _("The signer's name has at most %(max)s characters."),
    }
    MAX_NAME = 120

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = {"name": data}
        if not isinstance(data, dict):
            self.fail("invalid")
        name, authority = data.get("name", ""), data.get("authority", "")
        if not isinstance(name, str) or not isinstance(authority, str):
            self.fail("invalid")
        if len(name.strip()) > self.MAX_NAME:
            self.fail("max_length", max=self.MAX_NAME)
        return {"name": name, "authority": authority}

    def to_representation(self, value):
        return value


class TransitionInputSerializer(serializers.Serializer):
    """Every input any transition takes; each service uses what it needs and checks it."""

    comment = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=COMMENT
    )
    reply_due = serializers.DateField(required=False, allow_null=True)
    council = IdField(
        required=False,
        allow_null=True,
        help_text="accept only: the council set up by decision (GET /api/v1/councils/).",
    )
    # The hand-picked panel of the earlier contract: refused (400 naming `council`) unless the
    # province allows ad-hoc panels (COUNCIL_ADHOC_PANELS).
    council_members = serializers.ListField(child=IdField(), required=False, max_length=100)
    decision_number = serializers.CharField(required=False, allow_blank=True, max_length=60)
    decision_date = serializers.DateField(required=False, allow_null=True)
    scope = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="recognize only: `provincial` (the default); the provincial track decides "
        "no other scope.",
    )
    signer = SignerField(required=False)
    signer_authority = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text="recognize: `chairman` or `vice_chairman` (or inside `signer`).",
    )
    target_agencies = serializers.ListField(child=IdField(), required=False, max_length=1000)
    report_due = serializers.DateField(required=False, allow_null=True)
    meeting_date = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="complete_scoring: the date of the council's meeting (required).",
    )
    present = serializers.ListField(
        child=IdField(),
        required=False,
        max_length=200,
        help_text="complete_scoring: ids of the council seats (members) present (required).",
    )
    grounds = serializers.ListField(
        child=serializers.ChoiceField(choices=RefusalGround.choices),
        required=False,
        max_length=len(RefusalGround.values),
        help_text="reject only: the formal grounds for refusing the application (at least one).",
    )
    outcome = serializers.ChoiceField(
        choices=[("upheld", "upheld"), ("granted", "granted")],
        required=False,
        allow_blank=True,
        help_text="resolve_appeal only: `upheld` (the decision stands, now final) or `granted`.",
    )
    complex = serializers.BooleanField(
        required=False,
        help_text="resolve_appeal only: mark the appeal complex (resolution due 45 days after "
        "filing instead of 30).",
    )
    # submit / resubmit: the declarations may be ticked with the submission itself (or stored
    # beforehand by a PATCH); either way the service refuses until all three are made.
    truthfulness_declared = serializers.BooleanField(required=False)
    public_order_declared = serializers.BooleanField(required=False)
    no_ip_protection_declared = serializers.BooleanField(required=False)

    ARGUMENTS = {
        "reject": ["grounds"],
        "request_revision": ["reply_due"],
        "accept": ["council", "council_members"],
        "recognize": ["decision_number", "decision_date", "scope"],
        "start_rollout": ["target_agencies", "report_due"],
        "revoke": ["decision_number", "decision_date"],
        "resolve_appeal": ["outcome", "complex"],
        "complete_scoring": ["meeting_date", "present"],
    }

    def arguments_for(self, name: str) -> dict:
        data = self.validated_data
        kwargs = {"comment": data.get("comment", "")}
        for key in self.ARGUMENTS.get(name, []):
            if key in data:
                kwargs[key] = data[key]
        if name in ("submit", "resubmit"):
            kwargs["declared"] = [key for key in DECLARATION_FIELDS if data.get(key)]
        if name == "recognize":
            signer = data.get("signer") or {}
            kwargs["signer_name"] = signer.get("name", "")
            kwargs["signer_authority"] = data.get("signer_authority") or signer.get("authority", "")
        return kwargs


class HistorySerializer(serializers.ModelSerializer):
    actor = UserRefSerializer(read_only=True)
    transition_label = serializers.SerializerMethodField()

    class Meta:
        model = TransitionLog
        fields = [
            "transition",
            "transition_label",
            "source",
            "target",
            "actor",
            "role",
            "comment",
            "data",
            "created_at",
        ]

    def get_transition_label(self, log) -> str:
        from workflow.permissions import transition_label

        return str(transition_label(log.transition))

    def to_representation(self, log):
        """Only the details this caller may see (the view passes them in the context)."""
        data = super().to_representation(log)
        allowed = self.context.get("details", frozenset())
        data["data"] = {key: value for key, value in (log.data or {}).items() if key in allowed}
        return data


class AgencyFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Agency.Kind.choices, required=False)
    q = serializers.CharField(required=False, max_length=200, help_text="Part of the name or code.")


class InitiativeFilterSerializer(serializers.Serializer):
    status = serializers.CharField(required=False)
    agency = IdField(required=False)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    field = serializers.SlugField(required=False)
    q = serializers.CharField(required=False, max_length=200)

    def validate_status(self, value):
        unknown = [s for s in value.split(",") if s not in InitiativeStatus.values]
        if unknown:
            raise serializers.ValidationError(
                _("Unknown status: %(list)s.") % {"list": ", ".join(unknown)}
            )
        return value


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "subject", "message", "initiative", "url", "created_at", "read_at"]
