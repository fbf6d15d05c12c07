"""What each transition takes through the API (API.md: POST …/transitions/{name}/): the
shared comment and every transition's own fields, checked for shape; the services check the rest."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.limits import COMMENT
from initiatives.fields import DECLARATION_FIELDS
from initiatives.models import SignerAuthority
from workflow.refusal import RefusalGround

from .serializers import IdField


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
