"""Adoption pages: each view module brings its own routes (agency records, public registry,
leadership dashboard, Excel exports)."""

from . import dashboard_views, export_views, registry_views, views

app_name = "adoption"
urlpatterns = [
    *views.urlpatterns,
    *registry_views.urlpatterns,
    *dashboard_views.urlpatterns,
    *export_views.urlpatterns,
]
