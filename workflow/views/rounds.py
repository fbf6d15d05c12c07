"""The rounds (đợt xét): the list everyone logged in reads, and the page where the Department's
reviewers (and administrators) open a round or change one (rounds.round_save)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from common import clock
from initiatives.selectors import visible_initiatives

from ..deadlines import LEGAL_BASIS
from ..intake_rounds import RoundDossier
from ..models import DeadlineRule
from ..round_forms import RoundForm, RoundPlacementForm
from ..round_page import by_state, dossier_page, recommended_page, results_page, round_summary
from ..round_placement import MOVABLE_STATES, round_place_dossier, target_rounds
from ..rounds import (
    may_manage_rounds,
    may_see_round_page,
    may_see_rounds,
    round_detail,
    round_save,
    rounds_list,
    rounds_mode,
)
from .base import PageView, require_role, state_label
from .round_decision import decision_context


class RoundsView(PageView):
    template_name = "workflow/rounds.html"
    per_page = 20

    def check_access(self, user):
        require_role(may_see_rounds(user))

    def get_context_data(self, **kwargs):
        page = self.paginate(rounds_list())
        today = clock.today()
        for item in page.object_list:
            item.current_status = item.status_on(today)
        return super().get_context_data(
            rounds=page,
            may_manage=may_manage_rounds(self.request.user),
            may_open=may_see_round_page(self.request.user),
            rounds_mode=rounds_mode(),
            **kwargs,
        )


class RoundEditView(PageView):
    """A new round (no pk) or an existing one."""

    template_name = "workflow/round_form.html"

    def check_access(self, user):
        require_role(may_manage_rounds(user))
        self.round = None
        if "pk" in self.kwargs:
            self.round = round_detail(self.kwargs["pk"])
            if self.round is None:
                raise Http404(_("Round not found."))

    def get(self, request, *args, **kwargs):
        return self.render_page(RoundForm(instance=self.round))

    def post(self, request, *args, **kwargs):
        form = RoundForm(request.POST, instance=self.round)
        if form.is_valid():
            try:
                saved = self.save(form)
            except ValidationError as error:
                self.show_errors(form, error)
            else:
                messages.success(request, _("Round “%(title)s” saved.") % {"title": saved.title})
                return redirect("workflow:rounds")
        return self.render_page(form)

    def save(self, form):
        return round_save(actor=self.request.user, data=form.service_data(),
                          fields=form.cleaned_data["fields"], current=self.round)  # fmt: skip

    @staticmethod
    def show_errors(form, error):
        problems = (
            dict(error.message_dict) if hasattr(error, "error_dict") else {None: error.messages}
        )
        for field, messages_ in problems.items():
            for message in messages_:
                form.add_error(field if field in form.fields else None, message)

    def render_page(self, form):
        return self.render_to_response(self.get_context_data(form=form, round=self.round))


class RoundPageView(PageView):
    """One round for the standing office and the leaders: its dossiers by state, the council's
    results ranked, and the dossiers recommended for recognition — each list a page at a time
    (?page=, ?results=, ?recommended=), so the page costs the same with 5 dossiers or 20,000."""

    template_name = "workflow/round_page.html"

    def check_access(self, user):
        require_role(may_see_round_page(user))
        self.round = round_detail(self.kwargs["pk"])
        if self.round is None:
            raise Http404(_("Round not found."))

    def get_context_data(self, **kwargs):
        item, query = self.round, self.request.GET
        summary = round_summary(item)
        dossiers = dossier_page(item, summary, query.get("page"))
        states = [
            (state_label(state), total, rows) for state, total, rows in by_state(dossiers, summary)
        ]
        return super().get_context_data(
            round=item,
            **decision_context(item, self.request.user),
            count=summary["count"],
            first_decision_due=summary["first_decision_due"],
            recommended_count=summary["recommended_count"],
            recommended_awaiting=summary["recommended_awaiting"],
            dossiers=dossiers,
            by_state=states,
            results=results_page(item, summary, query.get("results")),
            recommended=recommended_page(item, summary, query.get("recommended")),
            may_manage=may_manage_rounds(self.request.user),
            decision_basis=LEGAL_BASIS[DeadlineRule.Stage.DECISION],
            **kwargs,
        )


class RoundPlacementView(PageView):
    """/initiatives/<pk>/round/: the standing office moves a dossier under examination into
    another round, or out of any, saying why (round_placement.round_place_dossier)."""

    template_name = "workflow/round_placement.html"

    def check_access(self, user):
        require_role(may_manage_rounds(user))
        self.initiative = get_object_or_404(visible_initiatives(user), pk=self.kwargs["pk"])
        entry = (
            RoundDossier.objects.select_related("round").filter(initiative=self.initiative).first()
        )
        self.current = entry.round if entry else None

    def form(self, data=None):
        initial = {"round": self.current.pk if self.current else None}
        return RoundPlacementForm(data, initial=initial, rounds=target_rounds())

    def get(self, request, *args, **kwargs):
        return self.render_page(self.form())

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                round_place_dossier(actor=request.user, initiative=self.initiative,
                                    target=form.cleaned_data["round"],
                                    reason=form.cleaned_data["comment"])  # fmt: skip
            except ValidationError as error:
                RoundEditView.show_errors(form, error)
            else:
                messages.success(request, _("The dossier's round was changed."))
                return redirect("workflow:detail", self.initiative.pk)
        return self.render_page(form)

    def render_page(self, form):
        return self.render_to_response(
            self.get_context_data(
                form=form,
                initiative=self.initiative,
                current=self.current,
                movable=self.initiative.status in MOVABLE_STATES,
            )
        )
