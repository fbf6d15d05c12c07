"""POST /registry/<pk>/adopt/: an agency user adopts a recognized initiative voluntarily from
its public registry page (initiatives.registry_views); adoption.services decide."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views import View

from common.exceptions import Conflict
from initiatives.models import PUBLIC_STATES, Initiative, Level

from . import services


class RegistryAdoptView(LoginRequiredMixin, View):
    """POST: the user's agency adopts the initiative voluntarily (adoption.services decide)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        # The province's recognized initiatives only: an agency's cơ sở one is its own.
        registry = Initiative.objects.filter(status__in=PUBLIC_STATES, level=Level.PROVINCIAL)
        initiative = get_object_or_404(registry, pk=pk)
        try:
            services.adoption_create_voluntary(
                initiative=initiative, actor=request.user, agency_id=_agency_id(request.POST)
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        except PermissionDenied as error:
            messages.error(request, str(error) or _("You cannot adopt this initiative."))
        except Conflict as conflict:
            messages.error(request, conflict.message)
        else:
            messages.success(
                request,
                _("Your agency now adopts this initiative. Report its progress and results."),
            )
        return redirect("initiatives:registry_detail", pk)


def _agency_id(data) -> int | None:
    value = data.get("agency", "")
    return int(value) if value.isdigit() and len(value) < 19 else None


urlpatterns = [
    path("registry/<int:pk>/adopt/", RegistryAdoptView.as_view(), name="registry_adopt"),
]
