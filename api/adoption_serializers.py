"""Serializers of adoption records and their reports (API.md: adoptions)."""

from rest_framework import serializers

from adoption.fields import RECORD_FIELDS, REPORT_FIELDS
from adoption.models import Adoption, AdoptionReport

from .serializers import MAX_VND, AgencyRefSerializer, IdField


class AdoptionReportSerializer(serializers.ModelSerializer):
    """JSON as before; multipart may add an `evidence` file (checked by content and size)."""

    confirmed = serializers.SerializerMethodField()
    evidence = serializers.FileField(write_only=True, required=False)

    class Meta:
        model = AdoptionReport
        fields = [
            "id",
            *REPORT_FIELDS,
            "evidence",
            "evidence_name",
            "period_due",
            "confirmed",
            "created_at",
        ]
        read_only_fields = ["id", "evidence_name", "period_due", "confirmed", "created_at"]
        extra_kwargs = {
            "dossiers_handled": {"min_value": 0, "max_value": 10**9},
            "cost_saved_vnd": {"min_value": 0, "max_value": MAX_VND},
            "processing_days_before": {"min_value": 0},
            "processing_days_after": {"min_value": 0},
        }

    def get_confirmed(self, report) -> bool:
        return report.confirmed_by_id is not None


class AdoptionSerializer(serializers.ModelSerializer):
    agency = AgencyRefSerializer(read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    reports = AdoptionReportSerializer(many=True, read_only=True)

    class Meta:
        model = Adoption
        fields = [
            "id",
            "initiative",
            "agency",
            "source",
            "status",
            "status_label",
            "due_date",
            "started_on",
            "applied_on",
            "reason",
            "reports",
        ]
        read_only_fields = ["id", "initiative", "agency", "source", "due_date"]


class AdoptionUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Adoption
        fields = RECORD_FIELDS


class VoluntaryAdoptionSerializer(serializers.Serializer):
    """Only needed by someone who works for several agencies."""

    agency = IdField(required=False)
