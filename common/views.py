"""A base for the site's logged-in pages that knows no domain."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.generic import TemplateView

from .pagination import paginate


class PageView(LoginRequiredMixin, TemplateView):
    """A logged-in page: `check_access` raises PermissionDenied or Http404 before anything
    else runs; a refusal is shown with `forbidden_template` (status 403) when one is set.
    `paginate` cuts a list into pages of `per_page` whose links keep the other parameters."""

    forbidden_template: str | None = None
    per_page = 25

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.check_access(request.user)
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as exc:
            if self.forbidden_template is None:
                raise
            return render(request, self.forbidden_template, {"reason": str(exc)}, status=403)

    def check_access(self, user) -> None:
        pass

    def paginate(self, queryset, param: str = "page"):
        return paginate(self.request, queryset, self.per_page, param)
