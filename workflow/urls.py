from django.urls import path

from . import views

app_name = "workflow"
urlpatterns = [
    path("initiatives/<int:pk>/", views.InitiativeDetailView.as_view(), name="detail"),
    path(
        "initiatives/<int:pk>/transitions/<slug:name>/",
        views.TransitionView.as_view(),
        name="transition",
    ),
    path(
        "initiatives/<int:pk>/appeal/complex/",
        views.AppealComplexView.as_view(),
        name="appeal_complex",
    ),
    path(
        "initiatives/<int:pk>/national/",
        views.NationalRecognitionView.as_view(),
        name="record_national",
    ),
    path("initiatives/<int:pk>/round/", views.RoundPlacementView.as_view(), name="round_placement"),
    path("initiatives/<int:pk>/promote/", views.PromotionView.as_view(), name="promote"),
    path("initiatives/<int:pk>/scoresheet/", views.ScoreSheetView.as_view(), name="scoresheet"),
    path(
        "initiatives/<int:pk>/scoresheet/seat/<int:seat>/",
        views.ScoreSheetView.as_view(),
        name="paper_scoresheet",
    ),
    path("review/", views.ReviewQueueView.as_view(), name="review_queue"),
    path("council/", views.CouncilListView.as_view(), name="council_list"),
    path("decisions/", views.DecisionListView.as_view(), name="decisions"),
    path(
        "oversight/agency-level/",
        views.AgencyLevelOverviewView.as_view(),
        name="agency_level_overview",
    ),
    path("councils/", views.CouncilsView.as_view(), name="councils"),
    path("councils/new/", views.CouncilEditView.as_view(), name="council_create"),
    path("councils/<int:pk>/edit/", views.CouncilEditView.as_view(), name="council_edit"),
    path("rounds/", views.RoundsView.as_view(), name="rounds"),
    path("rounds/<int:pk>/", views.RoundPageView.as_view(), name="round"),
    path("rounds/new/", views.RoundEditView.as_view(), name="round_create"),
    path("rounds/<int:pk>/edit/", views.RoundEditView.as_view(), name="round_edit"),
    path("rounds/<int:pk>/decide/", views.RoundDecideView.as_view(), name="round_decide"),
]
