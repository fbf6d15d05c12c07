"""`make backup` / `make restore`: back up, wipe (rows and files), restore — the same rows and the
same files come back. Runs on the suite's database: SQLite locally, PostgreSQL under CI (there
the test database test_<name>, which the restore replaces; never the real one).

The wipe is Django's flush: TRUNCATE on PostgreSQL, which the transition log's append-only
trigger does not cover (a DELETE would be refused). The restore does not delete rows either:
it drops and recreates the schema (PostgreSQL) or copies every page (SQLite).
"""

import hashlib
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from agencies.models import Agency, User
from initiatives.models import Attachment, AttachmentKind, Author, Initiative
from initiatives.services import attachment_add
from notifications.models import Notification
from tests.conftest import make_draft, require_service
from workflow.models import DeadlineRule, Rubric, TransitionLog

from .web_server import BASE_DIR

pytestmark = pytest.mark.django_db(transaction=True)
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture
def backup_dir(tmp_path, settings):
    if connection.vendor == "postgresql" and not (shutil.which("pg_dump") and shutil.which("psql")):
        require_service("pg_dump and psql", "apt-get install postgresql-client")
    settings.BACKUP_DIR = tmp_path / "backups"
    return settings.BACKUP_DIR


def upload(initiative, actor, name, content):
    return attachment_add(
        initiative=initiative,
        actor=actor,
        file=SimpleUploadedFile(name, content),
        kind=AttachmentKind.MINH_CHUNG,
    )


def rows():
    """What an official would check: how many of each, and what they say."""
    models = (User, Agency, Initiative, Author, TransitionLog, Attachment, Notification, Rubric)
    return {
        "counts": {m.__name__: m.objects.count() for m in (*models, DeadlineRule)},
        "dossiers": list(
            Initiative.objects.order_by("pk").values_list("pk", "code", "title", "status")
        ),
        "authors": list(
            Author.objects.order_by("pk").values_list(
                "initiative_id", "full_name", "contribution_percent"
            )
        ),
        "log": list(
            TransitionLog.objects.order_by("pk").values_list(
                "initiative_id",
                "transition",
                "source",
                "target",
                "actor__username",
                "comment",
                "created_at",
            )
        ),
        "users": list(
            User.objects.order_by("pk").values_list("username", "full_name", "email", "password")
        ),
        "attachments": list(
            Attachment.objects.order_by("pk").values_list("file", "original_name", "size")
        ),
    }


def files() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def run(command, *args, answer=None, monkeypatch=None):
    out = io.StringIO()
    if answer is not None:
        monkeypatch.setattr("builtins.input", lambda prompt: answer)
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_backup_wipe_restore_gives_back_the_same_rows_and_files(
    province, at_state, backup_dir, monkeypatch
):
    at_state("recognized")
    at_state("council_review", title="Tiếp nhận hồ sơ đất đai qua Zalo OA")
    draft = make_draft(province, title="Số hoá sổ hộ tịch, giai đoạn Đồng Hỷ")
    upload(draft, province.staff, "biên bản họp.pdf", PDF)
    upload(draft, province.staff, "ảnh minh chứng.png", PNG)
    before, before_files = rows(), files()
    assert before["counts"]["TransitionLog"] >= 6 and before["counts"]["Rubric"] == 1
    assert len(before_files) == 2 + 3  # and each dossier's cơ sở recognition decision

    output = run("backup")
    archive = Path(re.search(r"Backup written: (\S+)", output).group(1))
    assert archive.parent == backup_dir and archive.name.startswith("sangkien-")
    assert archive.stat().st_mode & 0o077 == 0  # readable by its owner only

    # --- Wipe: every row (TRUNCATE on PostgreSQL) and every uploaded file. ----------------
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert set(rows()["counts"].values()) == {0} and files() == {}

    # A missing file and a "no" change nothing.
    with pytest.raises(CommandError, match="Backup file not found: sangkien-1999"):
        run("restore", "sangkien-19990101-000000.tar")
    with pytest.raises(CommandError, match="cancelled"):
        run("restore", str(archive), answer="no", monkeypatch=monkeypatch)
    assert set(rows()["counts"].values()) == {0} and files() == {}

    # --- Restore (by its name in BACKUP_DIR, after a "yes"). -------------------------------
    output = run("restore", archive.name, answer="yes", monkeypatch=monkeypatch)
    assert "Restored" in output
    assert rows() == before
    assert files() == before_files
    for attachment in Attachment.objects.all():  # each row finds its file again
        assert attachment.file.read() in (PDF, PNG)
    if connection.vendor == "postgresql":  # the append-only trigger came back with the dump
        with (
            pytest.raises(IntegrityError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("UPDATE workflow_transitionlog SET comment = 'x'")

    # --- Work goes on, then the same backup is restored over it: the database is exactly
    # the backup again; files uploaded since stay on disk, unreferenced. --------------------
    # ids do not collide; only the one upload below is new on disk
    later = make_draft(province, title="Hồ sơ tạo sau bản sao lưu", agency_decision=False)
    upload(later, province.staff, "sau.pdf", PDF + b"%later")
    run("restore", str(archive), "--noinput")
    assert rows() == before
    after_files = files()
    assert {k: v for k, v in after_files.items() if k in before_files} == before_files
    assert len(after_files) == len(before_files) + 1


def test_make_restore_needs_a_file_and_refuses_a_missing_one(tmp_path):
    def make(*args):
        return subprocess.run(
            ["make", "--no-print-directory", *args],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "VAR_DIR": str(tmp_path)},
            timeout=120,
        )

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    usage = make("restore")
    assert usage.returncode != 0 and "usage: make restore FILE=" in usage.stderr
    missing = make("restore", "FILE=nowhere/sangkien-19990101-000000.tar", "CONFIRM=1")
    assert missing.returncode != 0
    assert "Backup file not found: nowhere/sangkien-19990101-000000.tar" in missing.stderr
