"""A refused write must leave no trace: `with nothing_changes(initiative): response = …`.

A status code alone does not prove a refusal: a view can answer 403 after it saved. On leaving
the block this checks, against a snapshot taken on entering it, that
- every table holds as many rows as before (no row added or removed anywhere, log entries,
  notifications and admin history included; logging in is allowed, see LOGIN_BOOKKEEPING),
- each watched row holds the same values (pass an instance for its row, a queryset, or a model
  for all its rows; `updated_at` columns catch a save that changed nothing else),
- the uploaded files (MEDIA_ROOT) are the same: names, sizes and modification times.
"""

from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

NONE = "(none)"
# Logging in inside the block (client.force_login) writes a session and django-axes' access
# log: the bookkeeping of authentication, not data a refused write may have touched.
LOGIN_BOOKKEEPING = ("sessions", "axes")


@contextmanager
def nothing_changes(*watched):
    before = _snapshot(watched)
    yield
    after = _snapshot(watched)
    problems = [
        f"{kind}, {what}: {before[kind].get(what, NONE)!r} → {after[kind].get(what, NONE)!r}"
        for kind in before
        for what in sorted(before[kind].keys() | after[kind].keys())
        if before[kind].get(what) != after[kind].get(what)
    ]
    assert not problems, "a refused write changed something:\n  " + "\n  ".join(problems)


def _snapshot(watched):
    return {"rows per table": _row_counts(), "watched rows": _rows(watched), "files": _files()}


def _row_counts():
    return {
        model._meta.db_table: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in LOGIN_BOOKKEEPING
    }


def _rows(watched):
    rows = {}
    for item in watched:
        queryset = _queryset(item)
        meta = queryset.model._meta
        for values in queryset.order_by("pk").values():
            rows[f"{meta.label}#{values[meta.pk.attname]}"] = values
    return rows


def _queryset(item):
    if isinstance(item, models.Model):
        return type(item)._base_manager.filter(pk=item.pk)
    if isinstance(item, models.QuerySet):
        return item
    if isinstance(item, type) and issubclass(item, models.Model):
        return item._base_manager.all()
    raise TypeError(f"nothing_changes watches instances, querysets or models, not {item!r}")


def _files():
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in root.rglob("*")
        if path.is_file()
    }
