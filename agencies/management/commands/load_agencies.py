from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from agencies.services import LoadResult, agencies_load_csv, agencies_load_province


class Command(BaseCommand):
    help = (
        "Load agencies from CSV files (code,name,short_name,kind,parent_code,source), matched by "
        "code; running it again changes nothing. Without files, loads the Thái Nguyên province: "
        "the 2025 agencies, then the 2019 districts as inactive."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="CSV files to load, in order.")
        parser.add_argument(
            "--inactive", action="store_true", help="Mark the agencies of these files inactive."
        )

    def handle(self, *args, files, inactive, **options):
        try:
            result = self._load(files, active=not inactive)
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"Agencies: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )

    @transaction.atomic
    def _load(self, files, *, active) -> LoadResult:
        if not files:
            return agencies_load_province()
        result = LoadResult()
        for path in files:
            result += agencies_load_csv(path, active=active)
        return result
