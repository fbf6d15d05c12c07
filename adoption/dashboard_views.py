"""Leadership dashboard: adoption figures for the province and for one initiative, the matrix
of agencies × initiatives in rollout, and the list behind every figure.

Leaders and reviewers only (403 for anyone else). The figures come from adoption.dashboard,
aggregate queries only, so each page runs a bounded number of queries whatever the data size.
"""

import re
from datetime import date

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from common.pagination import paginate as common_paginate
from initiatives.models import Initiative, Status
from initiatives.models import Scope as InitiativeScope
from workflow.views import PageView, require_role

from . import dashboard as d
from .models import Adoption
from .selectors import PUBLIC_STATES

A = Adoption.Status
PER_PAGE = 25
MAX_ID = 2**63 - 1

# Colour, icon and words: colour is never the only signal.
STATUS_STYLE = {
    A.ASSIGNED: ("secondary", "bi-hourglass"),
    A.IN_PROGRESS: ("primary", "bi-arrow-repeat"),
    A.APPLIED: ("success", "bi-check-circle-fill"),
    A.NOT_APPLICABLE: ("light", "bi-slash-circle"),
}
STATUS_LABELS = dict(A.choices)


def badge(status: str, overdue: bool = False) -> dict:
    colour, icon = STATUS_STYLE.get(status, ("secondary", "bi-question-circle"))
    return {
        "status": status,
        "colour": colour,
        "icon": icon,
        "label": STATUS_LABELS.get(status, status),
        "overdue": overdue,
    }


LEGEND = [badge(status) for status in A.values]


def list_url(scope_params: dict | None = None, **params) -> str:
    """The filtered adoption list behind a figure."""
    query = dict(scope_params or {})
    query.update({key: value for key, value in params.items() if value not in (None, "", False)})
    url = reverse("adoption:dashboard_list")
    return f"{url}?{urlencode(query)}" if query else url


def paginate(request, queryset, per_page: int = PER_PAGE, param: str = "page"):
    return common_paginate(request, queryset, per_page, param)


def month_label(month: date) -> str:
    return formats.date_format(month, "m/Y")


class DashboardPage(PageView):
    def check_access(self, user):
        require_role(d.may_see_dashboard(user))

    @property
    def today(self) -> date:
        return timezone.localdate()


def figures(scope: d.Scope, today: date, claimed_vnd) -> dict:
    """The figures both dashboards show, each with the link to the list behind it."""
    params = scope.params
    counts = d.totals(scope, today)
    statuses = [
        {**badge(status), "count": counts[status], "url": list_url(params, status=status)}
        for status in d.STATUS_ORDER
    ]
    breakdown = d.breakdown(scope)
    kinds = d.by_agency_kind(scope, breakdown)
    for row in kinds:
        row["url"] = list_url(params, kind=row["kind"])
        row["applied_url"] = list_url(params, kind=row["kind"], status=A.APPLIED)
    parents = d.by_parent(scope, breakdown)
    for row in parents:
        parent = row["parent_id"] or "none"
        row["url"] = list_url(params, parent=parent)
        row["applied_url"] = list_url(params, parent=parent, status=A.APPLIED)
    progress = d.progress(scope)
    for row in progress:
        row["label"] = month_label(row["month"])
        row["url"] = list_url(params, status=A.APPLIED, month=row["month"].strftime("%Y-%m"))
    chart = {
        "labels": [row["label"] for row in progress],
        "applied": [row["applied"] for row in progress],
        "cumulative": [row["cumulative"] for row in progress],
        "series": {
            "applied": _("Applied in the month"),
            "cumulative": _("Applied, cumulative"),
        },
    }
    late = d.overdue(scope, today, limit=10)
    for record in late:
        record.badge = badge(record.status, overdue=True)
    return {
        "counts": counts,
        "statuses": statuses,
        "kinds": kinds,
        "parents": parents,
        "progress": progress,
        "progress_undated": counts["applied"] - (progress[-1]["cumulative"] if progress else 0),
        "chart": chart,
        "overdue": late,
        "benefits": d.benefits(scope, claimed_vnd),
        "links": {
            "all": list_url(params),
            "applied": list_url(params, status=A.APPLIED),
            "overdue": list_url(params, overdue=1),
            "reported": list_url(params, reported=1),
            "mandated": list_url(params, source=Adoption.Source.MANDATED),
            "voluntary": list_url(params, source=Adoption.Source.VOLUNTARY),
        },
        "today": today,
    }


class DashboardView(DashboardPage):
    """The province: every initiative in rollout."""

    template_name = "adoption/dashboard.html"
    MATRIX_COLUMNS, MATRIX_ROWS = 6, 12

    def get_context_data(self, **kwargs):
        scope, today = d.Scope(), self.today
        initiatives = d.initiative_totals(scope)
        columns, rows, table = d.matrix(
            columns=self.MATRIX_COLUMNS, rows=self.MATRIX_ROWS, today=today
        )
        initiatives_url = reverse("adoption:dashboard_initiatives")
        return super().get_context_data(
            **figures(scope, today, initiatives["claimed_vnd"]),
            initiatives=initiatives,
            expectation=d.expectation_summary(scope),
            initiatives_url=initiatives_url,
            provincial_url=f"{initiatives_url}?scope=provincial",
            met_url=f"{initiatives_url}?expectation=met",
            below_url=f"{initiatives_url}?expectation=below",
            matrix_columns=columns,
            matrix_rows=rows,
            matrix=_matrix_cells(table, columns),
            legend=LEGEND,
            **kwargs,
        )


class InitiativeDashboardView(DashboardPage):
    """One initiative (recognized, in rollout or closed)."""

    template_name = "adoption/dashboard_initiative.html"

    def get_context_data(self, **kwargs):
        initiative = get_object_or_404(
            Initiative.objects.select_related("agency"),
            pk=self.kwargs["pk"],
            status__in=PUBLIC_STATES,
        )
        scope, today = d.Scope(initiative), self.today
        (row,) = d.figures_for([initiative.pk], today)
        records = paginate(self.request, d.adoption_list({"initiative": initiative.pk}, today))
        _describe_records(records.object_list, today)
        return super().get_context_data(
            **figures(scope, today, initiative.benefit_amount_vnd),
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
        ids = d.initiative_filter(d.Scope(), expectation=expectation, initiative_scope=scope)
        page = paginate(self.request, ids)
        page.object_list = d.figures_for(page.object_list, today)
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
        columns, rows, table = d.matrix(
            column_page=self.request.GET.get("cols"),
            row_page=self.request.GET.get("page"),
            columns=10,
            rows=PER_PAGE,
            today=self.today,
        )
        return super().get_context_data(
            matrix_columns=columns,
            matrix_rows=rows,
            matrix=_matrix_cells(table, columns),
            legend=LEGEND,
            **kwargs,
        )


def _matrix_cells(table, columns):
    """[(agency, [(initiative, cell or None, badge or None), ...]), ...] for the template."""
    initiatives = list(columns.object_list)
    return [
        (
            agency,
            [
                (initiative, cell, badge(cell.status, cell.overdue) if cell else None)
                for initiative, cell in zip(initiatives, cells, strict=True)
            ],
        )
        for agency, cells in table
    ]


# --- The list behind every figure -----------------------------------------------------------


class IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, required=False, **kwargs)


SELECT = {"class": "form-select form-select-sm"}
CHECK = {"class": "form-check-input"}


class ListFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        widget=forms.Select(attrs=SELECT),
        choices=[("", gettext_lazy("Any status")), *A.choices],
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Agency kind"),
        required=False,
        widget=forms.Select(attrs=SELECT),
        choices=[("", gettext_lazy("Any kind")), *Agency.Kind.choices],
    )
    source = forms.ChoiceField(
        label=gettext_lazy("Source"),
        required=False,
        widget=forms.Select(attrs=SELECT),
        choices=[("", gettext_lazy("Any source")), *Adoption.Source.choices],
    )
    overdue = forms.BooleanField(
        label=gettext_lazy("Overdue only"), required=False, widget=forms.CheckboxInput(CHECK)
    )
    reported = forms.BooleanField(
        label=gettext_lazy("With reports only"), required=False, widget=forms.CheckboxInput(CHECK)
    )
    initiative = IdField(widget=forms.HiddenInput)
    agency = IdField(widget=forms.HiddenInput)
    parent = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    month = forms.CharField(required=False, max_length=7, widget=forms.HiddenInput)

    def clean_parent(self):
        value = self.cleaned_data["parent"]
        if value in ("", "none"):
            return value
        if not value.isdigit() or not 0 < int(value) <= MAX_ID:
            raise forms.ValidationError(_("Unknown agency."))
        return int(value)

    def clean_month(self):
        value = self.cleaned_data["month"]
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1:
            raise forms.ValidationError(_("Enter a month as YYYY-MM."))
        return date(int(match[1]), int(match[2]), 1)


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
        page = paginate(self.request, d.adoption_list(filters, today))
        _describe_records(page.object_list, today)
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


NO_REPORTS = {"reports": 0, "days_saved": None, "dossiers": None, "cost_saved_vnd": None}


def _describe_records(records, today) -> None:
    sums = d.report_sums(record.pk for record in records)
    for record in records:
        late = bool(
            record.due_date
            and record.due_date < today
            and record.status in d.OPEN_STATUSES
            and record.initiative.status == Status.ROLLOUT
        )
        record.badge = badge(record.status, late)
        record.days_overdue = (today - record.due_date).days if late else None
        record.sums = sums.get(record.pk, NO_REPORTS)


urlpatterns = [
    path("dashboard/", DashboardView.as_view(), name="dashboard"),
    path("dashboard/initiatives/", InitiativeListView.as_view(), name="dashboard_initiatives"),
    path(
        "dashboard/initiatives/<int:pk>/",
        InitiativeDashboardView.as_view(),
        name="dashboard_initiative",
    ),
    path("dashboard/matrix/", MatrixView.as_view(), name="dashboard_matrix"),
    path("dashboard/adoptions/", AdoptionListView.as_view(), name="dashboard_list"),
]
