"""`make bench` (issue 14): build the bench province, then measure it as production serves it.

    python -m scripts.bench [--dossiers N] [--requests 30] [--no-build] [--transitions 200]
    python -m scripts.bench --compare A.json B.json

The data goes to a throwaway database (`<name>_bench` on the server DATABASE_URL names, or
var/bench/bench.sqlite3 without DATABASE_URL), never to the one you work with. Prints a table
(each page next to the /healthz floor), writes var/bench/<time>.json, and exits 1 when a page
goes over its query budget (or does not answer 200); time goals missed are reported only.
"""

import argparse
import os
import sys
import time
from pathlib import Path

from . import database, report


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m scripts.bench", description=__doc__)
    parser.add_argument("command", nargs="?", default="all", choices=["all", "export"])
    parser.add_argument("--dossiers", type=int,
                        default=int(os.environ.get("BENCH_DOSSIERS", "100000")))  # fmt: skip
    parser.add_argument("--requests", type=int,
                        default=int(os.environ.get("BENCH_REQUESTS", "30")))  # fmt: skip
    parser.add_argument("--transitions", type=int, default=200)
    parser.add_argument("--fanout", type=int, default=1000, help="e-mails (0: skip)")
    parser.add_argument("--no-build", action="store_true", help="measure the last build again")
    parser.add_argument("--no-extras", action="store_true", help="pages only")
    parser.add_argument(
        "--only", default="", help="measure only pages whose name contains this (a,b: either)"
    )
    parser.add_argument("--out-dir", type=Path, default=database.BENCH_DIR)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse(argv)
    if args.compare:
        print(report.compare(*args.compare))
        return 0
    url = database.bench_url()
    if args.command == "export":
        database.setup_django(url)
        import json

        from . import extras

        print(json.dumps(extras.export_main()))
        return 0
    return run(args, url)


def run(args, url: str) -> int:
    built = None
    if not args.no_build:
        print(f"Building {args.dossiers} dossiers in {_safe(url)} ...", flush=True)
        database.recreate(url)
        database.setup_django(url)
        started = time.perf_counter()
        database.migrate()
        print(f"  migrated ({time.perf_counter() - started:.1f} s)", flush=True)
        from .build import build

        built = build(args.dossiers, out=lambda line: print(line, flush=True))
        print(f"Built in {built['build_seconds']} s: {built}", flush=True)
    else:
        database.setup_django(url)
    from django.db import connection

    from . import extras, runner
    from .build import table_counts

    counts = built or table_counts()
    ids = runner.pick_ids()
    headers = runner.credentials()
    connection.close()
    port = runner.free_port()
    server = runner.start_server(url, port)
    try:
        print(f"Measuring {args.requests} requests per page (after {runner.WARM_UP} warm-up) "
              f"on gunicorn :{port}, one sync worker, DEBUG off", flush=True)  # fmt: skip
        rows = runner.measure_pages(port, headers, ids, args.requests, only=args.only)
        rss = runner.rss_mb(runner.worker_pid(server))
    finally:
        server.terminate()
        server.wait(timeout=30)
    extra = {"web_worker_rss_mb": rss, "web_worker_rss_goal_mb": 300}
    if not args.no_extras:
        print("Transitions and export ...", flush=True)
        extra.update(extras.transitions(args.transitions))
        extra.update(extras.export_in_child())
        if args.fanout:
            from . import mail

            print("E-mail fan-out ...", flush=True)
            extra.update(mail.fanout(args.fanout))
    result = {
        "database": connection.vendor,
        "dossiers": counts.get("initiatives.Initiative"),
        "requests": args.requests,
        "counts": counts,
        "machine": report.machine(),
        "pages": rows,
        "extras": extra,
    }
    path = report.write(result, args.out_dir)
    print()
    print(report.table(rows))
    print()
    for key, value in extra.items():
        print(f"{key:<36} {value}")
    print(f"\nJSON: {path}")
    over = report.failures(rows)
    if over:
        print(f"\nFAILED: {len(over)} page(s) over the query budget, not answering 200 or "
              "not counted: "
              + ", ".join(r["page"] for r in over))  # fmt: skip
        return 1
    return 0


def _safe(url: str) -> str:
    return url.split("@")[-1]


if __name__ == "__main__":
    sys.exit(main())
