"""Small pieces every page uses: deadline badges, query strings that keep the page's filters,
and page links."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common import clock
from common.dates import deadline_state

register = template.Library()


@register.inclusion_tag("common/deadline_badge.html")
def deadline_badge(due):
    """On time / due in ≤ 5 days / overdue — in words and an icon, never colour alone."""
    state = deadline_state(due)
    if not state:
        return {"state": ""}
    days = (due - clock.today()).days
    if state == "overdue":
        text = ngettext("Overdue by %(n)s day", "Overdue by %(n)s days", -days) % {"n": -days}
    elif days == 0:
        text = _("Due today")
    else:
        text = ngettext("%(n)s day left", "%(n)s days left", days) % {"n": days}
    return {"state": state, "text": text, "due": due}


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


@register.simple_tag(takes_context=True)
def page_url(context, number, param=""):
    """The current query string pointing at page `number` of the list paged by `param`, so
    several paginated lists can live on one page, each keeping the others' positions."""
    return query_with(context, **{param or "page": number})


@register.simple_tag(takes_context=True)
def current_page(context):
    """The Page an included pagination bar is about: `page` when the include names one, else
    the list view's page_obj."""
    return context.get("page") or context.get("page_obj")
