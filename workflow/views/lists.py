"""Work lists of the Department of S&T, the council and the leadership."""

from agencies import roles

from .. import selectors as sel
from ..deadlines import LEGAL_BASIS
from ..models import DeadlineRule
from ..tracks import PROVINCIAL, checked_by, decided_by
from .base import PageView, require_role


def legal_bases() -> dict:
    """The legal basis of each stage's deadline, by stage name, for the work-list tables."""
    return {stage.value: LEGAL_BASIS[stage] for stage in DeadlineRule.Stage}


class ReviewQueueView(PageView):
    template_name = "workflow/review_queue.html"

    def check_access(self, user):
        self.within = checked_by(user)
        require_role(self.within is not None)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            queue=self.paginate(sel.review_queue(self.within)),
            scoring=self.paginate(sel.scoring_in_progress(self.within), "scoring_page"),
            basis=legal_bases(),
            **kwargs,
        )


class CouncilListView(PageView):
    template_name = "workflow/council_list.html"

    def check_access(self, user):
        require_role(roles.is_council_member(user))

    def get_context_data(self, **kwargs):
        page = self.paginate(sel.council_assignments_of(self.request.user))
        for assignment in page.object_list:
            sheet = getattr(assignment, "sheet", None)
            assignment.sheet_state = (
                "submitted" if sheet and sheet.is_locked else "draft" if sheet else "not_started"
            )
        return super().get_context_data(assignments=page, basis=legal_bases(), **kwargs)


class DecisionListView(PageView):
    template_name = "workflow/decisions.html"

    def check_access(self, user):
        self.within = decided_by(user)
        require_role(self.within is not None)

    def get_context_data(self, **kwargs):
        # Rollout across the province follows a provincial recognition only.
        provincial = self.within & PROVINCIAL
        return super().get_context_data(
            awaiting=self.paginate(sel.awaiting_decision(self.within)),
            recognized=self.paginate(
                sel.recognized_awaiting_rollout(provincial), "recognized_page"
            ),
            rollout=self.paginate(sel.in_rollout(provincial), "rollout_page"),
            basis=legal_bases(),
            **kwargs,
        )
