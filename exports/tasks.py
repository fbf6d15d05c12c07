"""Celery tasks of the exports: each takes an id (or nothing) and calls a service."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task
def build_export(job_id: int) -> str:
    return services.export_build(job_id=job_id)


def enqueue(job_id: int) -> None:
    try:
        build_export.delay(job_id)
    except Exception:
        if services.built_in_workers_only(job_id):
            # A file of many documents is never built in a request: the job fails at once and
            # its page offers "Try again".
            logger.warning("Could not enqueue export %s; failed until started again", job_id)
            services.export_fail_unqueued(job_id=job_id)
            return
        # The broker is unreachable: build the file here, in the request, so the user still
        # gets it (a worker that later receives a duplicate finds the job claimed and stops).
        logger.warning("Could not enqueue export %s; building it in the request", job_id)
        services.export_build(job_id=job_id)


@shared_task
def fail_stale_exports() -> int:
    return services.export_fail_stale()


@shared_task
def purge_old_exports() -> int:
    return services.export_purge()
