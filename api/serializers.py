"""Serializers of the REST contract (API.md). The API is an edge adapter: it validates input,
calls services and shapes output; the apps know nothing of it."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agencies.models import Agency, User
from common.limits import MAX_AUTHORS, MAX_ID, MAX_PARTICIPANTS
from initiatives.fields import (
    AGENCY_FIELDS,
    APPEAL_FIELDS,
    AUTHOR_FIELDS,
    DECISION_FIELDS,
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
    Level,
    Participant,
)
from initiatives.models import Status as InitiativeStatus
from initiatives.permissions import sees_confidential
from notifications.models import Notification
from workflow.models import TransitionLog
from workflow.permissions import available_transitions

# Bounds that every database accepts: larger numbers are a 400, never an overflow (500).
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
    # The registry's person (GET /api/v1/persons/); optional: without it the row is matched
    # by agency, folded name and birth date, or a new person is created.
    person = serializers.IntegerField(source="person_id", required=False, allow_null=True)

    class Meta:
        model = Author
        fields = [*AUTHOR_FIELDS, "person"]


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
            "level",
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
    # The recognition track, chosen when the draft is created (never changed after): "agency"
    # (cơ sở, for an agency running its track here — its default) or "provincial".
    level = serializers.ChoiceField(choices=Level.choices, required=False, write_only=True)

    class Meta:
        model = Initiative
        fields = [*AGENCY_FIELDS, "authors", "participants", "agency", "level"]
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
    # The dossier of the other level: the provincial one proposed from this cơ sở one, or the
    # cơ sở one this provincial dossier was proposed from (ids; each page links the other).
    promoted_to = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            *InitiativeSummarySerializer.Meta.fields,
            "promoted_from",
            "promoted_to",
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

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_promoted_to(self, initiative) -> int | None:
        promoted = getattr(initiative, "promoted_to", None)
        return promoted.pk if promoted else None

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
    level = serializers.ChoiceField(choices=Level.choices, required=False)

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
