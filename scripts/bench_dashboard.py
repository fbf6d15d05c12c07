"""Time the leadership dashboard on a large province (issue 5, "figures stay fast").

Builds 1,000 initiatives in rollout and 100,000 adoption records (plus closed initiatives and
result reports) with bulk_create, then times each dashboard selector, the dashboard pages and
GET /api/v1/stats/adoption/ — the median of a few runs — and prints the query counts.

    .venv/bin/python scripts/bench_dashboard.py [--initiatives 1000] [--adoptions 100000]
                                                 [--runs 5]

The data goes to a throwaway database, never to the one you work with:
- without DATABASE_URL, a fresh SQLite file under a temporary VAR_DIR, removed afterwards;
- with DATABASE_URL (e.g. PostgreSQL), Django's test database on that server ("test_<name>"),
  created and destroyed like the test suite's.
Speed is checked here, never by timed tests (see the Makefile's `bench` target).
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import clock

ROOT = Path(__file__).resolve().parent.parent


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--initiatives", type=int, default=1000, help="initiatives in rollout")
    parser.add_argument("--adoptions", type=int, default=100_000, help="adoption records")
    parser.add_argument("--runs", type=int, default=5, help="runs per measure (median)")
    return parser.parse_args()


def setup_django(tmp: Path):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["VAR_DIR"] = str(tmp)  # SQLite file, media, broker folders: all throwaway
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")
    import django

    django.setup()


def create_database(verbosity=0) -> callable:
    """Migrate a throwaway database; returns the function that drops it."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=verbosity, interactive=False)
        return lambda: None
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
    return lambda: connection.creation.destroy_test_db(old_name, verbosity=verbosity)


# --- The large province -----------------------------------------------------------------------


def build(n_initiatives: int, n_adoptions: int):
    from datetime import timedelta
    from decimal import Decimal

    from django.db import transaction

    from adoption.models import Adoption, AdoptionReport
    from agencies.models import Agency, Membership, Role, User
    from initiatives.models import Initiative, Scope

    today = clock.today()
    kind = Agency.Kind
    with transaction.atomic():
        ubnd = Agency.objects.create(code="BENCH-UBND", name="UBND tỉnh", kind=kind.PROVINCIAL)
        departments = Agency.objects.bulk_create(
            Agency(code=f"BENCH-S{n}", name=f"Sở {n:02d}", kind=kind.DEPARTMENT, parent=ubnd)
            for n in range(25)
        )
        districts = Agency.objects.bulk_create(
            Agency(code=f"BENCH-H{n}", name=f"Huyện {n}", kind=kind.DISTRICT, parent=ubnd)
            for n in range(9)
        )
        communes = Agency.objects.bulk_create(
            Agency(
                code=f"BENCH-X{n}",
                name=f"Xã {n:03d}",
                kind=kind.COMMUNE,
                parent=districts[n % len(districts)],
                is_active=n % 25 != 0,
            )
            for n in range(180)
        )
        units = Agency.objects.bulk_create(
            Agency(code=f"BENCH-D{n}", name=f"Đơn vị {n:02d}", kind=kind.PUBLIC_UNIT, parent=ubnd)
            for n in range(40)
        )
        agencies = [*departments, *communes, *units]
        per_initiative = max(1, min(len(agencies), -(-n_adoptions // n_initiatives)))

        def initiative(n, status):
            return Initiative(
                code=f"BENCH-{status[:2].upper()}-{n:05d}",
                title=f"Sáng kiến cải cách hành chính số {n}",
                agency=departments[n % len(departments)],
                status=status,
                scope=Scope.PROVINCIAL if n % 2 else Scope.AGENCY,
                benefit_amount_vnd=5_000_000 + 10_000 * n,
                decision_number=f"{n}/QĐ-UBND",
                decision_date=today - timedelta(days=400),
            )

        rollout = Initiative.objects.bulk_create(
            (initiative(n, "rollout") for n in range(n_initiatives)), batch_size=1000
        )
        closed = Initiative.objects.bulk_create(
            (initiative(n, "closed") for n in range(n_initiatives // 5)), batch_size=1000
        )
        statuses = ["assigned", "in_progress", "applied", "applied", "applied", "not_applicable"]
        records, made = [], 0
        for n, item in enumerate([*rollout, *closed]):
            count = per_initiative if n < len(rollout) else 10
            for k in range(count):
                if n < len(rollout) and made >= n_adoptions:
                    break
                status = statuses[(n * 7 + k) % len(statuses)]
                applied_on = None
                if status == "applied":
                    applied_on = today - timedelta(days=(n * 13 + k * 29) % 700)
                records.append(
                    Adoption(
                        initiative=item,
                        agency=agencies[(n * 11 + k) % len(agencies)],
                        source="voluntary" if k % 5 == 0 else "mandated",
                        status=status,
                        due_date=today + timedelta(days=(n + k * 17) % 240 - 90),
                        applied_on=applied_on,
                        started_on=applied_on,
                    )
                )
                made += n < len(rollout)
        records = Adoption.objects.bulk_create(records, batch_size=2000)
        reports = AdoptionReport.objects.bulk_create(
            (
                AdoptionReport(
                    adoption=record,
                    period="6 tháng đầu năm",
                    result_summary="Đã áp dụng",
                    processing_days_before=Decimal(10 + record.pk % 5),
                    processing_days_after=Decimal("4.5"),
                    dossiers_handled=20 + record.pk % 50,
                    cost_saved_vnd=250_000 * (1 + record.pk % 8),
                )
                for record in records
                if record.status == "applied" and record.pk % 3
            ),
            batch_size=2000,
        )
        leader = User.objects.create_user("bench_leader", password="bench-only-123")
        Membership.objects.create(user=leader, agency=ubnd, role=Role.LEADER)
    return leader, rollout, made, len(records), len(reports), len(agencies) + 1 + len(districts)


# --- Measuring ---------------------------------------------------------------------------------


def measure(name, function, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    function()  # warm-up (caches, the session's first read)
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            function()
            times.append((time.perf_counter() - start) * 1000)
    return name, statistics.median(times), min(times), len(queries)


def get(client, url):
    def fetch():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        return response

    return fetch


def main():
    args = parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sangkien-bench-"))
    try:
        setup_django(tmp)
        run(args)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args):
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from rest_framework.test import APIClient

    from adoption.dashboard import expectations as e
    from adoption.dashboard import figures as d
    from adoption.dashboard.matrix import matrix

    setup_test_environment()
    drop = create_database()
    try:
        started = time.perf_counter()
        leader, rollout, made, records, reports, agencies = build(args.initiatives, args.adoptions)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give
        built = time.perf_counter() - started
        print(
            f"Database: {connection.vendor} ({connection.settings_dict['NAME']})\n"
            f"Built in {built:.1f} s: {agencies} agencies, {len(rollout)} initiatives in rollout "
            f"(+{len(rollout) // 5} closed), {made} adoption records in rollout "
            f"({records} in all), {reports} result reports.\n"
        )
        today = clock.today()
        province = d.Scope()
        one = d.Scope(rollout[len(rollout) // 2])
        client = Client()
        client.force_login(leader)
        api = APIClient()
        api.force_authenticate(leader)
        middle = rollout[len(rollout) // 2].pk
        measures = [
            ("selector totals()", lambda: d.totals(province, today)),
            ("selector initiative_totals()", lambda: d.initiative_totals(province)),
            ("selector by_agency_kind()", lambda: d.by_agency_kind(province)),
            ("selector by_parent()", lambda: d.by_parent(province)),
            ("selector progress()", lambda: d.progress(province)),
            ("selector overdue() top 10", lambda: d.overdue(province, today, limit=10)),
            ("selector benefits()", lambda: d.benefits(province)),
            ("selector expectation_summary()", lambda: e.expectation_summary(province)),
            ("selector matrix() 6 × 12", lambda: matrix(columns=6, rows=12, today=today)),
            (
                "selector figures_for() 25 initiatives",
                lambda: e.figures_for(e.initiative_filter(province)[:25], today),
            ),
            ("selector adoption_stats()", lambda: d.adoption_stats(province, today)),
            ("selector adoption_stats(one)", lambda: d.adoption_stats(one, today)),
            ("page /dashboard/", get(client, reverse("adoption:dashboard"))),
            (
                "page /dashboard/initiatives/<pk>/",
                get(client, reverse("adoption:dashboard_initiative", args=[middle])),
            ),
            (
                "page /dashboard/initiatives/",
                get(client, reverse("adoption:dashboard_initiatives")),
            ),
            (
                "page …/initiatives/?expectation=below",
                get(client, reverse("adoption:dashboard_initiatives") + "?expectation=below"),
            ),
            ("page /dashboard/matrix/", get(client, reverse("adoption:dashboard_matrix"))),
            (
                "page /dashboard/adoptions/?overdue=1",
                get(client, reverse("adoption:dashboard_list") + "?overdue=1"),
            ),
            ("api /api/v1/stats/adoption/", get(api, "/api/v1/stats/adoption/")),
            (
                "api …/stats/adoption/?initiative=",
                get(api, f"/api/v1/stats/adoption/?initiative={middle}"),
            ),
        ]
        print(f"{'measure':<40} {'median ms':>10} {'min ms':>8} {'queries':>8}")
        for name, function in measures:
            label, median, fastest, queries = measure(name, function, args.runs)
            print(f"{label:<40} {median:>10.1f} {fastest:>8.1f} {queries:>8}")
        print(f"\nMedian of {args.runs} runs after one warm-up; queries per run.")
    finally:
        connection.close()
        drop()


if __name__ == "__main__":
    main()
