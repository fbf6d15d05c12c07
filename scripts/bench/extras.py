"""The bench's measures besides pages: transitions per second through the services, and the
Excel export of the whole dossier list (time, peak memory) in a process of its own."""

import json
import subprocess
import sys
import time

from .database import ROOT

TRANSITIONS_GOAL = 100  # per second
EXPORT_GOAL_S = 60


def transitions(count: int) -> dict:
    """Refuse `count` dossiers under the Department's review through the real service (state
    change, log row, outbox/notification rows, the tasks enqueued), one transaction each, and
    time them."""
    from agencies.models import User
    from config.celery import app
    from initiatives.models import Initiative
    from notifications.models import Notification
    from workflow.models import TransitionLog
    from workflow.refusal import RefusalGround
    from workflow.services.review import initiative_reject

    reviewer = User.objects.get(username="reviewer")
    ids = list(
        # The Department's reviewer refuses provincial dossiers (an agency's own it never sees).
        Initiative.objects.filter(status="department_review", level="provincial").order_by("pk")
        .values_list("pk", flat=True)[:count]
    )  # fmt: skip
    logs, notes = TransitionLog.objects.count(), Notification.objects.count()
    # As in production, the request's transaction enqueues the e-mails and the refusal notice's
    # PDF for the workers (the bench's own broker folder) instead of running them in-process;
    # what it queued is purged after, so no later measure's worker picks it up.
    app.conf.task_always_eager = False
    try:
        start = time.perf_counter()
        for pk in ids:
            initiative_reject(
                initiative=Initiative.objects.get(pk=pk),
                actor=reviewer,
                comment="Không đáp ứng điều kiện (bench).",
                grounds=[RefusalGround.values[0]],
            )
        elapsed = time.perf_counter() - start
    finally:
        app.conf.task_always_eager = True
        queued = app.control.purge()
    return {
        "transitions": len(ids),
        "transitions_per_second": round(len(ids) / elapsed, 1) if elapsed else None,
        "transition_log_rows": TransitionLog.objects.count() - logs,
        "notification_rows": Notification.objects.count() - notes,
        "tasks_queued": queued,
        "transitions_goal_per_second": TRANSITIONS_GOAL,
    }


def export_in_child() -> dict:
    """Run export_main in a fresh process (so its peak memory is the export's own)."""
    done = subprocess.run(
        [sys.executable, "-m", "scripts.bench", "export"], cwd=ROOT, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    if done.returncode:
        return {"export_error": done.stderr.strip().splitlines()[-1:] or ["?"]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def export_main() -> dict:
    """The dossier list's Excel export as the reviewer (every dossier), built as Celery would."""
    from agencies.models import User
    from exports.models import ExportJob
    from exports.services import export_build
    from initiatives.models import Initiative

    before = _peak_mb()
    job = ExportJob.objects.create(
        user=User.objects.get(username="reviewer"), kind="initiatives",
        params={"query": {}, "language": "vi", "back": ""},
    )  # fmt: skip
    start = time.perf_counter()
    outcome = export_build(job_id=job.pk)
    elapsed = time.perf_counter() - start
    job.refresh_from_db()
    size = job.file.size if job.file else 0
    peak = _peak_mb()
    return {
        "export_outcome": outcome,
        "export_rows": Initiative.objects.count(),
        "export_seconds": round(elapsed, 1),
        "export_peak_rss_mb": peak,
        "export_rss_growth_mb": round(peak - before, 1),
        "export_file_mb": round(size / 1024 / 1024, 2),
        "export_goal_seconds": EXPORT_GOAL_S,
    }


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss would count the parent's, which
    Linux carries across exec)."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0
