from django.core.management.base import BaseCommand
from django.db import connection
from tqdm import tqdm

from kbase.facts.indexing import fact_search_refresh
from kbase.facts.models import Fact
from kbase.sources.indexing import source_search_refresh
from kbase.sources.models import Source


class Command(BaseCommand):
    help = "Rebuild the full-text search documents of every fact and source."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, batch_size: int, **options) -> None:
        for label, model, refresh, keyword in (
            ("sources", Source, source_search_refresh, "source_ids"),
            ("facts", Fact, fact_search_refresh, "fact_ids"),
        ):
            ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
            with tqdm(total=len(ids), desc=label, unit=label[:-1], file=self.stderr) as bar:
                for start in range(0, len(ids), batch_size):
                    batch = ids[start:start + batch_size]
                    refresh(**{keyword: batch})
                    bar.update(len(batch))
        with connection.cursor() as cursor:
            # Merge the GIN indexes' pending lists and refresh the statistics now, rather
            # than when autovacuum gets to it: until then the planner shies away from
            # the indexes.
            for index in ("fact_search_ko_gin", "fact_search_en_gin", "source_search_ko_gin",
                          "source_search_en_gin"):
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            cursor.execute("ANALYZE facts_factsearchdocument; "
                           "ANALYZE sources_sourcesearchdocument")
        self.stdout.write("search index rebuilt")
