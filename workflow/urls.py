from django.urls import path

from . import list_views, views

app_name = "workflow"
urlpatterns = [
    path("initiatives/<int:pk>/", views.InitiativeDetailView.as_view(), name="detail"),
    path(
        "initiatives/<int:pk>/transitions/<slug:name>/",
        views.TransitionView.as_view(),
        name="transition",
    ),
    path("initiatives/<int:pk>/scoresheet/", views.ScoreSheetView.as_view(), name="scoresheet"),
    path("review/", list_views.ReviewQueueView.as_view(), name="review_queue"),
    path("council/", list_views.CouncilListView.as_view(), name="council_list"),
    path("decisions/", list_views.DecisionListView.as_view(), name="decisions"),
]
