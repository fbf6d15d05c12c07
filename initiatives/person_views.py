"""The person registry's pages (issue 11): the search (/persons/), a person's page
(/persons/<id>/), and the dossier form's suggestions (/persons/suggest/?full_name=&birth_date=
&agency= → JSON: only persons of an agency the user acts for; the user chooses, nothing is
merged here)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from agencies import roles
from agencies.models import Agency, Person
from agencies.person_services import person_merge
from common.limits import MAX_ID
from common.views import FilteredListView, PageView

from .choices import Scope
from .person_selectors import (
    RecognitionFilter,
    person_duplicates,
    person_other_dossiers,
    person_recognitions,
    person_suggestions,
    persons,
    visible_persons,
)


def _date(value: str):
    """dd/mm/yyyy (the form's format) or yyyy-mm-dd; anything else is no date."""
    value = (value or "").strip()
    if "/" in value:
        parts = value.split("/")
        value = "-".join(reversed(parts)) if len(parts) == 3 else ""
    try:
        return parse_date(value)
    except ValueError:
        return None


class PersonSuggestionsView(LoginRequiredMixin, View):
    def get(self, request):
        agencies = roles.agency_member_ids(request.user)
        requested = request.GET.get("agency", "")
        if requested:
            if not requested.isdigit() or int(requested) not in agencies:
                raise PermissionDenied(_("You can only look up the persons of your agency."))
            agencies = {int(requested)}
        found = person_suggestions(
            agencies, request.GET.get("full_name", "")[:150], _date(request.GET.get("birth_date"))
        )
        return JsonResponse(
            {
                "persons": [
                    {
                        "id": person.pk,
                        "full_name": person.full_name,
                        "birth_date": person.birth_date.strftime("%d/%m/%Y")
                        if person.birth_date
                        else "",
                        "agency": person.agency.name,
                        "recognitions": person.recognitions,
                    }
                    for person in found
                ]
            }
        )


# --- The person registry's pages (issue 11) ---------------------------------------------------


class PersonFilterForm(forms.Form):
    """The emulation office's question: name (with or without diacritics), agency, and "has a
    recognition at level L in years N–M". The years' keys are "from" and "to", as in the API."""

    q = forms.CharField(label=gettext_lazy("Name"), required=False, max_length=200)
    agency = forms.TypedChoiceField(
        label=gettext_lazy("Agency"), required=False, coerce=int, empty_value=None
    )
    level = forms.ChoiceField(label=gettext_lazy("Level"), required=False)

    def __init__(self, data, *, of_one_person=False):
        super().__init__(data)
        for key, label in (("from", gettext_lazy("From year")), ("to", gettext_lazy("To year"))):
            self.fields[key] = forms.IntegerField(
                label=label, required=False, min_value=1990, max_value=2100
            )
        self.fields["level"].choices = [("", _("All levels")), *Scope.choices]
        if not of_one_person:
            agencies = Agency.objects.filter(is_active=True).order_by("name")
            self.fields["agency"].choices = [
                ("", _("All agencies")),
                *agencies.values_list("pk", "name"),
            ]
        else:  # a person's page: only the period and the level
            del self.fields["agency"], self.fields["q"]

    def clean(self):
        data = super().clean()
        first, last = data.get("from"), data.get("to")
        if first and last and first > last:
            self.add_error("to", _("The last year comes before the first."))
        return data

    def recognition_filter(self) -> RecognitionFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return RecognitionFilter(data.get("from"), data.get("to"), data.get("level") or "")


class PersonListView(FilteredListView):
    """Every logged-in user searches persons by name; the counts are of recognized initiatives
    only, and birth dates show to the person's agency, reviewers and leaders."""

    template_name = "initiatives/person_list.html"
    rows_name = "persons"

    def filter_form(self):
        return PersonFilterForm(self.request.GET or None)

    def filtered(self, form):
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        return persons(
            q=data.get("q") or "",
            agency_id=data.get("agency"),
            recognized=form.recognition_filter() if form.is_bound else None,
            user=self.request.user,
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            oversees=roles.oversees_province(user),
            my_agencies=roles.agency_member_ids(user),
            **kwargs,
        )


class PersonDetailView(PageView):
    """A person's recognized initiatives, filtered by period and level (one query)."""

    template_name = "initiatives/person_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        person = get_object_or_404(
            visible_persons(user, Person.objects.select_related("agency")), pk=self.kwargs["pk"]
        )
        form = PersonFilterForm(self.request.GET or None, of_one_person=True)
        sees = roles.oversees_province(user) or person.agency_id in roles.agency_member_ids(user)
        return super().get_context_data(
            person=person,
            filter_form=form,
            sees_birth_date=sees,
            recognitions=list(person_recognitions(person, form.recognition_filter())),
            other_dossiers=list(person_other_dossiers(person, user)) if sees else [],
            duplicates=list(person_duplicates(person)) if roles.is_reviewer(user) else [],
            **kwargs,
        )


class PersonMergeView(PageView):
    """A reviewer merges a person who is the same human into the one whose page they are on
    (/persons/<keep>/merge/<drop>/): a side-by-side summary to confirm, then the logged merge
    (agencies.person_services.person_merge), which moves every authorship. A refusal (another
    birth date, account or civil-servant code) is shown on the same page; nothing changes."""

    template_name = "initiatives/person_merge.html"

    def check_access(self, user):
        if not (roles.is_reviewer(user) or user.is_superuser):
            raise PermissionDenied(_("Only reviewers can merge persons."))
        ids = [self.kwargs["pk"], self.kwargs["drop"]]
        if max(ids) > MAX_ID:  # no such row, and SQLite cannot even be asked
            raise Http404(_("Person not found."))
        found = (
            Person.objects.select_related("agency", "user")
            .annotate(authored=Count("authorships__initiative", distinct=True))
            .in_bulk(ids)
        )
        self.keep = found.get(self.kwargs["pk"])
        self.drop = found.get(self.kwargs["drop"])
        if self.keep is None or self.drop is None:
            raise Http404(_("Person not found."))

    def post(self, request, *args, **kwargs):
        try:
            log = person_merge(keep=self.keep, drop=self.drop, actor=request.user)
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(errors=error.messages))
        messages.success(
            request,
            _("%(drop)s was merged into %(keep)s (%(count)s authorships moved).")
            % {
                "drop": log.dropped_name,
                "keep": self.keep.full_name,
                "count": log.authorships_moved,
            },
        )
        return redirect("initiatives:person", self.keep.pk)

    def get_context_data(self, **kwargs):
        kwargs.update(keep=self.keep, drop=self.drop)  # the URL's "drop" is an id: replaced
        return super().get_context_data(**kwargs)
