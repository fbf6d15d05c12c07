from django.urls import path

from . import council_views, dossier_views, registry, round_docs, score_sheets, views

app_name = "documents"
urlpatterns = [
    path("verify/<slug:code>/", views.VerifyView.as_view(), name="verify"),
    path("documents/<int:pk>/download/", views.DocumentDownloadView.as_view(), name="download"),
    path(
        "documents/<int:pk>/signed-scan/",
        views.SignedScanDownloadView.as_view(),
        name="signed_scan",
    ),
    path(
        "documents/<int:pk>/signed-scan/upload/",
        views.SignedScanUploadView.as_view(),
        name="signed_scan_upload",
    ),
    path(
        "registry/<int:pk>/decision/signed-scan/",
        registry.RegistryDecisionScanView.as_view(),
        name="registry_decision_scan",
    ),
    path(
        "documents/councils/<int:pk>/decision/draft/",
        council_views.CouncilDecisionDraftView.as_view(),
        name="council_decision_draft",
    ),
    path(
        "documents/councils/<int:pk>/decision/issue/",
        council_views.CouncilDecisionIssueView.as_view(),
        name="council_decision_issue",
    ),
    path(
        "documents/councils/<int:pk>/decision/",
        council_views.CouncilDecisionDownloadView.as_view(),
        name="council_decision",
    ),
    path(
        "documents/score-sheets/<int:pk>/blank/",
        score_sheets.ScoreSheetView.as_view(),
        name="score_sheet_blank",
    ),
    path(
        "documents/score-sheets/<int:pk>/filled/",
        score_sheets.ScoreSheetView.as_view(filled=True),
        name="score_sheet_filled",
    ),
    path(
        "documents/rounds/<int:pk>/proposal/draft/",
        round_docs.RoundProposalDraftView.as_view(),
        name="round_proposal_draft",
    ),
    path(
        "documents/initiatives/<int:pk>/council-papers/",
        dossier_views.CouncilPapersView.as_view(),
        name="council_papers",
    ),
    path(
        "documents/initiatives/<int:pk>/recognition-decision/draft/",
        dossier_views.RecognitionDraftView.as_view(),
        name="recognition_draft",
    ),
    path(
        "documents/rounds/<int:pk>/recognition-decision/draft/",
        dossier_views.RoundRecognitionDraftView.as_view(),
        name="round_recognition_draft",
    ),
    path(
        "documents/initiatives/<int:pk>/minutes/draft/",
        council_views.MinutesDraftView.as_view(),
        name="minutes_draft",
    ),
]
