"""The councils set up by decision: the list (leaders, reviewers, council members) and the
page where leaders and administrators set one up or change it (councils.council_save)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from agencies.models import Agency
from agencies.selectors import provincial_body

from ..council_forms import CouncilForm, SeatFormSet, seat_initial
from ..council_plan import quorum_of
from ..councils import (
    council_detail,
    council_save,
    councils_list,
    managed_bodies,
    may_manage_council,
    may_manage_councils,
    may_see_councils,
    seen_bodies,
)
from .base import PageView, require_role


class CouncilsView(PageView):
    template_name = "workflow/councils.html"
    per_page = 10

    def check_access(self, user):
        require_role(may_see_councils(user))

    def get_context_data(self, **kwargs):
        user = self.request.user
        page = self.paginate(councils_list(bodies=seen_bodies(user)))
        for council in page.object_list:
            council.quorum = quorum_of(council, len(council.active_seats))
            council.may_manage = may_manage_council(user, council)
        return super().get_context_data(
            councils=page, may_manage=may_manage_councils(user), **kwargs
        )


class CouncilEditView(PageView):
    """A new council (no pk) or an existing one: the province's (its committee is the body) or,
    for an agency's head, the agency's own council for its cơ sở track."""

    template_name = "workflow/council_form.html"

    def check_access(self, user):
        require_role(may_manage_councils(user))
        self.council = None
        if "pk" in self.kwargs:
            self.council = council_detail(self.kwargs["pk"])
            if self.council is None or not may_manage_council(user, self.council):
                raise Http404(_("Council not found."))

    def get(self, request, *args, **kwargs):
        form = CouncilForm(instance=self.council)
        seats = SeatFormSet(prefix="seats", initial=seat_initial(self.council))
        return self.render_page(form, seats)

    def post(self, request, *args, **kwargs):
        form = CouncilForm(request.POST, instance=self.council)
        seats = SeatFormSet(request.POST, prefix="seats")
        if form.is_valid() & seats.is_valid():
            try:
                council = self.save(form, seats)
            except ValidationError as error:
                self.show_errors(form, seats, error)
            else:
                messages.success(request, _("Council “%(name)s” saved.") % {"name": council.name})
                return redirect("workflow:councils")
        return self.render_page(form, seats)

    def save(self, form, seats):
        data = form.service_data()
        if self.council is None:
            data["body"] = self.new_body()
        return council_save(actor=self.request.user, data=data, seats=seats.seats(),
                            council=self.council)  # fmt: skip

    def new_body(self):
        """The province's committee for a leader; an agency's head sets up the agency's own."""
        bodies = managed_bodies(self.request.user)
        province = provincial_body()
        if bodies is None or (province is not None and province.pk in bodies) or None in bodies:
            return province
        return Agency.objects.filter(pk__in=bodies).order_by("name").first()

    @staticmethod
    def show_errors(form, seats, error):
        """The member list's problems above the list, the others next to their fields."""
        problems = dict(error.message_dict) if hasattr(error, "error_dict") else {}
        seats.member_errors = problems.pop("members", [])
        if not hasattr(error, "error_dict"):
            problems[None] = error.messages
        for field, messages_ in problems.items():
            for message in messages_:
                form.add_error(field if field in form.fields else None, message)

    def render_page(self, form, seats):
        return self.render_to_response(
            self.get_context_data(form=form, seats=seats, council=self.council)
        )
