"""The public registry of recognized initiatives (no login) and the similar-initiatives panel
refreshed while a dossier is being drafted. What the registry shows of a rollout (applied
counts, the "adopt" box) comes from the apps that own it (initiatives.registry's hooks and the
pages' template slots)."""

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from .models import Initiative
from .registry import (
    registry_detail_context,
    registry_detail_queryset,
    registry_fields,
    registry_initiatives,
    registry_page,
    registry_years,
    summary,
)
from .similarity import similar_recognized

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
    template_name = "initiatives/registry_list.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        form = RegistryFilterForm(
            self.request.GET, fields=registry_fields(), years=registry_years()
        )
        queryset = registry_initiatives(**form.filters())
        page = registry_page(queryset, self.paginate_by, self.request.GET.get("page"))
        for initiative in page.object_list:
            initiative.summary = summary(initiative.description)
        return super().get_context_data(
            filter_form=form, page_obj=page, initiatives=page.object_list, **kwargs
        )


class RegistryDetailView(TemplateView):
    template_name = "initiatives/registry_detail.html"

    def get_context_data(self, **kwargs):
        initiative = get_object_or_404(registry_detail_queryset(), pk=self.kwargs["pk"])
        return super().get_context_data(
            initiative=initiative,
            **registry_detail_context(initiative, self.request.user),
            **kwargs,
        )


class SimilarPanelView(LoginRequiredMixin, TemplateView):
    """GET ?title=&description= → the similar-initiatives card, refreshed (htmx) while typing."""

    template_name = "initiatives/registry_similar_items.html"

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
]
