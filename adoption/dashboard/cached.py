"""The province dashboard's figures between two changes (issue 14).

Computing them reads every adoption record of the initiatives in rollout and their reports
(100,000 records at a province's size: a few hundred ms of SQL), so they are kept in the cache
under a version that every change of what they count replaces — an adoption record, a report,
an initiative or an agency saved or deleted (the signals connected in adoption.apps) and the
bulk update of adoption.services.adoptions_close_open — and under the day (what is overdue
depends on it) and the language (labels). The version changes at once and again when the
transaction commits, so a page computed meanwhile from the old rows is never kept: a change
shows on the next request. GET /api/v1/stats/adoption/ keeps its province-wide body the
same way. The matrix and the one-initiative pages are not cached.
"""

import logging
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

logger = logging.getLogger(__name__)
VERSION_KEY = "adoption:dashboard:version"
TIMEOUT = 60 * 60 * 6  # a safety net only: a change replaces the version at once


def _new_version() -> None:
    try:
        cache.set(VERSION_KEY, uuid4().hex, None)
    except Exception:  # the cache down must not stop a write; the timeout bounds what is kept
        logger.warning("dashboard figures: the cache is unreachable", exc_info=True)


def figures_changed(**_signal_kwargs) -> None:
    """Forget the figures: now, and once the transaction commits."""
    _new_version()
    transaction.on_commit(_new_version)


def province_figures(today, compute, part: str = "page"):
    """compute() — the province dashboard's figures — or its cached result for this version,
    day and language (computed each time while the cache is unreachable). `part` names what
    is kept: the page's figures, or the stats API's body (the same counts, in its shape)."""
    try:
        key = _key(today, part)
        value = cache.get(key)
    except Exception:
        logger.warning("dashboard figures: the cache is unreachable", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, TIMEOUT)
        except Exception:
            logger.warning("dashboard figures: the cache is unreachable", exc_info=True)
    return value


def _key(today, part: str) -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return f"adoption:dashboard:{part}:{version}:{today.isoformat()}:{get_language()}"


def connect() -> None:
    """Called by adoption.apps: the models whose changes alter the figures."""
    from django.db.models.signals import post_delete, post_save

    from agencies.models import Agency
    from initiatives.models import Initiative

    from ..models import Adoption, AdoptionReport

    for model in (Adoption, AdoptionReport, Initiative, Agency):
        for signal in (post_save, post_delete):
            signal.connect(
                figures_changed,
                sender=model,
                dispatch_uid=f"adoption.dashboard.{model.__name__}.{signal is post_save}",
            )
