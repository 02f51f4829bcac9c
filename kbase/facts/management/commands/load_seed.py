from pathlib import Path

from django.core.management.base import BaseCommand

from kbase.facts.seed import SEED_FILE, seed_load


class Command(BaseCommand):
    help = "Load the seed knowledge base from fixtures/seed.yaml (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", type=Path, default=SEED_FILE)

    def handle(self, *args, file: Path, **options) -> None:
        report = seed_load(file)
        self.stdout.write(str(report))
