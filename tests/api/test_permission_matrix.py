"""Every API operation, as the OpenAPI schema lists it, called by every kind of
client: anonymous clients and readers may read and never write, editors and admins
may write; nothing answers 500, and every error is application/problem+json.
A new endpoint is in the schema, so it is covered here without a change."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from drf_spectacular.generators import SchemaGenerator

from kbase.facts.models import Citation, Fact
from kbase.facts.seed import seed_load
from kbase.sources.models import Source
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

SAFE = {"get", "head", "options"}
EXPECTED_WRITE_STATUS = {"anonymous": 401, "reader": 403}


def api_operations() -> list[tuple[str, str, dict]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [(method, path, operation) for path, methods in schema["paths"].items()
            for method, operation in methods.items() if path.startswith("/api/")]


def real_path(path: str, fact: Fact, citation: Citation, source: Source) -> str:
    """The path with real ids of published, visible objects in place of its parameters."""
    collection = path.split("/")[3]
    values = {
        "fact_id": str(fact.public_id),
        "id": (str(citation.pk) if "/citations/{id}" in path
               else str(source.pk) if collection == "sources" else str(fact.public_id)),
        "slug": {"topics": fact.topics.first().slug, "entities": fact.entities.first().slug,
                 "publishers": source.publisher.slug,
                 "discrepancies": fact.discrepancies.first().slug}.get(collection, ""),
    }
    return re.sub(r"\{(\w+)\}", lambda match: values[match.group(1)], path)


def required_query(operation: dict) -> dict[str, str]:
    values = {"q": "AI", "url": Source.objects.exclude(url="").get().url}
    return {parameter["name"]: values[parameter["name"]]
            for parameter in operation.get("parameters", [])
            if parameter["in"] == "query" and parameter.get("required")}


@pytest.fixture
def seeded():
    seed_load()
    fact = (Fact.objects.published().filter(topics__isnull=False, entities__isnull=False,
                                             discrepancies__isnull=False)
            .order_by("pk").first())
    citation = fact.citations.select_related("source__publisher").first()
    SourceFactory()  # the seed's sources are broadcasts without a URL to look up
    return fact, citation, citation.source


def call_and_roll_back(client, method: str, path: str, query: dict):
    """One request, its writes undone, so every operation sees the same data."""
    with transaction.atomic():
        if method in SAFE:
            response = getattr(client, method)(path, query)
        else:
            response = getattr(client, method)(path, {}, format="json")
        transaction.set_rollback(True)
    return response


def wrong_answers(client, role: str, seeded) -> list[str]:
    fact, citation, source = seeded
    wrong = []
    for method, template, operation in api_operations():
        path = real_path(template, fact, citation, source)
        response = call_and_roll_back(client, method, path, required_query(operation))
        status = response.status_code
        if method in SAFE:
            ok = status == 200
        elif role in EXPECTED_WRITE_STATUS:
            ok = status == EXPECTED_WRITE_STATUS[role]
        else:
            ok = status not in {401, 403} and status < 500
        if status >= 400 and response["Content-Type"] != "application/problem+json":
            ok = False
        if not ok:
            wrong.append(f"{role} {method.upper()} {template}: {status}")
    return wrong


def test_the_schema_lists_every_kind_of_operation():
    methods = {method for method, _path, _operation in api_operations()}
    assert methods == {"get", "post", "put", "patch", "delete"}
    assert len(api_operations()) >= 37


def test_anonymous_clients_read_everything_public_and_write_nothing(api, seeded):
    assert wrong_answers(api, "anonymous", seeded) == []


def test_readers_read_everything_and_write_nothing(reader, seeded):
    assert wrong_answers(reader, "reader", seeded) == []


def test_editors_may_call_every_write(editor, seeded):
    assert wrong_answers(editor, "editor", seeded) == []


def test_admins_may_call_every_write(admin_api, seeded):
    assert wrong_answers(admin_api, "admin", seeded) == []
