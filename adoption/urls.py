"""Adoption pages: each view module brings its own routes (agency records, public registry,
leadership dashboard)."""

from . import registry_views, views
from .dashboard import urls as dashboard_urls

app_name = "adoption"
urlpatterns = [
    *views.urlpatterns,
    *registry_views.urlpatterns,
    *dashboard_urls.urlpatterns,
]
