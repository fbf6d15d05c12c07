"""/oversight/agency-level/: the agencies' own (cơ sở) recognition seen from the province — for
reviewers and leaders (workflow.oversight): figures per agency, recognized titles."""

from django.utils.translation import gettext as _

from agencies import roles
from common import clock

from .. import oversight
from .base import PageView, require_role


class AgencyLevelOverviewView(PageView):
    template_name = "workflow/oversight.html"
    per_page = 25

    def check_access(self, user):
        require_role(roles.oversees_province(user))

    def get_context_data(self, **kwargs):
        today = clock.today()
        year = _year(self.request.GET.get("year"), today.year)
        only_filing = self.request.GET.get("filing") == "1"
        table = list(oversight.agency_level_table(year, only_filing=only_filing))
        years = sorted({*oversight.years(), today.year}, reverse=True)
        return super().get_context_data(
            year=year,
            years=years,
            only_filing=only_filing,
            table=table,
            totals=oversight.totals(table),
            titles=self.paginate(oversight.recognized_titles(year)),
            heading=_("Agency-level recognition"),
            **kwargs,
        )


def _year(value, default: int) -> int:
    """The year asked for, or this year for anything that is not one (never an error page)."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if 2000 <= year <= 2100 else default
