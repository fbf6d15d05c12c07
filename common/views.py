"""A base for the site's logged-in pages that knows no domain."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .pagination import paginate

# The refusal page that says why (role, state, visibility), with a way back to the work list.
FORBIDDEN_TEMPLATE = "common/forbidden.html"


def require_role(allowed: bool) -> None:
    """Refuse the page (403, with the reason) unless the reader's roles allow it."""
    if not allowed:
        raise PermissionDenied(_("This page is not available with your roles."))


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

    def paginate(self, queryset, param: str = "page", *, capped: bool = False):
        return paginate(self.request, queryset, self.per_page, param, capped=capped)


class FilteredListView(PageView):
    """A list page: a GET filter form above results cut into pages.

    Subclasses build the form (`filter_form`), the rows it selects (`filtered`), what each
    row of the page needs besides (`decorate`), and name the rows for the template
    (`rows_name`); the context also has `filter_form` and `page_obj`."""

    per_page = 20
    rows_name = "object_list"

    def filter_form(self):
        raise NotImplementedError

    def filtered(self, form):
        raise NotImplementedError

    def decorate(self, row) -> None:
        pass

    def get_context_data(self, **kwargs):
        form = self.filter_form()
        # A list over a big table counts at most COUNT_CAP rows past the page ("more than").
        page = self.paginate(self.filtered(form), capped=True)
        for row in page.object_list:
            self.decorate(row)
        context = {"filter_form": form, "page_obj": page, self.rows_name: page.object_list}
        return super().get_context_data(**context, **kwargs)
