"""Badges and small helpers shared by every page."""

from datetime import date

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()

SOON_DAYS = 5

STATUS_COLOURS = {
    "draft": "secondary",
    "department_review": "primary",
    "revision_requested": "warning",
    "council_review": "info",
    "awaiting_decision": "primary",
    "recognized": "success",
    "rollout": "success",
    "closed": "dark",
    "rejected": "danger",
    "withdrawn": "secondary",
}


def deadline_state(due: date | None, today: date | None = None) -> str:
    if due is None:
        return ""
    today = today or timezone.localdate()
    if due < today:
        return "overdue"
    return "soon" if (due - today).days <= SOON_DAYS else "on_time"


@register.inclusion_tag("portal/includes/deadline_badge.html")
def deadline_badge(due):
    """On time / due in ≤ 5 days / overdue — in words and an icon, never colour alone."""
    state = deadline_state(due)
    if not state:
        return {"state": ""}
    days = (due - timezone.localdate()).days
    if state == "overdue":
        text = ngettext("Overdue by %(n)s day", "Overdue by %(n)s days", -days) % {"n": -days}
    elif days == 0:
        text = _("Due today")
    else:
        text = ngettext("%(n)s day left", "%(n)s days left", days) % {"n": days}
    return {"state": state, "text": text, "due": due}


@register.inclusion_tag("portal/includes/status_badge.html")
def status_badge(initiative):
    return {
        "colour": STATUS_COLOURS.get(initiative.status, "secondary"),
        "label": initiative.get_status_display(),
    }


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (pagination, sorting)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode() if params else "?"
