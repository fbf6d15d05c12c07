"""GET /api/v1/stats/adoption/ — the leadership dashboard's headline figures as JSON.

Reviewers and leaders only (403 for others, 401 without credentials). ?initiative=<id> narrows
the figures to one recognized, rolling-out or closed initiative (404 for any other). The figures
come from adoption.dashboard.figures: aggregate queries, the same number whatever the data
size; the province-wide body is kept between two changes (adoption.dashboard.cached).
`overdue` lists the most overdue records first, at most OVERDUE_LIMIT (there) of them;
`overdue_count` counts them all.
"""

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from adoption.dashboard import figures as dashboard
from adoption.dashboard.cached import province_figures
from adoption.selectors import PUBLIC_STATES
from common import clock
from common.schema import DetailError
from initiatives.models import Initiative

from . import stats_serializers as s


class SeesDashboard(BasePermission):
    message = _("Only reviewers and provincial leaders can see the adoption statistics.")

    def has_permission(self, request, view):
        return dashboard.may_see_dashboard(request.user)


class AdoptionStatsView(APIView):
    permission_classes = [IsAuthenticated, SeesDashboard]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "initiative", int, description="Only this initiative (recognized or later)."
            )
        ],
        responses={200: s.AdoptionStatsSerializer, 404: DetailError},
    )
    def get(self, request):
        query = s.StatsFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        initiative = None
        if "initiative" in query.validated_data:
            initiative = get_object_or_404(
                Initiative.objects.only("pk", "status", "benefit_amount_vnd"),
                pk=query.validated_data["initiative"],
                status__in=PUBLIC_STATES,
            )
        if initiative is None:
            today = clock.today()
            stats = province_figures(
                today, lambda: dashboard.adoption_stats(dashboard.Scope(), today), part="api"
            )
        else:
            stats = dashboard.adoption_stats(dashboard.Scope(initiative))
        return Response(s.AdoptionStatsSerializer(stats).data)


urlpatterns = [path("stats/adoption/", AdoptionStatsView.as_view(), name="api-stats-adoption")]
