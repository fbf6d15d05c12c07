"""The dashboard's routes, included by adoption.urls (names stay adoption:dashboard…)."""

from django.urls import path

from .views import (
    AdoptionListView,
    DashboardView,
    InitiativeDashboardView,
    InitiativeListView,
    MatrixView,
)

urlpatterns = [
    path("dashboard/", DashboardView.as_view(), name="dashboard"),
    path("dashboard/initiatives/", InitiativeListView.as_view(), name="dashboard_initiatives"),
    path(
        "dashboard/initiatives/<int:pk>/",
        InitiativeDashboardView.as_view(),
        name="dashboard_initiative",
    ),
    path("dashboard/matrix/", MatrixView.as_view(), name="dashboard_matrix"),
    path("dashboard/adoptions/", AdoptionListView.as_view(), name="dashboard_list"),
]
