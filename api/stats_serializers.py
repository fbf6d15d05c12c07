"""Serializers of GET /api/v1/stats/adoption/ (api.stats; figures from adoption.dashboard)."""

from rest_framework import serializers

from agencies.models import Agency
from initiatives.models import Initiative

from .serializers import AgencyRefSerializer, IdField


class StatsFilterSerializer(serializers.Serializer):
    initiative = IdField(required=False)


class StatsInitiativeRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Initiative
        fields = ["id", "code", "title"]


class StatsKindSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Agency.Kind.choices)
    label = serializers.CharField()
    targeted = serializers.IntegerField()
    applied = serializers.IntegerField()
    coverage_percent = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)


class StatsOverdueSerializer(serializers.Serializer):
    adoption = serializers.IntegerField()
    initiative = StatsInitiativeRefSerializer()
    agency = AgencyRefSerializer()
    due_date = serializers.DateField()
    days_overdue = serializers.IntegerField()


class StatsBenefitsSerializer(serializers.Serializer):
    reports = serializers.IntegerField()
    days_saved = serializers.DecimalField(max_digits=16, decimal_places=1)
    dossiers = serializers.IntegerField()
    cost_saved_vnd = serializers.IntegerField()
    claimed_vnd = serializers.IntegerField()
    cost_vs_claimed_percent = serializers.DecimalField(
        max_digits=24, decimal_places=1, allow_null=True
    )


class AdoptionStatsSerializer(serializers.Serializer):
    initiatives_in_rollout = serializers.IntegerField()
    adoptions = serializers.IntegerField()
    applied = serializers.IntegerField()
    coverage_percent = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    by_status = serializers.DictField(child=serializers.IntegerField())
    by_agency_kind = StatsKindSerializer(many=True)
    overdue_count = serializers.IntegerField()
    overdue = StatsOverdueSerializer(many=True)
    benefits = StatsBenefitsSerializer()
