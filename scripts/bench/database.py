"""The bench's throwaway database: `<name>_bench` on the server DATABASE_URL names (dropped and
created again at each build), or a SQLite file under var/bench/ when DATABASE_URL is unset."""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
# Where the SQLite bench database, its files and the JSON results go (BENCH_DIR to move them).
BENCH_DIR = Path(os.environ.get("BENCH_DIR") or ROOT / "var" / "bench")


def bench_url(base_url: str | None = None) -> str:
    """The bench database's URL, derived from DATABASE_URL (never that database itself)."""
    base_url = base_url if base_url is not None else os.environ.get("DATABASE_URL", "")
    if not base_url or base_url.startswith("sqlite"):
        return f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
    parts = urlsplit(base_url)
    name = parts.path.lstrip("/") or "sangkien"
    if name.endswith("_bench"):
        return base_url
    return urlunsplit(parts._replace(path=f"/{name}_bench"))


def recreate(url: str) -> None:
    """Drop the bench database and create it empty."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        path = Path(urlsplit(url).path)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    assert name.endswith("_bench"), f"refusing to drop {name!r}: not a bench database"
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_django(url: str, *, var_dir: Path | None = None) -> None:
    """Point this process at the bench database and set Django up (DEBUG off)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("VAR_DIR", str(var_dir or BENCH_DIR / "var"))
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")
    # A broker and a cache of its own (a folder under var/bench, the process's memory): a task
    # left queued, or a cached figure, must never reach a worker or a page on another database.
    os.environ["CELERY_BROKER_URL"] = "filesystem://"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    import logging

    import django

    django.setup()
    # Each e-mail task run in-process (eager) would log a line: the bench's output is its table.
    logging.getLogger("celery.app.trace").setLevel(logging.WARNING)


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
