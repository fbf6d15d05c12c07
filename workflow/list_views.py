"""Work lists of the Department of S&T, the council and the leadership."""

from agencies import roles
from common.pagination import paginate as common_paginate

from . import selectors as sel
from .views import PageView, require_role

PER_PAGE = 25


def paginate(request, queryset, param: str = "page"):
    return common_paginate(request, queryset, PER_PAGE, param)


class ReviewQueueView(PageView):
    template_name = "workflow/review_queue.html"

    def check_access(self, user):
        require_role(user.is_superuser or roles.is_reviewer(user))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            queue=paginate(self.request, sel.review_queue()),
            scoring=paginate(self.request, sel.scoring_in_progress(), "scoring_page"),
            **kwargs,
        )


class CouncilListView(PageView):
    template_name = "workflow/council_list.html"

    def check_access(self, user):
        require_role(roles.is_council_member(user))

    def get_context_data(self, **kwargs):
        page = paginate(self.request, sel.council_assignments_of(self.request.user))
        for assignment in page.object_list:
            sheet = getattr(assignment, "sheet", None)
            assignment.sheet_state = (
                "submitted" if sheet and sheet.is_locked else "draft" if sheet else "not_started"
            )
        return super().get_context_data(assignments=page, **kwargs)


class DecisionListView(PageView):
    template_name = "workflow/decisions.html"

    def check_access(self, user):
        require_role(user.is_superuser or roles.is_leader(user))

    def get_context_data(self, **kwargs):
        request = self.request
        return super().get_context_data(
            awaiting=paginate(request, sel.awaiting_decision()),
            recognized=paginate(request, sel.recognized_awaiting_rollout(), "recognized_page"),
            rollout=paginate(request, sel.in_rollout(), "rollout_page"),
            **kwargs,
        )
