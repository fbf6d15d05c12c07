"""GET /api/v1/rounds/?year=&status= — the rounds (đợt xét) in which dossiers are taken.

Everyone logged in reads them (an agency must know when it may submit); reviewers manage them
on the rounds screen and in the admin. `status` is derived from the dates (planned, open,
closed) unless the round's decision is recorded (decided); `fields` lists field codes, empty
when the round takes every field; `council` is the council's id, or null."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated

from workflow.intake_rounds import Round, RoundStatus
from workflow.rounds import rounds_list


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
