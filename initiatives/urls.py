from django.urls import path

from . import attachment_views, person_views, registry_views, views

app_name = "initiatives"
urlpatterns = [
    path("initiatives/", views.InitiativeListView.as_view(), name="list"),
    path("initiatives/new/", views.InitiativeCreateView.as_view(), name="create"),
    path("initiatives/<int:pk>/edit/", views.InitiativeEditView.as_view(), name="edit"),
    path("initiatives/<int:pk>/preview/", views.InitiativePreviewView.as_view(), name="preview"),
    path("initiatives/<int:pk>/print/", views.InitiativePrintView.as_view(), name="print"),
    path(
        "initiatives/<int:pk>/attachments/new/",
        attachment_views.AttachmentUploadView.as_view(),
        name="attachment_upload",
    ),
    path(
        "attachments/<int:pk>/delete/",
        attachment_views.AttachmentDeleteView.as_view(),
        name="attachment_delete",
    ),
    path(
        "attachments/<int:pk>/",
        attachment_views.AttachmentDownloadView.as_view(),
        name="attachment",
    ),
    path(
        "persons/suggest/", person_views.PersonSuggestionsView.as_view(), name="person_suggestions"
    ),
    path("persons/", person_views.PersonListView.as_view(), name="persons"),
    path("persons/<int:pk>/", person_views.PersonDetailView.as_view(), name="person"),
    path(
        "persons/<int:pk>/merge/<int:drop>/",
        person_views.PersonMergeView.as_view(),
        name="person_merge",
    ),
    *registry_views.urlpatterns,
]
