from django.contrib.auth import views as auth_views
from django.urls import path

from agencies.forms import LoginForm

from .views import (
    AgencyTrackView,
    HomeView,
    ProfileView,
    TokenRevokeAllView,
    TokenRevokeView,
    set_language,
)

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("language/", set_language, name="set_language"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path("accounts/profile/", ProfileView.as_view(), name="profile"),
    path("agency/<int:pk>/track/", AgencyTrackView.as_view(), name="agency_track"),
    path(
        "accounts/profile/tokens/<int:pk>/revoke/",
        TokenRevokeView.as_view(),
        name="token_revoke",
    ),
    path(
        "accounts/profile/tokens/revoke-all/",
        TokenRevokeAllView.as_view(),
        name="token_revoke_all",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]
