from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("exports/<slug:kind>/", views.ExportStartView.as_view(), name="start"),
    path("exports/jobs/<int:pk>/", views.ExportJobView.as_view(), name="job"),
    path("exports/jobs/<int:pk>/download/", views.ExportDownloadView.as_view(), name="download"),
    path("exports/jobs/<int:pk>/restart/", views.ExportRestartView.as_view(), name="restart"),
]
