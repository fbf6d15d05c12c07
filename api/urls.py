from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import (
    auth,
    councils,
    documents,
    export_jobs,
    persons,
    promotion,
    registry,
    rounds,
    stats,
    verify,
    views,
)

router = SimpleRouter()
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("notifications", views.NotificationViewSet, basename="notification")

urlpatterns = [
    *auth.urlpatterns,
    path("me/", views.MeView.as_view(), name="api-me"),
    path("agencies/", views.AgencyListView.as_view(), name="api-agencies"),
    path("rubric/", views.RubricView.as_view(), name="api-rubric"),
    path("persons/", persons.PersonListView.as_view(), name="api-persons"),
    path(
        "persons/<int:pk>/recognitions/",
        persons.PersonRecognitionsView.as_view(),
        name="api-person-recognitions",
    ),
    path(
        "attachments/<int:pk>/download/",
        views.AttachmentDownloadView.as_view(),
        name="api-attachment-download",
    ),
    path("adoptions/<int:pk>/", views.AdoptionDetailView.as_view(), name="api-adoption"),
    path(
        "adoptions/<int:pk>/reports/",
        views.AdoptionReportCreateView.as_view(),
        name="api-adoption-reports",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start script from a URL: no inline script (CSP).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    *registry.urlpatterns,
    *councils.urlpatterns,
    *rounds.urlpatterns,
    *stats.urlpatterns,
    *verify.urlpatterns,
    *documents.urlpatterns,
    *export_jobs.urlpatterns,
    *promotion.urlpatterns,
    *router.urls,
]
