from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from kbase.core.backups import backup_create


class Command(BaseCommand):
    help = "Write a consistent pg_dump archive of the database (custom format)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", type=Path, default=None,
                            help="Where to write it (default: backups/kbase-<time>.dump).")

    def handle(self, *args, file: Path | None, **options) -> None:
        path = file or Path("backups") / f"kbase-{timezone.now():%Y%m%d-%H%M%S}.dump"
        self.stdout.write(str(backup_create(path=path)))
