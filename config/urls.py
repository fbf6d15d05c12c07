from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from api.views import healthz

urlpatterns = [
    path("", include("portal.urls")),
    path("", include("initiatives.urls")),
    path("", include("workflow.urls")),
    path("", include("adoption.urls")),
    path("", include("exports.urls")),
    path("", include("documents.urls")),
    path("notifications/", include("notifications.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("healthz", healthz, name="healthz"),
]

# A database outage answers 503 (common/outage.py); anything else the usual 500 page.

admin.site.site_header = f"Sáng kiến — {settings.PROVINCE_NAME}"

handler400 = "common.error_views.bad_request"
handler403 = "common.error_views.permission_denied"
handler404 = "common.error_views.page_not_found"
handler500 = "common.error_views.server_error"
