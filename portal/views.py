from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views import i18n as i18n_views
from django.views.generic import TemplateView
from knox.settings import knox_settings

from agencies import services as agency_services
from agencies.models import Agency
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
    if request.method == "POST":
        agency_services.user_set_language(
            user=request.user, language=request.POST.get("language", "")
        )
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


class AgencyTrackView(LoginRequiredMixin, View):
    """POST /agency/<pk>/track/ (on=1|0): the agency's head turns its cơ sở track on or off."""

    def post(self, request, pk):
        agency = get_object_or_404(Agency, pk=pk)
        on = request.POST.get("on") == "1"
        try:
            agency_services.agency_set_track(agency=agency, actor=request.user, on=on)
        except PermissionDenied as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                _("%(agency)s now recognizes its initiatives at agency level here.")
                % {"agency": agency.name}
                if on
                else _("%(agency)s no longer takes new agency-level dossiers here.")
                % {"agency": agency.name},
            )
        return redirect("profile")
