"""The council member's score sheet: a draft, a confirmation step, then read only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from common.exceptions import Conflict
from common.forms import add_service_errors
from initiatives.models import Status

from .. import scoresheets
from ..deadlines import legal_basis
from ..models import DeadlineRule
from ..score_forms import ScoreSheetForm
from .base import PageView


class ScoreSheetView(PageView):
    """Save a draft, submit (after a confirmation step), then read only. With a seat in the
    URL: the council's secretary enters an outside expert's paper sheet on their behalf."""

    template_name = "workflow/scoresheet.html"

    def check_access(self, user):
        # 404 for a dossier the user may not see, 403 when not (or no longer) on its council.
        self.seat = self.kwargs.get("seat")
        self.sheet = scoresheets.scoresheet_get(
            initiative_id=self.kwargs["pk"], actor=user, seat=self.seat
        )
        self.initiative = self.sheet.assignment.initiative
        self.review = self.initiative.council_review
        self.criteria = list(self.review.rubric.criteria.all())

    @property
    def editable(self) -> bool:
        return not self.sheet.is_locked and self.initiative.status == Status.COUNCIL_REVIEW

    def make_form(self, data=None, *, complete=False):
        initial = {"vote": self.sheet.vote, "comment": self.sheet.comment}
        for criterion in self.criteria:
            initial[ScoreSheetForm.score_field(criterion)] = self.sheet.scores.get(criterion.code)
        return ScoreSheetForm(data, initial=initial, criteria=self.criteria, complete=complete)

    def get_context_data(self, **kwargs):
        scores = [{"criterion": c, "score": self.sheet.scores.get(c.code)} for c in self.criteria]
        return super().get_context_data(
            initiative=self.initiative,
            sheet=self.sheet,
            scores=scores,
            editable=self.editable,
            rubric=self.review.rubric,
            decision_basis=legal_basis(DeadlineRule.Stage.DECISION),
            secret=self.review.is_secret,
            paper_for=self.sheet.assignment.member_name if self.seat else None,
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        form = self.make_form() if self.editable else None
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        if not self.editable:
            messages.error(
                request, _("Your score sheet has been submitted and can no longer be changed.")
            )
            return redirect(request.path)
        action = request.POST.get("action", "save")
        form = self.make_form(request.POST, complete=action in ("submit", "confirm"))
        if action == "edit" or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            # "submit" keeps a draft and asks for confirmation; "confirm" locks the sheet.
            self.sheet = scoresheets.scoresheet_save(
                initiative_id=self.initiative.pk,
                actor=request.user,
                submit=action == "confirm",
                seat=self.seat,
                **form.service_kwargs(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render_to_response(self.get_context_data(form=form))
        except Conflict as conflict:
            messages.error(request, conflict.message)
            return redirect("workflow:detail", pk=self.initiative.pk)
        if action == "submit":
            return self.render_to_response(self.get_context_data(form=form, confirming=True))
        if action == "confirm":
            messages.success(request, _("Your score sheet has been submitted and locked."))
        elif self.review.is_secret:
            messages.success(
                request,
                _("Draft saved without the vote: under a secret ballot the vote is cast only "
                  "when the sheet is submitted."),
            )  # fmt: skip
        else:
            messages.success(request, _("Draft saved. You can come back and change it."))
        return redirect(request.path)
