from django.contrib.auth.mixins import LoginRequiredMixin
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
