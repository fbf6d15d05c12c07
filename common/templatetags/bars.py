"""{{ value|bar_width }}: the CSS class that sets a progress bar's width (w-pct-0 … w-pct-100,
static/css/app.css). The Content-Security-Policy forbids style attributes, so a width computed
on the server is a class, not style="width: …"."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def bar_width(percent) -> str:
    try:
        value = Decimal(str(percent)).quantize(Decimal(1), ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        value = Decimal(0)
    return f"w-pct-{min(max(int(value), 0), 100)}"
