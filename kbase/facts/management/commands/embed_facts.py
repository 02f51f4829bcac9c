from django.core.management.base import BaseCommand
from django.db import connection
from tqdm import tqdm

from kbase.core.embeddings import embedder
from kbase.facts.embeddings import embeddings_build, embeddings_to_build


class Command(BaseCommand):
    help = ("Embed every fact text whose embedding is missing or stale (its text or the "
            "configured model changed since), for claim matching.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=64)

    def handle(self, *args, batch_size: int, **options) -> None:
        stale = embeddings_to_build(fact_ids=None)
        with tqdm(total=len(stale), desc=f"embedding ({embedder().name})", unit="text",
                  file=self.stderr) as bar:
            written = embeddings_build(stale, batch=batch_size, progress=bar.update)
        if written:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE facts_factembedding")
        self.stdout.write(f"{written} texts embedded")
