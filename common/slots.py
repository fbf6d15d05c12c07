"""Template slots: a lower app names a place on one of its pages, a higher app fills it.

DESIGN §3: dependencies point one way, so a page of `initiatives` cannot include a template of
`exports` or `adoption`. Instead the page says
`{% load slots %}{% slot "initiative_list.actions" %}` and the higher app registers what goes
there from its AppConfig.ready():

    register_slot("initiative_list.actions", "exports/export_button.html",
                  context=lambda context: {"kind": "initiatives"})

`context` receives the page's template context and returns the extra variables the fragment needs,
or None to leave the slot empty for this page (e.g. the reader has no use for it).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Fragment:
    template: str
    context: Callable | None = None
    order: int = 0


_slots: dict[str, list[Fragment]] = defaultdict(list)


def register_slot(name: str, template: str, *, context: Callable | None = None, order: int = 0):
    """Idempotent: registering the same template twice (a reloaded app) keeps one."""
    fragments = [f for f in _slots[name] if f.template != template]
    fragments.append(Fragment(template, context, order))
    _slots[name] = sorted(fragments, key=lambda f: f.order)


def fragments(name: str) -> list[Fragment]:
    return list(_slots.get(name, ()))
