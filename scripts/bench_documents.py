"""Time issuing the certificates of a round decision (issue 12): 50 recognized dossiers with
about 120 authors, each certificate rendered to PDF by WeasyPrint and stored, as the Celery
task does it (documents.issuing.issue_for_act, one act per dossier).

    .venv/bin/python scripts/bench_documents.py [--dossiers 50] [--authors 120]

Like bench_dashboard.py, the data goes to a throwaway database (a temporary SQLite file, or the
test database of the server DATABASE_URL names) and media directory, never to yours.
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

# The project (for `common`) and this folder (for the shared set-up of bench_dashboard.py).
sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]
from bench_dashboard import create_database, setup_django  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=50)
    parser.add_argument("--authors", type=int, default=120, help="authors in all")
    return parser.parse_args()


def build(n_dossiers: int, n_authors: int) -> list[int]:
    """Recognized dossiers sharing one decision, their authors, and each one's recognize act."""
    from agencies.models import Agency, User
    from common import clock
    from initiatives.models import Author, Initiative
    from workflow.models import TransitionLog

    agency = Agency.objects.create(code="STP", name="Sở Tư pháp", kind="department")
    leader = User.objects.create(username="leader", full_name="Ngô Thanh Sơn")
    decided = clock.today() - timedelta(days=1)
    logs = []
    for index in range(n_dossiers):
        initiative = Initiative.objects.create(
            title=f"Cải cách thủ tục hành chính số {index + 1} tại bộ phận một cửa",
            agency=agency, created_by=leader, status="recognized", scope="provincial",
            decision_number="125/QĐ-UBND", decision_date=decided,
            signer_name="Nguyễn Văn A", signer_authority="vice_chairman",
        )  # fmt: skip
        share = n_authors // n_dossiers + (1 if index < n_authors % n_dossiers else 0)
        for order in range(share):
            Author.objects.create(
                initiative=initiative, full_name=f"Nguyễn Thị Tác Giả {index}-{order}",
                contribution_percent=Decimal(100) / share, order=order,
            )  # fmt: skip
        logs.append(
            TransitionLog.objects.create(
                initiative=initiative, transition="recognize", source="awaiting_decision",
                target="recognized", actor=leader,
            ).pk
        )  # fmt: skip
    return logs


def run(args):
    from documents import issuing
    from documents.models import Document

    drop = create_database()
    try:
        logs = build(args.dossiers, args.authors)
        per_act = []
        started = time.perf_counter()
        for log_id in logs:
            before = time.perf_counter()
            issuing.issue_for_act(log_id)
            per_act.append(time.perf_counter() - before)
        total = time.perf_counter() - started
        count = Document.objects.count()
        print(f"{args.dossiers} dossiers, {count} certificates issued in {total:.1f} s "
              f"({1000 * total / count:.0f} ms per certificate; median per dossier "
              f"{1000 * statistics.median(per_act):.0f} ms)")  # fmt: skip
    finally:
        drop()


def main():
    args = parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sangkien-bench-documents-"))
    try:
        setup_django(tmp)
        from django.conf import settings

        settings.MEDIA_ROOT = tmp / "media"
        run(args)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
