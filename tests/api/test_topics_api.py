"""Topics and entities: served in the reader's language with the other as a
fallback, each as PostgreSQL builds it, as the facts that carry them name them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kbase.facts.models import Entity
from tests.factories import EntityFactory, FactFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def named():
    # The seed's topics and entities are there too: these are told apart by slug.
    topic = TopicFactory(slug="zz-visas", name_ko="", name_en="Visas",
                         aliases_ko=["체류 자격"], aliases_en=["residence status"])
    entity = EntityFactory(slug="zz-justice", name_ko="법무부", name_en="",
                           kind=Entity.Kind.ORGANISATION, aliases_en=["MOJ"])
    fact = FactFactory()
    fact.topics.add(topic)
    fact.entities.add(entity)
    return fact


def test_a_topic_is_served_in_korean_with_the_english_name_as_fallback(api, named):
    topics = api.get("/api/v1/topics/", {"lang": "ko", "page_size": 200}).json()["results"]
    assert topics[-1] == {"slug": "zz-visas", "name": "Visas", "name_ko": "",
                          "name_en": "Visas", "aliases_ko": ["체류 자격"],
                          "aliases_en": ["residence status"]}
    assert api.get("/api/v1/topics/zz-visas/", {"lang": "ko"}).json() == topics[-1]


def test_an_entity_is_served_in_english_with_the_korean_name_as_fallback(api, named):
    entity = api.get("/api/v1/entities/zz-justice/").json()
    assert entity == {"slug": "zz-justice", "name": "법무부", "name_ko": "법무부",
                      "name_en": "", "kind": "organisation", "aliases_ko": [],
                      "aliases_en": ["MOJ"]}


@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_fact_names_its_topics_and_entities_as_their_endpoints_do(api, named, language):
    fact = api.get(f"/api/v1/facts/{named.public_id}/", {"lang": language}).json()
    topic = api.get("/api/v1/topics/zz-visas/", {"lang": language}).json()
    entity = api.get("/api/v1/entities/zz-justice/", {"lang": language}).json()
    aliases = ("aliases_ko", "aliases_en")
    assert fact["topics"] == [{k: v for k, v in topic.items() if k not in aliases}]
    assert fact["entities"] == [{k: v for k, v in entity.items() if k not in aliases}]


def test_a_page_of_topics_costs_the_same_queries_for_one_or_many(api):
    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get(path, {"page_size": 200}).status_code == 200
        return len(captured)

    TopicFactory()
    EntityFactory()
    few = queries("/api/v1/topics/"), queries("/api/v1/entities/")
    TopicFactory.create_batch(5)
    EntityFactory.create_batch(5)
    assert (queries("/api/v1/topics/"), queries("/api/v1/entities/")) == few
