"""Agency screens: the dossier list, the TT 18 form, attachments, preview and print.

Views stay thin: selectors read, initiatives.services write and decide.
"""

import copy
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from agencies import roles
from common.exceptions import Conflict
from common.forms import add_service_errors
from common.views import FilteredListView

from . import listing, services
from .attachment_views import attachments_context
from .forms import (
    AuthorForm,
    InitiativeForm,
    ParticipantForm,
    contribution_total,
    people_formset,
    people_rows,
)
from .listing import DEFAULT_SORT
from .models import Initiative, Status
from .permissions import sees_confidential
from .rules import requires_agency_decision
from .selectors import SORT_COLUMNS, initiative_detail_queryset

# --- List ------------------------------------------------------------------------------------


def sort_headers(sort: str) -> dict:
    """For each sortable column: the sort a click asks for, and aria-sort for the header."""
    key = sort or DEFAULT_SORT
    headers = {}
    for column in SORT_COLUMNS:
        state = {column: "ascending", f"-{column}": "descending"}.get(key, "")
        headers[column] = {"next": f"-{column}" if key == column else column, "aria": state}
    return headers


class InitiativeListView(FilteredListView):
    """Every dossier the user may see, filtered, searched, sorted and paginated."""

    template_name = "initiatives/initiative_list.html"
    rows_name = "initiatives"

    def filter_form(self):
        return listing.filter_form(self.request.user, self.request.GET)

    def filtered(self, form):
        return listing.dossier_rows(self.request.user, form)

    def decorate(self, initiative):
        initiative.due = initiative.current_due
        initiative.can_edit = initiative.is_editable and roles.acts_for_agency(
            self.request.user, initiative.agency_id
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            can_create=bool(roles.agency_member_ids(self.request.user)), **kwargs
        )
        context["sorting"] = sort_headers(context["filter_form"].sort_key())
        return context


# --- Create / edit ---------------------------------------------------------------------------


class _DossierFormView(TemplateView):
    """One page for the whole TT 18 form: the application, its authors and participants."""

    template_name = "initiatives/initiative_form.html"
    initiative = None  # None while creating
    # Buttons that save and then go on to a transition page; valid only in the matching state.
    NEXT_STEPS = {"submit": Status.DRAFT, "resubmit": Status.REVISION_REQUESTED}

    def dispatch(self, request, *args, **kwargs):
        refusal = self.check_access()
        return refusal or super().dispatch(request, *args, **kwargs)

    def check_access(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(**self.build_forms()))

    def post(self, request, *args, **kwargs):
        forms = self.build_forms(request.POST)
        valid = [part.is_valid() for part in forms.values()]  # every part: all errors at once
        if all(valid):
            try:
                initiative = self.save(forms)
            except ValidationError as error:
                add_service_errors(forms["form"], error)
            except Conflict as conflict:
                messages.error(request, conflict.message)
                return redirect("workflow:detail", self.initiative.pk)
            else:
                self.report_saved(people_rows(forms["authors"]))
                return redirect(self.next_url(initiative))
        messages.error(request, _("The dossier was not saved: correct the fields marked below."))
        return self.render_to_response(self.get_context_data(**forms))

    def build_forms(self, data=None) -> dict:
        initiative = self.initiative
        user = self.request.user
        agencies = () if initiative else roles.agency_member_ids(user)
        track = bool(set(agencies) & roles.track_agency_ids(user))
        # A copy: a ModelForm writes what is typed onto its instance while validating.
        instance = copy.copy(initiative) if initiative else Initiative()
        return {
            "form": InitiativeForm(data, instance=instance, agencies=agencies, track=track),
            "authors": people_formset(
                AuthorForm, prefix="authors", data=data, rows=self.rows("authors", AuthorForm)
            ),
            "participants": people_formset(
                ParticipantForm,
                prefix="participants",
                data=data,
                rows=self.rows("participants", ParticipantForm),
            ),
        }

    def rows(self, relation, form_class) -> list[dict]:
        if self.initiative is None:
            return []
        # A relation (the author's registry person) is carried as its key.
        names = [
            f"{name}_id" if name in form_class.extra_fields else name
            for name in form_class.row_fields()
        ]
        return [
            {name.removesuffix("_id"): getattr(person, name) for name in names}
            for person in getattr(self.initiative, relation).all()
        ]

    def get_context_data(self, **kwargs):
        authors = kwargs.pop("authors")
        return super().get_context_data(
            initiative=self.initiative,
            authors_formset=authors,
            participants_formset=kwargs.pop("participants"),
            contribution_total=contribution_total(authors),
            agency_decision_required=requires_agency_decision(self.initiative),
            **kwargs,
        )

    def report_saved(self, authors: list[dict]) -> None:
        messages.success(self.request, _("The dossier has been saved."))
        total = sum((row["contribution_percent"] for row in authors), Decimal(0))
        if not authors:
            messages.warning(self.request, _("Add at least one author before submitting."))
        elif total != 100:
            messages.warning(
                self.request,
                _(
                    "The authors' contributions total %(total)s%%; they must total exactly "
                    "100%% before the dossier can be submitted."
                )
                % {"total": f"{total.normalize():f}"},
            )

    def next_url(self, initiative) -> str:
        step = self.request.POST.get("next", "")
        if self.NEXT_STEPS.get(step) == initiative.status:
            return reverse("workflow:transition", args=[initiative.pk, step])
        return reverse("workflow:detail", args=[initiative.pk])


class InitiativeCreateView(LoginRequiredMixin, _DossierFormView):
    def check_access(self):
        if not roles.agency_member_ids(self.request.user):
            raise PermissionDenied(_("Only agency staff or heads can create a dossier."))

    def save(self, forms):
        form = forms["form"]
        agency = form.cleaned_data.get("agency")
        return services.initiative_create(
            actor=self.request.user,
            data=form.dossier_data(),
            authors=people_rows(forms["authors"]),
            participants=people_rows(forms["participants"]),
            agency_id=agency.pk if agency else None,
            level=form.cleaned_data.get("level"),
        )


class InitiativeEditView(LoginRequiredMixin, _DossierFormView):
    def check_access(self):
        user = self.request.user
        self.initiative = get_object_or_404(initiative_detail_queryset(user), pk=self.kwargs["pk"])
        if not roles.acts_for_agency(user, self.initiative.agency_id):
            raise PermissionDenied(_("Only the submitting agency can edit this dossier."))
        if not self.initiative.is_editable:
            messages.error(self.request, not_editable_message(self.initiative))
            return redirect("workflow:detail", self.initiative.pk)
        return None

    def save(self, forms):
        return services.initiative_update(
            initiative=self.initiative,
            actor=self.request.user,
            data=forms["form"].dossier_data(),
            authors=people_rows(forms["authors"]),
            participants=people_rows(forms["participants"]),
        )

    def get_context_data(self, **kwargs):
        initiative = self.initiative
        requested = initiative.status == Status.REVISION_REQUESTED
        panel = attachments_context(self.request, initiative)
        del panel["initiative"]
        return super().get_context_data(
            revision_requested=requested,
            **panel,
            **kwargs,
        )


def not_editable_message(initiative) -> str:
    return _(
        "This dossier can no longer be edited: its status is “%(status)s”. A dossier can "
        "only be edited as a draft or when the Department of S&T requests a revision."
    ) % {"status": initiative.get_status_display()}


# --- Preview and print -----------------------------------------------------------------------


class InitiativePreviewView(LoginRequiredMixin, DetailView):
    """The application as it reads on paper (TT 18, Phụ lục I)."""

    template_name = "initiatives/initiative_preview.html"
    context_object_name = "initiative"

    def get_queryset(self):
        return initiative_detail_queryset(self.request.user)

    def get_context_data(self, **kwargs):
        initiative = self.object
        user = self.request.user
        return super().get_context_data(
            show_confidential=sees_confidential(initiative, user),
            can_edit=initiative.is_editable and roles.acts_for_agency(user, initiative.agency_id),
            signed_on=timezone.localtime(initiative.submitted_at).date()
            if initiative.submitted_at
            else None,
            **kwargs,
        )


class InitiativePrintView(InitiativePreviewView):
    template_name = "initiatives/initiative_print.html"
