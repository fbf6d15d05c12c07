from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views import i18n as i18n_views
from django.views.generic import TemplateView
from knox.settings import knox_settings

from agencies import services as agency_services
from agencies.selectors import live_api_tokens_of, memberships_of
from workflow.worklist import work_sections


class HomeView(LoginRequiredMixin, TemplateView):
    """Việc cần làm: the first page after login."""

    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        sections = work_sections(self.request.user)
        return super().get_context_data(
            sections=sections, total=sum(len(s.items) for s in sections), **kwargs
        )


def set_language(request):
    """Django's language switch, remembered in the signed-in user's profile (for e-mails)."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and request.method == "POST":
        get_user_model().objects.filter(pk=user.pk).update(language=language)
    return response


class ProfileView(LoginRequiredMixin, TemplateView):
    """Hồ sơ cá nhân: who the user is, their roles, and the API tokens they may revoke."""

    template_name = "portal/profile.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            memberships=memberships_of(user),
            tokens=live_api_tokens_of(user),
            token_ttl_days=knox_settings.TOKEN_TTL.days,
            **kwargs,
        )


class TokenRevokeView(LoginRequiredMixin, View):
    """POST: revoke one of one's own API tokens (another user's token is a 404)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        agency_services.api_token_revoke(user=request.user, token_id=pk)
        messages.success(
            request, _("The API token was revoked: programs using it can no longer connect.")
        )
        return redirect("profile")


class TokenRevokeAllView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        count = agency_services.api_tokens_revoke_all(user=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d API token was revoked.", "%(count)d API tokens were revoked.", count
            )
            % {"count": count},
        )
        return redirect("profile")
