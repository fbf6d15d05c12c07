"""Leadership dashboard: adoption figures for the province and for one initiative, the matrix
of agencies × initiatives in rollout, and the list behind every figure.

Leaders and reviewers only (403 for anyone else). The figures come from adoption.dashboard's
figures, expectations, matrix and records: aggregate queries only, so each page runs a bounded
number of queries whatever the data size.
"""

from datetime import date

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from common import clock
from common.known_count import page_of
from common.pagination import paginate as common_paginate
from common.views import FORBIDDEN_TEMPLATE, PageView, require_role
from initiatives.models import Initiative, Level
from initiatives.models import Scope as InitiativeScope

from ..models import Adoption
from ..selectors import PUBLIC_STATES
from . import expectations as e
from . import figures as f
from .cached import province_figures
from .context import (
    LEGEND,
    STATUS_LABELS,
    describe_records,
    figures_context,
    list_url,
    matrix_cells,
    month_label,
)
from .forms import ListFilterForm
from .matrix import matrix
from .records import adoption_list

A = Adoption.Status
PER_PAGE = 25


def paginate(request, queryset, per_page: int = PER_PAGE, param: str = "page"):
    return common_paginate(request, queryset, per_page, param)


class DashboardPage(PageView):
    forbidden_template = FORBIDDEN_TEMPLATE

    def check_access(self, user):
        require_role(f.may_see_dashboard(user))

    @property
    def today(self) -> date:
        return clock.today()


class DashboardView(DashboardPage):
    """The province: every initiative in rollout."""

    template_name = "adoption/dashboard.html"
    MATRIX_COLUMNS, MATRIX_ROWS = 6, 12

    def get_context_data(self, **kwargs):
        scope, today = f.Scope(), self.today
        figures = province_figures(today, lambda: self.province_figures(scope, today))
        initiatives = figures["initiatives"]
        columns, rows, table = matrix(
            columns=self.MATRIX_COLUMNS,
            rows=self.MATRIX_ROWS,
            today=today,
            column_count=initiatives["in_rollout"],
        )
        initiatives_url = reverse("adoption:dashboard_initiatives")
        return super().get_context_data(
            **figures,
            initiatives_url=initiatives_url,
            provincial_url=f"{initiatives_url}?scope=provincial",
            met_url=f"{initiatives_url}?expectation=met",
            below_url=f"{initiatives_url}?expectation=below",
            matrix_columns=columns,
            matrix_rows=rows,
            matrix=matrix_cells(table, columns),
            legend=LEGEND,
            **kwargs,
        )

    @staticmethod
    def province_figures(scope, today) -> dict:
        """Every figure but the matrix: eight queries (adoption.dashboard.cached keeps them)."""
        initiatives = f.initiative_totals(scope)
        active = f.active_agencies_by_kind()
        return {
            **figures_context(scope, today, initiatives["claimed_vnd"], active),
            "initiatives": initiatives,
            "expectation": e.expectation_summary(scope, initiatives["provincial"], active),
        }


class InitiativeDashboardView(DashboardPage):
    """One initiative (recognized, in rollout or closed)."""

    template_name = "adoption/dashboard_initiative.html"

    def get_context_data(self, **kwargs):
        today, active = self.today, f.active_agencies_by_kind()
        # The initiative and its figures in one query (404 unless public and the province's:
        # an agency's own cơ sở rollout is not the province's to follow).
        found = e.figures_for([self.kwargs["pk"]], today, states=PUBLIC_STATES, active=active)
        if not found or found[0].level != Level.PROVINCIAL:
            raise Http404
        initiative = row = found[0]
        scope = f.Scope(initiative)
        figures = figures_context(scope, today, initiative.benefit_amount_vnd, active)
        # Every record of the initiative is listed: their number is the figures' total.
        records = page_of(
            adoption_list({"initiative": initiative.pk}, today),
            PER_PAGE,
            self.request.GET.get("page"),
            figures["counts"]["adoptions"],
        )
        describe_records(records.object_list, today)
        return super().get_context_data(
            **figures,
            initiative=initiative,
            row=row,
            records=records,
            **kwargs,
        )


class InitiativeListView(DashboardPage):
    """Initiatives in rollout with their coverage: the list behind "initiatives in rollout"
    and the provincial-scope expectation."""

    template_name = "adoption/dashboard_initiatives.html"
    FILTERS = {
        "expectation": {
            "met": gettext_lazy("Provincial scope, half or more of comparable agencies reached"),
            "below": gettext_lazy("Provincial scope, below half of comparable agencies"),
        },
        "scope": dict(InitiativeScope.choices),
    }

    def get_context_data(self, **kwargs):
        today = self.today
        expectation = self.request.GET.get("expectation", "")
        scope = self.request.GET.get("scope", "")
        ids = e.initiative_filter(f.Scope(), expectation=expectation, initiative_scope=scope)
        page = paginate(self.request, ids)
        page.object_list = e.figures_for(page.object_list, today)
        for initiative in page.object_list:
            initiative.list_url = list_url({"initiative": initiative.pk})
            initiative.applied_url = list_url({"initiative": initiative.pk}, status=A.APPLIED)
            initiative.overdue_url = list_url({"initiative": initiative.pk}, overdue=1)
            initiative.reported_url = list_url({"initiative": initiative.pk}, reported=1)
        active = [
            label
            for key, value in (("expectation", expectation), ("scope", scope))
            if (label := self.FILTERS[key].get(value))
        ]
        return super().get_context_data(page=page, active_filters=active, **kwargs)


class MatrixView(DashboardPage):
    """The whole matrix, paged both ways: initiatives by ?cols=, agencies by ?page=."""

    template_name = "adoption/dashboard_matrix.html"

    def get_context_data(self, **kwargs):
        columns, rows, table = matrix(
            column_page=self.request.GET.get("cols"),
            row_page=self.request.GET.get("page"),
            columns=10,
            rows=PER_PAGE,
            today=self.today,
        )
        return super().get_context_data(
            matrix_columns=columns,
            matrix_rows=rows,
            matrix=matrix_cells(table, columns),
            legend=LEGEND,
            **kwargs,
        )


class AdoptionListView(DashboardPage):
    """Adoption records filtered by ?initiative=&agency=&status=&kind=&source=&parent=
    &overdue=1&reported=1&month=YYYY-MM, paginated, each with its summed report results."""

    template_name = "adoption/dashboard_list.html"

    def get_context_data(self, **kwargs):
        today = self.today
        form = ListFilterForm(self.request.GET)
        form.is_valid()  # invalid parameters are dropped (and shown), never a 500
        filters = {key: value for key, value in form.cleaned_data.items() if value}
        initiative = None
        if filters.get("initiative"):
            initiative = (
                Initiative.objects.filter(pk=filters["initiative"], status__in=PUBLIC_STATES)
                .only("pk", "code", "title", "status")
                .first()
            )
            if initiative is None:
                raise Http404
        page = paginate(self.request, adoption_list(filters, today))
        describe_records(page.object_list, today)
        return super().get_context_data(
            form=form,
            page=page,
            initiative=initiative,
            chips=self._chips(filters, initiative),
            **kwargs,
        )

    def _chips(self, filters, initiative) -> list[dict]:
        """The active filters in words, each with a link that removes it."""
        names = {}
        ids = [filters[key] for key in ("agency", "parent") if isinstance(filters.get(key), int)]
        if ids:
            names = dict(Agency.objects.filter(pk__in=ids).values_list("pk", "name"))
        words = {
            "initiative": lambda v: initiative.code or initiative.title,
            "agency": lambda v: names.get(v, v),
            "parent": lambda v: _("No parent agency") if v == "none" else names.get(v, v),
            "status": lambda v: STATUS_LABELS.get(v, v),
            "kind": lambda v: Agency.Kind(v).label,
            "source": lambda v: Adoption.Source(v).label,
            "overdue": lambda v: _("Overdue"),
            "reported": lambda v: _("With reports"),
            "month": lambda v: month_label(v),
        }
        titles = {
            "initiative": _("Initiative"),
            "agency": _("Agency"),
            "parent": _("Parent agency"),
            "status": _("Status"),
            "kind": _("Agency kind"),
            "source": _("Source"),
            "month": _("Applied in"),
        }
        chips = []
        for key, describe in words.items():
            if key not in filters:
                continue
            query = self.request.GET.copy()
            query.pop(key, None)
            query.pop("page", None)
            chips.append(
                {
                    "key": key,
                    "title": titles.get(key, ""),
                    "text": describe(filters[key]),
                    "remove": "?" + query.urlencode() if query else self.request.path,
                }
            )
        return chips
