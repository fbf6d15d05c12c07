"""GET /api/v1/registry/?q=&field=&year= — the public registry of recognized initiatives.

No login: the registry is the same for everyone, so credentials are not even read (a stale
token does not turn a public read into a 401)."""

from django.urls import path, reverse
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from initiatives.models import Initiative
from initiatives.registry import registry_initiatives, registry_rows, summary

from .serializers import AgencyRefSerializer
from .throttles import RegistryRateThrottle


class RegistryFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    field = serializers.SlugField(required=False, allow_blank=True, max_length=40)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


class RegistrySerializer(serializers.ModelSerializer):
    """The public registry (no login): only what may be published — never confidential_info,
    authors' birth dates or attachments (DESIGN.md §6)."""

    agency = AgencyRefSerializer(read_only=True)
    field = serializers.CharField(source="field_id", read_only=True)
    field_name = serializers.CharField(source="field.name", read_only=True)
    scope_label = serializers.CharField(source="get_scope_display", read_only=True)
    summary = serializers.SerializerMethodField()
    applied_count = serializers.IntegerField(read_only=True)
    signed_decision_url = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            "id",
            "code",
            "title",
            "field",
            "field_name",
            "agency",
            "decision_number",
            "decision_date",
            "scope",
            "scope_label",
            "summary",
            "applied_count",
            "signed_decision_url",
        ]

    def get_summary(self, initiative) -> str:
        return summary(initiative.description)

    def get_signed_decision_url(self, initiative) -> str | None:
        """The signed scan of the recognition decision, once uploaded (public: the decision is a
        public act); null before. Annotated by documents.registry, no query per row."""
        if getattr(initiative, "signed_decision_id", None) is None:
            return None
        return reverse("documents:registry_decision_scan", args=[initiative.pk])


class RegistryListView(generics.ListAPIView):
    serializer_class = RegistrySerializer
    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [RegistryRateThrottle]

    @extend_schema(parameters=[RegistryFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        filters = RegistryFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return registry_initiatives(**filters.validated_data)

    def paginate_queryset(self, queryset):
        """The page's ids from the ordered list, then the page's rows with what other apps add
        (initiatives.registry.registry_rows): never computed for the whole registry."""
        return registry_rows(super().paginate_queryset(queryset.values_list("pk", flat=True)))


urlpatterns = [path("registry/", RegistryListView.as_view(), name="api-registry")]
