"""GET /api/v1/councils/?active=1 — the councils set up by decision, with their members.

Whoever takes part in the review reads them: reviewers (they choose one at `accept`), leaders,
council members and administrators; other users get 403. An outside expert has no account:
their `user` is null."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import BasePermission, IsAuthenticated

from workflow.council_body import Council, CouncilMember
from workflow.councils import councils_list, may_see_councils

from .serializers import AgencyRefSerializer, UserRefSerializer


class SeesCouncils(BasePermission):
    message = _("Only reviewers, leaders and council members can see the councils.")

    def has_permission(self, request, view):
        return may_see_councils(request.user)


class CouncilFilterSerializer(serializers.Serializer):
    active = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="1: active councils only."
    )


class CouncilMemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="full_name")
    role_label = serializers.CharField(source="get_role_display")
    user = UserRefSerializer(allow_null=True)

    class Meta:
        model = CouncilMember
        fields = ["id", "name", "role", "role_label", "position", "user"]


class CouncilSerializer(serializers.ModelSerializer):
    body = AgencyRefSerializer()
    fields_covered = serializers.SerializerMethodField()
    members = CouncilMemberSerializer(source="active_seats", many=True)

    class Meta:
        model = Council
        fields = [
            "id", "name", "kind", "body", "decision_number", "decision_date", "decision_signer",
            "fields_covered", "term_starts_on", "term_ends_on", "voting", "quorum_numerator",
            "quorum_denominator", "majority_base", "is_active", "members",
        ]  # fmt: skip

    def get_fields_covered(self, council) -> list[str]:
        """Field codes (an initiative's `field`); empty when the council covers every field."""
        return [field.code for field in council.fields.all()]


class CouncilListView(generics.ListAPIView):
    serializer_class = CouncilSerializer
    permission_classes = [IsAuthenticated, SeesCouncils]

    @extend_schema(parameters=[CouncilFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        filters = CouncilFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return councils_list(active=filters.validated_data.get("active"))


urlpatterns = [path("councils/", CouncilListView.as_view(), name="api-councils")]
