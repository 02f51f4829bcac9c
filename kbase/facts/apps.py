from django.apps import AppConfig
from django.db import connections, transaction
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def install_database_functions(*, using: str, **kwargs) -> None:
    """The SQL functions kbase's reads call, from the running code's SQL: installed
    after every migrate, so a deploy's functions are its own."""
    from kbase.facts.representation_sql import FACT_PAGE_FUNCTION

    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        # Dropped first: CREATE OR REPLACE cannot change what a function returns.
        cursor.execute("DROP FUNCTION IF EXISTS kbase_fact_page_json(bigint, text)")
        cursor.execute(FACT_PAGE_FUNCTION)


class FactsConfig(AppConfig):
    name = "kbase.facts"
    label = "facts"
    verbose_name = _("Facts")

    def ready(self) -> None:
        from kbase.sources.hooks import on_searchable_change

        from .indexing import fact_search_refresh_citing

        post_migrate.connect(install_database_functions, sender=self,
                             dispatch_uid="kbase.facts.install_database_functions")
        # The facts citing a source hold its titles in their search documents.
        on_searchable_change(fact_search_refresh_citing)
