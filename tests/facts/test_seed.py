"""The seed knowledge base: faithful to its documents, and loaded idempotently."""

import pytest
from django.core.management import call_command

from kbase.facts.models import Citation, Discrepancy, DiscrepancyStatement, Fact
from kbase.sources.models import Publisher, Source
from tests.seeding import seed_loaded

pytestmark = pytest.mark.django_db

COUNTED = (Publisher, Source, Fact, Citation, Discrepancy, DiscrepancyStatement)


@pytest.fixture
def seeded():
    seed_loaded()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_loading_twice_creates_nothing_new(seeded, capsys):
    before = counts()
    versions = dict(Fact.objects.values_list("pk", "version"))
    call_command("load_seed")
    assert counts() == before
    assert dict(Fact.objects.values_list("pk", "version")) == versions
    assert "nothing new" in capsys.readouterr().out


def test_every_citation_quote_appears_verbatim_in_its_sources_archived_text(seeded):
    citations = list(Citation.objects.select_related("source"))
    assert citations
    missing = [(c.fact_id, c.source.slug, c.quote) for c in citations
               if c.quote not in c.source.archived_text]
    assert missing == []


def test_every_discrepancy_statement_is_verbatim_from_its_edition(seeded):
    statements = list(DiscrepancyStatement.objects.select_related("source"))
    assert statements
    assert [s.says for s in statements if s.says not in s.source.archived_text] == []


def test_every_seed_fact_is_published_in_both_languages_with_a_citation(seeded):
    facts = Fact.objects.prefetch_related("citations")
    assert facts.count() >= 25
    for fact in facts:
        assert fact.status == Fact.Status.PUBLISHED
        assert fact.text_ko and fact.text_en, fact.public_id
        assert fact.text_ko_origin and fact.text_en_origin
        assert fact.citations.all(), fact.public_id


def test_a_language_the_source_does_not_offer_is_marked_as_an_editorial_translation(seeded):
    kbs = Source.objects.get(slug="kbs-2025-07-10-ai-brain-drain")
    for fact in Fact.objects.filter(citations__source=kbs).exclude(
            citations__source__language="ko").distinct():
        assert fact.text_ko_origin == "translation"


def test_the_joongang_editions_are_linked_and_their_disagreements_recorded(seeded):
    english = Source.objects.get(slug="joongang-ai-ecosystem-en")
    korean = Source.objects.get(slug="joongang-ai-ecosystem-ko")
    assert english.work_id == korean.work_id
    assert {english.language, korean.language} == {"en", "ko"}
    aspects = set(Discrepancy.objects.values_list("aspect", flat=True))
    assert {"date", "place", "omission"} <= aspects
    assert Discrepancy.objects.count() >= 6


def test_no_seed_date_is_invented(seeded):
    for source in Source.objects.filter(slug__startswith="joongang"):
        assert source.published_on is None
        assert source.published_precision == "unknown"
        assert source.published_note
    kbs = Source.objects.get(slug="kbs-2025-07-10-ai-brain-drain")
    assert str(kbs.published_on) == "2025-07-10"
