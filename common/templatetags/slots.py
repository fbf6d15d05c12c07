"""{% slot "name" %}: renders what higher apps registered for this place (common.slots)."""

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from common.slots import fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, name):
    parts = []
    for fragment in fragments(name):
        extra = fragment.context(context) if fragment.context else {}
        if extra is None:
            continue
        with context.push(**extra):
            parts.append(get_template(fragment.template).template.render(context))
    return mark_safe("".join(parts))
