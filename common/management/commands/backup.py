"""`make backup`: the database and the uploaded files in one archive (common/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from common.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Save the database and the uploaded files (MEDIA_ROOT) into one archive, "
        "BACKUP_DIR/sangkien-<YYYYmmdd-HHMMSS>.tar (BACKUP_DIR defaults to var/backups)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="write the archive here instead")

    def handle(self, *args, output=None, **options):
        try:
            path, manifest = backup_create(output=output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backup written: {path}\n"
            f"  {manifest.engine} database, {manifest.media_files} uploaded file(s).\n"
            f"  Restore with: make restore FILE={path}"
        )
