from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from api.views import healthz

urlpatterns = [
    # Until the role screens exist, the root leads to the administration site.
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
]

admin.site.site_header = f"Sáng kiến — {settings.PROVINCE_NAME}"
