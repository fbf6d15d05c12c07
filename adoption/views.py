"""The adopting agency's pages: its adoption records, one record with its status, the report
form and the reports' history; the head's confirmation; evidence downloads.

Views are thin: adoption.services decides and writes. An agency sees only its own records
(another agency's answers 404); an action on a record the user can see but does not adopt
(the submitting agency's, say) is refused with a 403 page that says why.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import View

from agencies import roles
from common.exceptions import Conflict, UploadTooLarge
from common.files import file_download
from common.forms import add_service_errors
from common.views import FilteredListView, PageView

from . import services
from .forms import AdoptionFilterForm, AdoptionReportForm, AdoptionStatusForm
from .models import Adoption, AdoptionReport
from .selectors import agency_adoptions, visible_adoptions

A = Adoption.Status


def next_due(adoption):
    """The due date the agency is chased for (awaiting_report_q, the reminders' rule, as the
    selector's `awaits_report` column), else None."""
    return adoption.due_date if adoption.awaits_report else None


class AgencyPageMixin:
    def check_access(self, user):
        if not roles.agency_member_ids(user):
            raise PermissionDenied(_("These pages are for the staff and heads of agencies."))


class AgencyPageView(AgencyPageMixin, PageView):
    pass


# --- The agency's records --------------------------------------------------------------------


class MyAdoptionsView(AgencyPageMixin, FilteredListView):
    template_name = "adoption/my_adoptions.html"
    rows_name = "adoptions"

    def filter_form(self):
        return AdoptionFilterForm(self.request.GET or None)

    def filtered(self, form):
        return agency_adoptions(self.request.user).filter(**form.filters())

    def decorate(self, adoption):
        adoption.next_due = next_due(adoption)

    def get_context_data(self, **kwargs):
        several = len(roles.agency_member_ids(self.request.user)) > 1
        return super().get_context_data(several_agencies=several, **kwargs)


# --- One record: status, report form, history ------------------------------------------------


class AdoptionDetailView(AgencyPageView):
    template_name = "adoption/adoption_detail.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.adoption = self.get_adoption()
        return super().dispatch(request, *args, **kwargs)

    def get_adoption(self) -> Adoption:
        queryset = agency_adoptions(self.request.user).select_related(
            "initiative__agency", "initiative__field"
        )
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def detail_url(self, anchor="") -> str:
        return reverse("adoption:adoption_detail", args=[self.adoption.pk]) + anchor

    def get_context_data(self, **kwargs):
        adoption, user = self.adoption, self.request.user
        is_head = services.is_head(user, adoption)
        is_open = adoption.initiative.status in services.OPEN_STATES
        # A confirmed record is the head's to change (adoption.services.adoption_update).
        head_only = is_open and services.is_confirmed(adoption) and not is_head
        kwargs.setdefault("status_form", AdoptionStatusForm(adoption=adoption))
        kwargs.setdefault("report_form", AdoptionReportForm())
        return super().get_context_data(
            adoption=adoption,
            initiative=adoption.initiative,
            next_due=next_due(adoption),
            reports=adoption.reports.select_related("submitted_by", "confirmed_by"),
            is_head=is_head,
            can_change=is_open and not head_only,
            head_only=head_only,
            moves=services.NEXT[adoption.status] if is_open and not head_only else set(),
            can_report=is_open and adoption.status != A.NOT_APPLICABLE,
            **kwargs,
        )


class _AdoptionActionView(AdoptionDetailView):
    """POST only. Found among the records the user may see (else 404); acting needs the
    adopting agency (else 403); a form with errors is shown again on the record's page."""

    http_method_names = ["post"]

    def get_adoption(self) -> Adoption:
        adoption = get_object_or_404(visible_adoptions(self.request.user), pk=self.kwargs["pk"])
        if not roles.acts_for_agency(self.request.user, adoption.agency_id):
            raise PermissionDenied(_("Only the adopting agency can update this record."))
        return super().get_adoption()

    def refused(self, conflict: Conflict):
        messages.error(self.request, conflict.message)
        return redirect(self.detail_url())


class AdoptionStatusView(_AdoptionActionView):
    def post(self, request, *args, **kwargs):
        form = AdoptionStatusForm(request.POST, adoption=self.adoption)
        if form.is_valid():
            try:
                services.adoption_update(
                    adoption=self.adoption, actor=request.user, data=form.service_data()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except Conflict as conflict:
                return self.refused(conflict)
            else:
                messages.success(request, _("The adoption record has been updated."))
                return redirect(self.detail_url())
        messages.error(request, _("The status was not changed: correct the fields marked below."))
        return self.render_to_response(self.get_context_data(status_form=form))


class AdoptionReportAddView(_AdoptionActionView):
    def post(self, request, *args, **kwargs):
        form = AdoptionReportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.report_add(
                    adoption=self.adoption,
                    actor=request.user,
                    data=form.report_data(),
                    evidence=form.cleaned_data["evidence"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except UploadTooLarge as error:
                form.add_error("evidence", error.message)
            except Conflict as conflict:
                return self.refused(conflict)
            else:
                messages.success(request, _("The report has been filed."))
                return redirect(self.detail_url("#reports"))
        messages.error(request, _("The report was not filed: correct the fields marked below."))
        return self.render_to_response(self.get_context_data(report_form=form))


class AdoptionReportConfirmView(_AdoptionActionView):
    def post(self, request, *args, **kwargs):
        report = get_object_or_404(self.adoption.reports, pk=self.kwargs["report_pk"])
        try:
            services.report_confirm(report=report, actor=request.user)
        except Conflict as conflict:
            return self.refused(conflict)
        messages.success(
            request, _("The report of “%(period)s” has been confirmed.") % {"period": report.period}
        )
        return redirect(self.detail_url("#reports"))


class AdoptionReportEvidenceView(LoginRequiredMixin, View):
    """Evidence files are private: the adopting and submitting agencies, reviewers and leaders
    (those who see the adoption record) download them; anyone else gets a 404."""

    def get(self, request, pk, report_pk):
        report = get_object_or_404(
            AdoptionReport.objects.filter(adoption__in=visible_adoptions(request.user)),
            adoption_id=pk,
            pk=report_pk,
        )
        if not report.evidence:
            raise Http404
        try:
            handle = report.evidence.open("rb")
        except FileNotFoundError:
            raise Http404
        return file_download(
            handle,
            name=report.evidence_name or report.evidence.name,
            content_type=report.evidence_type,
        )


urlpatterns = [
    path("adoptions/", MyAdoptionsView.as_view(), name="my_adoptions"),
    path("adoptions/<int:pk>/", AdoptionDetailView.as_view(), name="adoption_detail"),
    path("adoptions/<int:pk>/status/", AdoptionStatusView.as_view(), name="adoption_status"),
    path(
        "adoptions/<int:pk>/reports/",
        AdoptionReportAddView.as_view(),
        name="adoption_report_add",
    ),
    path(
        "adoptions/<int:pk>/reports/<int:report_pk>/confirm/",
        AdoptionReportConfirmView.as_view(),
        name="adoption_report_confirm",
    ),
    path(
        "adoptions/<int:pk>/reports/<int:report_pk>/evidence/",
        AdoptionReportEvidenceView.as_view(),
        name="adoption_report_evidence",
    ),
]
