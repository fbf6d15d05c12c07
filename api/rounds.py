"""GET /api/v1/rounds/?year=&status= — the rounds (đợt xét) in which dossiers are taken.

Everyone logged in reads them (an agency must know when it may submit); reviewers manage them
on the rounds screen and in the admin. `status` is derived from the dates (planned, open,
closed) unless the round's decision is recorded (decided); `fields` lists field codes, empty
when the round takes every field; `council` is the council's id, or null."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, views
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from common.limits import COMMENT
from workflow.intake_rounds import Round, RoundStatus
from workflow.round_decision import BatchRefused, may_decide_round, round_decide
from workflow.rounds import may_see_round_page, round_detail, rounds_list

from .serializers import IdField


class RoundFilterSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    status = serializers.ChoiceField(choices=RoundStatus.choices, required=False)


class RoundSerializer(serializers.ModelSerializer):
    fields = serializers.SerializerMethodField(method_name="field_codes")
    status = serializers.ChoiceField(choices=RoundStatus.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    council = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Round
        fields = ["id", "year", "number", "title", "fields", "opens_on", "closes_on", "status",
                  "status_label", "council"]  # fmt: skip

    def field_codes(self, item) -> list[str]:
        """Field codes (an initiative's `field`); empty when the round takes every field."""
        return [field.code for field in item.fields.all()]


class RoundListView(generics.ListAPIView):
    serializer_class = RoundSerializer
    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[RoundFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        filters = RoundFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return rounds_list(**filters.validated_data)


urlpatterns = [path("rounds/", RoundListView.as_view(), name="api-rounds")]


class RoundDecisionSerializer(serializers.Serializer):
    """POST /api/v1/rounds/{id}/decide/: the batch decision (workflow.round_decision)."""

    decision_number = serializers.CharField(max_length=60, required=False, default="")
    decision_date = serializers.DateField(required=False, allow_null=True, default=None)
    signer_name = serializers.CharField(max_length=120, required=False, default="")
    signer_authority = serializers.CharField(max_length=40, required=False, default="")
    recognize = serializers.ListField(
        child=IdField(), required=False, allow_null=True, default=None,
        help_text="ids to recognize; omitted: the dossiers the council recommends",
    )  # fmt: skip
    decline = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=COMMENT), required=False,
        default=dict, help_text="{id: reason} of the dossiers to decline",
    )  # fmt: skip
    reasons = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=COMMENT), required=False,
        default=dict, help_text="{id: reason} of recognized dossiers (against the council)",
    )  # fmt: skip
    comment = serializers.CharField(
        allow_blank=True, max_length=COMMENT, required=False, default=""
    )

    def validate_decline(self, value):
        return _ids_as_keys(value)

    def validate_reasons(self, value):
        return _ids_as_keys(value)


def _ids_as_keys(value: dict) -> dict[int, str]:
    """{id: text} with its keys checked as dossier ids (JSON keys arrive as strings)."""
    field = IdField()
    try:
        return {field.run_validation(key): text for key, text in value.items()}
    except serializers.ValidationError:
        raise serializers.ValidationError(_("The keys must be dossier ids.")) from None


class RoundDecideView(views.APIView):
    """Recognize and decline a round's dossiers in one act: all or nothing. A refusal is 400
    with the shared fields' problems and {"dossiers": {code: [messages]}}."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=RoundDecisionSerializer, responses={200: dict})
    def post(self, request, pk):
        if not (may_see_round_page(request.user) and may_decide_round(request.user)):
            raise PermissionDenied(_("Only the provincial leadership decides on a round."))
        item = round_detail(pk)
        if item is None:
            raise Http404(_("Round not found."))
        data = RoundDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            done = round_decide(round=item, actor=request.user, **data.validated_data)
        except BatchRefused as error:
            return Response({**error.fields, "dossiers": error.dossiers}, status=400)
        return Response({
            "recognized": [i.code for i in done["recognized"]],
            "declined": [i.code for i in done["declined"]],
        })  # fmt: skip


urlpatterns.append(
    path("rounds/<int:pk>/decide/", RoundDecideView.as_view(), name="api-round-decide")
)
