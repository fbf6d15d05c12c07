"""/initiatives/<pk>/promote/: the agency proposes its cơ sở-recognized initiative to the
province (workflow.promotion). GET shows what the provincial draft will carry; POST makes it
and opens it for the agency to check before submitting."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from common.exceptions import Conflict
from initiatives.selectors import initiative_detail_queryset

from ..promotion import initiative_promote, promotion_problem
from .base import PageView


class PromotionView(PageView):
    template_name = "workflow/promotion.html"

    def check_access(self, user):
        self.initiative = get_object_or_404(
            initiative_detail_queryset(user).select_related("promoted_to"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            initiative=self.initiative,
            problem=promotion_problem(self.initiative, self.request.user),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            draft = initiative_promote(initiative=self.initiative, actor=request.user)
        except (Conflict, PermissionDenied) as refused:
            messages.error(request, str(getattr(refused, "message", refused)))
            return redirect("workflow:detail", self.initiative.pk)
        messages.success(
            request,
            _("The provincial dossier was prepared from the agency-level one: check it, then "
              "submit it to the Department of S&T."),
        )  # fmt: skip
        return redirect("initiatives:edit", draft.pk)
