"""The bench's output: the table (each page next to the floor), the JSON file under var/bench/
and the side-by-side comparison of two runs."""

import json
import os
import platform
from datetime import UTC, datetime
from pathlib import Path

from .database import BENCH_DIR


def verdict(row: dict) -> str:
    if row["status"] != [200]:
        return f"HTTP {','.join(map(str, row['status']))}"
    if row["queries"] is None:
        return "NO QUERY COUNT"  # the counter is off: the bench cannot judge the page
    over_queries = row["queries"] > row["budget_queries"]
    slow = row["p95"] > row["budget_ms"]
    if over_queries:
        return "OVER QUERY BUDGET" + (" + slow" if slow else "")
    return "slow" if slow else "ok"


def table(rows: list[dict]) -> str:
    floor = next((r for r in rows if r["page"].startswith("floor")), None)
    lines = [
        f"{'page':<36} {'p50':>8} {'p95':>8} {'max':>8} {'×floor':>7} {'queries':>7} "
        f"{'budget':>12}  verdict",
    ]
    for row in rows:
        times = f"{row['p50']:>8.1f} {row['p95']:>8.1f} {row['max']:>8.1f}"
        ratio = f"{row['p50'] / floor['p50']:>7.1f}" if floor and floor["p50"] else f"{'':>7}"
        queries = "?" if row["queries"] is None else str(row["queries"])
        budget = f"{row['budget_ms']} ms/{row['budget_queries']} q"
        lines.append(f"{row['page']:<36} {times} {ratio} {queries:>7} {budget:>12}  {verdict(row)}")
    return "\n".join(lines)


def failures(rows: list[dict]) -> list[dict]:
    """Pages over their query budget, not answering 200 or not counted: these fail the bench."""
    return [r for r in rows if verdict(r).startswith(("OVER", "HTTP", "NO QUERY"))]


def machine() -> dict:
    memory = None
    try:
        with open("/proc/meminfo") as handle:
            memory = round(int(handle.readline().split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle
                        if line.startswith("model name")), cpu)  # fmt: skip
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory_gb": memory,
            "python": platform.python_version(), "system": platform.platform(),
            "load_average": [round(x, 2) for x in os.getloadavg()]}  # fmt: skip


def write(result: dict, directory: Path = BENCH_DIR) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str))
    return path


def compare(first: Path, second: Path) -> str:
    a, b = (json.loads(Path(p).read_text()) for p in (first, second))
    others = {row["page"]: row for row in b["pages"]}
    lines = [
        f"A: {first} ({a.get('dossiers')} dossiers, {a.get('database')})",
        f"B: {second} ({b.get('dossiers')} dossiers, {b.get('database')})",
        f"{'page':<36} {'p50 A':>8} {'p50 B':>8} {'p95 A':>8} {'p95 B':>8} {'q A':>4} {'q B':>4}",
    ]
    for row in a["pages"]:
        other = others.get(row["page"], {})
        lines.append(
            f"{row['page']:<36} {row['p50']:>8.1f} {other.get('p50', float('nan')):>8.1f} "
            f"{row['p95']:>8.1f} {other.get('p95', float('nan')):>8.1f} "
            f"{row['queries'] or '?':>4} {other.get('queries') or '?':>4}"
        )
    for key in sorted(set(a.get("extras", {})) | set(b.get("extras", {}))):
        lines.append(f"{key:<36} {a.get('extras', {}).get(key)!s:>17} "
                     f"{b.get('extras', {}).get(key)!s:>17}")  # fmt: skip
    return "\n".join(lines)
