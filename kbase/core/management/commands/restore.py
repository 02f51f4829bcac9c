from pathlib import Path

from django.core.management.base import BaseCommand

from kbase.core.backups import backup_restore


class Command(BaseCommand):
    help = "Replace the database's contents with a backup written by `backup` (all or nothing)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        backup_restore(path=file)
        self.stdout.write(f"restored {file}")
