"""The page of one transition: GET shows what it needs and asks for confirmation, POST calls
its service. What differs between transitions is in workflow.transition_screens.SCREENS."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from agencies import roles
from common.exceptions import Conflict
from common.forms import add_service_errors

from .. import selectors as sel
from .. import services
from ..permissions import may_take
from ..transition_screens import SCREENS
from .base import PageView, step_label


class TransitionView(PageView):
    """Views are thin: a service's ValidationError is shown next to its field, a Conflict as
    a message back on the dossier page."""

    def check_access(self, user):
        self.name = self.kwargs["name"]
        if self.name not in SCREENS:
            raise Http404(_("Unknown action."))
        self.screen = SCREENS[self.name]
        self.initiative = get_object_or_404(sel.dossier_queryset(user), pk=self.kwargs["pk"])
        self.label = step_label(self.name)
        if not may_take(self.initiative, user, self.name):
            raise PermissionDenied(
                _("You are not allowed to “%(action)s” this dossier.") % {"action": self.label}
            )

    def get_template_names(self):
        return [self.screen.template]

    def dossier_url(self):
        return reverse("workflow:detail", args=[self.initiative.pk])

    def wrong_state(self):
        messages.error(
            self.request,
            _("“%(action)s” is not possible while the dossier is “%(status)s”.")
            % {"action": self.label, "status": self.initiative.get_status_display()},
        )
        return redirect(self.dossier_url())

    def get(self, request, *args, **kwargs):
        if not can_proceed(getattr(self.initiative, self.name)):
            return self.wrong_state()
        return self.render_form(*self.screen.make_form(self.initiative))

    def post(self, request, *args, **kwargs):
        if not can_proceed(getattr(self.initiative, self.name)):
            return self.wrong_state()
        form, choices = self.screen.make_form(self.initiative, request.POST)
        if form.is_valid():
            try:
                self.perform(form.service_kwargs())
            except ValidationError as error:
                add_service_errors(form, error)
            except Conflict as conflict:
                messages.error(request, conflict.message)
                return redirect(self.dossier_url())
            else:
                messages.success(request, _("Done: “%(action)s”.") % {"action": self.label})
                return redirect(self.dossier_url())
        return self.render_form(form, choices)

    def perform(self, arguments: dict) -> None:
        services.SERVICES[self.name](initiative=self.initiative.pk, actor=self.request.user,
                                    **arguments)  # fmt: skip

    def render_form(self, form, choices):
        context = self.get_context_data(
            initiative=self.initiative,
            name=self.name,
            label=self.label,
            dossier_url=self.dossier_url(),
            form=form,
            # Members' own sheets are for reviewers, leaders and administrators; the council's
            # secretary records the meeting and sees who has handed theirs in (templates call
            # these only where they need them).
            oversees=roles.oversees_province(self.request.user),
            is_secretary=lambda: sel.is_council_secretary(self.initiative, self.request.user),
        )
        context.update(self.screen.extra_context(self.initiative, form, choices))
        return self.render_to_response(context)
