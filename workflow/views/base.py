"""What the workflow's pages share: the refusal page and the labels of states and steps."""

from common.views import FORBIDDEN_TEMPLATE, require_role
from common.views import PageView as CommonPageView
from initiatives.choices import AGENCY_LEVEL_STATUS_LABELS
from initiatives.models import Level, Status

from ..permissions import transition_label


class PageView(CommonPageView):
    """A logged-in page whose refusals (PermissionDenied) say why, on the site's 403 page."""

    forbidden_template = FORBIDDEN_TEMPLATE


__all__ = ["PageView", "require_role", "state_label", "step_label"]


def state_label(value: str, level: str = "") -> str:
    """A state's name; on an agency's own track the states that name who acts say so."""
    if level == Level.AGENCY and value in AGENCY_LEVEL_STATUS_LABELS:
        return str(AGENCY_LEVEL_STATUS_LABELS[value])
    return Status(value).label if value in Status.values else value


def step_label(name: str) -> str:
    """A transition's (or audit entry's) label; the name itself for one no longer known."""
    try:
        return str(transition_label(name))
    except (AttributeError, StopIteration):
        return name
