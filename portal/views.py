from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.views import i18n as i18n_views
from django.views.generic import TemplateView

from .selectors import work_sections


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
