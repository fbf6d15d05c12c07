"""`make restore FILE=…`: put back the database and the uploaded files of a backup archive."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from common.backup import (
    BackupError,
    backup_check,
    backup_find,
    backup_read_manifest,
    backup_restore,
)


class Command(BaseCommand):
    help = (
        "Replace the database and write back the uploaded files of a backup made by "
        "`make backup`. Asks for confirmation unless --noinput is given. Stop the web "
        "process, the worker and beat first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive: a path, or a file name in BACKUP_DIR")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, file, interactive=True, **options):
        try:
            path = backup_find(file)
            manifest = backup_read_manifest(path)
            pending = backup_check(manifest)
            if interactive and not self._confirmed(path, manifest):
                raise CommandError("Restore cancelled: nothing was changed.")
            backup_restore(path, manifest)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {path}: the database as of {manifest.created_at}, "
            f"{manifest.media_files} uploaded file(s)."
        )
        if pending:
            self.stdout.write(
                f"This code has {len(pending)} migration(s) newer than the backup: "
                "run `python manage.py migrate` (`make restore` does)."
            )

    def _confirmed(self, path, manifest) -> bool:
        db = connection.settings_dict
        where = db["NAME"] if connection.vendor == "sqlite" else f"{db['NAME']} on {db['HOST']}"
        self.stdout.write(
            f"This replaces the whole {connection.vendor} database {where} with the backup "
            f"{path} of {manifest.created_at},\nand writes its {manifest.media_files} uploaded "
            f"file(s) back into {settings.MEDIA_ROOT}. Changes made since the backup are lost."
        )
        try:
            answer = input("Type 'yes' to continue: ")
        except EOFError:  # no terminal (cron, CI): never a yes
            answer = ""
        return answer.strip().lower() == "yes"
