"""The dossier form's person suggestions (issue 11): GET /persons/suggest/?full_name=&birth_date=
&agency= → JSON. Only persons of an agency the user acts for; the form offers them, the user
chooses (the row's hidden `person` field), nothing is merged here."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views import View

from agencies import roles

from .person_selectors import person_suggestions


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
