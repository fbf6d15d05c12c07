"""The public registry of recognized initiatives (no login), "adopt this initiative" for agency
users, and the similar-initiatives panel refreshed while a dossier is being drafted."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from agencies import roles
from agencies.models import Agency
from common.exceptions import Conflict
from initiatives.models import Initiative
from initiatives.similarity import similar_recognized

from . import services
from .models import Adoption
from .registry_selectors import (
    registry_detail_queryset,
    registry_fields,
    registry_initiatives,
    registry_years,
    summary,
)
from .selectors import PUBLIC_STATES
from .services import OPEN_STATES

MAX_TEXT = 5000  # similar panel: enough of a draft to compare


class RegistryFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200)
    field = forms.ChoiceField(label=gettext_lazy("Field"), required=False)
    year = forms.TypedChoiceField(
        label=gettext_lazy("Year of recognition"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data, *, fields, years):
        super().__init__(data)
        self.fields["field"].choices = [("", _("All fields")), *fields]
        self.fields["year"].choices = [("", _("All years")), *((y, str(y)) for y in years)]

    def filters(self) -> dict:
        """The valid filters; an invalid one is ignored rather than emptying the registry."""
        self.is_valid()
        return {name: self.cleaned_data.get(name) for name in ("q", "field", "year")}


class RegistryListView(TemplateView):
    template_name = "adoption/registry_list.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        form = RegistryFilterForm(
            self.request.GET, fields=registry_fields(), years=registry_years()
        )
        queryset = registry_initiatives(**form.filters())
        page = Paginator(queryset, self.paginate_by).get_page(self.request.GET.get("page"))
        for initiative in page.object_list:
            initiative.summary = summary(initiative.description)
        return super().get_context_data(
            filter_form=form, page_obj=page, initiatives=page.object_list, **kwargs
        )


class RegistryDetailView(TemplateView):
    template_name = "adoption/registry_detail.html"

    def get_context_data(self, **kwargs):
        initiative = get_object_or_404(registry_detail_queryset(), pk=self.kwargs["pk"])
        return super().get_context_data(
            initiative=initiative,
            adopt=adopt_options(initiative, self.request.user),
            **kwargs,
        )


def adopt_options(initiative, user) -> dict | None:
    """What the "adopt" box offers an agency user: the agencies that may still adopt, and
    those already adopting. None for anyone else (the page then invites them to log in)."""
    agency_ids = roles.agency_member_ids(user)
    if not agency_ids:
        return None
    adopting = set(
        Adoption.objects.filter(initiative=initiative, agency_id__in=agency_ids).values_list(
            "agency_id", flat=True
        )
    )
    agencies = list(Agency.objects.filter(pk__in=agency_ids).order_by("name"))
    return {
        "open": initiative.status in OPEN_STATES,
        "choices": [a for a in agencies if a.pk not in adopting and a.pk != initiative.agency_id],
        "adopting": [a for a in agencies if a.pk in adopting],
        "own": any(a.pk == initiative.agency_id for a in agencies),
        "several": len(agencies) > 1,
    }


class RegistryAdoptView(LoginRequiredMixin, View):
    """POST: the user's agency adopts the initiative voluntarily (adoption.services decide)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        initiative = get_object_or_404(Initiative.objects.filter(status__in=PUBLIC_STATES), pk=pk)
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
        return redirect("adoption:registry_detail", pk)


def _agency_id(data) -> int | None:
    value = data.get("agency", "")
    return int(value) if value.isdigit() and len(value) < 19 else None


class SimilarPanelView(LoginRequiredMixin, TemplateView):
    """GET ?title=&description= → the similar-initiatives card, refreshed (htmx) while typing."""

    template_name = "adoption/registry_similar_items.html"

    def get_context_data(self, **kwargs):
        draft = Initiative(
            title=self.request.GET.get("title", "")[:MAX_TEXT],
            description=self.request.GET.get("description", "")[:MAX_TEXT],
        )
        return super().get_context_data(items=similar_recognized(draft), **kwargs)


urlpatterns = [
    path("registry/", RegistryListView.as_view(), name="registry"),
    path("registry/similar/", SimilarPanelView.as_view(), name="registry_similar"),
    path("registry/<int:pk>/", RegistryDetailView.as_view(), name="registry_detail"),
    path("registry/<int:pk>/adopt/", RegistryAdoptView.as_view(), name="registry_adopt"),
]
