from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from kbase.core.backups import backup_create

DEFAULT_FOLDER = Path("backups")


class Command(BaseCommand):
    help = "Write a consistent pg_dump archive of the database (custom format)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", type=Path, default=None,
                            help="Where to write it (default: backups/kbase-<time>.dump).")

    def handle(self, *args, file: Path | None, **options) -> None:
        if file is None:
            # kbase's own folder: owner-only, also when an older kbase made it 0755.
            DEFAULT_FOLDER.mkdir(mode=0o700, exist_ok=True)
            DEFAULT_FOLDER.chmod(0o700)
        path = file or DEFAULT_FOLDER / f"kbase-{timezone.now():%Y%m%d-%H%M%S}.dump"
        self.stdout.write(str(backup_create(path=path)))
