from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("verify/<slug:code>/", views.VerifyView.as_view(), name="verify"),
    path("documents/<int:pk>/download/", views.DocumentDownloadView.as_view(), name="download"),
    path(
        "documents/<int:pk>/signed-scan/",
        views.SignedScanDownloadView.as_view(),
        name="signed_scan",
    ),
]
