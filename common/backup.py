"""Backup and restore of the whole system: the database and the uploaded files (MEDIA_ROOT).

One backup is one file, `BACKUP_DIR/sangkien-<YYYYmmdd-HHMMSS>.tar` (BACKUP_DIR defaults to
var/backups), holding:

    manifest.json               when, which database engine, the applied migrations, checksums
    database.<ext>.gz           the database dump made by django-dbbackup's `dbbackup`
    database.<ext>.gz.metadata  dbbackup's note of the engine and connector
    media.tar                   the uploaded files, made by dbbackup's `mediabackup`

A restore checks the checksums and that the backup fits this installation (same engine, no
migration this code does not know), then runs dbbackup's `dbrestore` and `mediarestore`.
The database becomes exactly the backup: on PostgreSQL the public schema is dropped and
created again in the restore's single transaction (PostgresSchemaConnector), on SQLite every
page is copied into the open database (SqliteOnlineConnector). Dropping tables is not
deleting rows, so the transition log's append-only trigger does not stand in the way (it is
part of the dump and comes back with it). Uploaded files of the backup are written back over
the current ones; files uploaded after the backup are left where they are (nothing that a
restore of the wrong backup could destroy): the restored database does not refer to them.
"""

import hashlib
import json
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from dbbackup.db.postgresql import PgDumpConnector, parse_postgres_settings
from dbbackup.db.sqlite import SqliteBackupConnector
from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media.tar"


class BackupError(Exception):
    """A backup file that cannot be restored here; the message says why."""


# --- Database connectors (DBBACKUP_CONNECTOR_MAPPING in config/settings.py) ------------------


class PostgresSchemaConnector(PgDumpConnector):
    """pg_dump as plain SQL without owners or grants (restorable under another role, on
    another machine); restored by psql in one transaction that first drops and recreates the
    public schema — so tables created since by newer migrations go too —, or not at all."""

    drop = False
    if_exists = False
    dump_suffix = "--no-owner --no-privileges"
    PROLOGUE = (
        b"DROP SCHEMA IF EXISTS public CASCADE;\n"
        b"CREATE SCHEMA public;\n"
        b"GRANT USAGE ON SCHEMA public TO PUBLIC;\n"
    )

    def _restore_dump(self, dump):
        cmd_part, env = parse_postgres_settings(self)
        command = (
            f"{self.restore_cmd} {cmd_part} --no-psqlrc --quiet"
            " --set ON_ERROR_STOP=on --single-transaction"
        )
        with tempfile.TemporaryFile() as script:
            script.write(self.PROLOGUE)
            dump.seek(0)
            shutil.copyfileobj(dump, script)
            script.seek(0)
            return self.run_command(command, stdin=script, env={**self.restore_env, **env})


class SqliteOnlineConnector(SqliteBackupConnector):
    """Dumps with SQLite's online backup API (as dbbackup does) and restores with the same API
    into the open database, instead of writing over its file: that would corrupt it under a
    running process, and cannot reach an in-memory database."""

    def restore_dump(self, dump):
        self.connection.ensure_connection()
        with tempfile.NamedTemporaryFile(suffix=".sqlite3") as copy:
            dump.seek(0)
            shutil.copyfileobj(dump, copy)
            copy.flush()
            source = sqlite3.connect(copy.name)
            try:
                source.backup(self.connection.connection)
            finally:
                source.close()
        self.connection.close()


# --- Archives ----------------------------------------------------------------------------------


@dataclass
class Manifest:
    created_at: str
    engine: str
    database: str
    media_files: int
    migrations: list[list[str]]
    sha256: dict[str, str]
    format: int = FORMAT

    @classmethod
    def read(cls, text: str) -> "Manifest":
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise BackupError(f"Unknown backup format {data.get('format')!r}.")
        return cls(**data)


def backup_dir() -> Path:
    return Path(settings.BACKUP_DIR)


def backup_create(*, output: Path | None = None) -> tuple[Path, Manifest]:
    """Write a backup archive; return its path and manifest."""
    now = timezone.localtime()
    output = Path(output) if output else backup_dir() / f"sangkien-{now:%Y%m%d-%H%M%S}.tar"
    if output.exists():
        raise BackupError(f"{output} already exists.")
    output.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as work:
        work = Path(work)
        database = f"database.{_connection().vendor}.gz"
        call_command("dbbackup", "--noinput", "--quiet", "--compress", "-O", str(work / database))
        call_command("mediabackup", "--noinput", "--quiet", "-O", str(work / MEDIA))
        manifest = Manifest(
            created_at=now.isoformat(timespec="seconds"),
            engine=_connection().vendor,
            database=database,
            media_files=_count_files(work / MEDIA),
            migrations=sorted(_applied_migrations()),
            sha256={name: _sha256(work / name) for name in (database, MEDIA)},
        )
        (work / MANIFEST).write_text(json.dumps(manifest.__dict__, indent=2))
        partial = work / "archive.partial"
        with tarfile.open(partial, "w") as archive:
            for name in (MANIFEST, database, f"{database}.metadata", MEDIA):
                archive.add(work / name, arcname=name)
        partial.chmod(0o600)  # password hashes, confidential parts of dossiers
        partial.rename(output)  # complete or absent, never half-written
    return output, manifest


def backup_find(name: str) -> Path:
    """The archive a user names: a path, or a file name under BACKUP_DIR."""
    for candidate in (Path(name), backup_dir() / name):
        if candidate.is_file():
            return candidate
    raise BackupError(f"Backup file not found: {name} (looked in . and {backup_dir()}).")


def backup_read_manifest(path: Path) -> Manifest:
    try:
        with tarfile.open(path) as archive:
            return Manifest.read(archive.extractfile(MANIFEST).read().decode())
    except (tarfile.TarError, KeyError, ValueError, TypeError) as exc:
        raise BackupError(f"{path} is not a backup made by `make backup`: {exc}") from exc


def backup_check(manifest: Manifest) -> list[str]:
    """Refuse what cannot be restored here; return the migrations to run after the restore."""
    if manifest.engine != _connection().vendor:
        raise BackupError(
            f"The backup is of a {manifest.engine} database; this installation uses "
            f"{_connection().vendor}."
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{a}.{n}" for a, n in manifest.migrations if (a, n) not in known]
    if unknown:
        raise BackupError(
            "The backup was made by a newer version of the system (unknown migrations: "
            f"{', '.join(unknown[:5])}). Install that version first."
        )
    done = {tuple(m) for m in manifest.migrations}
    return sorted(f"{a}.{n}" for a, n in known - done)


def backup_restore(path: Path, manifest: Manifest) -> None:
    """Replace the database and write back the uploaded files of the archive at path."""
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sangkien-restore-") as work:
        work = Path(work)
        names = [manifest.database, f"{manifest.database}.metadata", MEDIA]
        with tarfile.open(path) as archive:
            for name in names:  # only the known members, never a path from the archive
                with archive.extractfile(name) as member, open(work / name, "wb") as out:
                    shutil.copyfileobj(member, out)
        for name, digest in manifest.sha256.items():
            if _sha256(work / name) != digest:
                raise BackupError(f"{path}: {name} is damaged (checksum mismatch).")
        database = str(work / manifest.database)
        call_command("dbrestore", "--noinput", "--quiet", "--uncompress", "-I", database)
        call_command("mediarestore", "--noinput", "--quiet", "--replace", "-I", str(work / MEDIA))
    connections.close_all()


def _connection():
    return connections[DEFAULT_DB_ALIAS]


def _applied_migrations() -> set[tuple[str, str]]:
    from django.db.migrations.recorder import MigrationRecorder

    return {tuple(m) for m in MigrationRecorder(_connection()).applied_migrations()}


def _count_files(tar_path: Path) -> int:
    with tarfile.open(tar_path) as archive:
        return sum(1 for member in archive if member.isfile())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
