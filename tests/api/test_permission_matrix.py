"""Every API operation, as the OpenAPI schema lists it, called by every kind of
client, each with the exact status it must get: everyone reads what is public;
writes answer 401 to anonymous clients and 403 to readers and to staff without
permissions; editors without publish rights write but get 403 for publishing,
retracting and superseding; editors and admins succeed. Every error is
application/problem+json. A new endpoint is in the schema, so it is covered here:
a write nobody gave an expectation for is reported."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

import pytest
from django.db import transaction
from drf_spectacular.generators import SchemaGenerator

from kbase.facts.models import Citation, Fact
from kbase.sources.models import Source
from tests.factories import CitationFactory, FactFactory, SourceFactory
from tests.seeding import seed_loaded

pytestmark = pytest.mark.django_db

SAFE = {"get", "head", "options"}
ROLES = ["anonymous", "reader", "staff_without_permissions", "editor_without_publish",
         "editor", "admin"]


class Seeded(NamedTuple):
    fact: Fact  # published, filed under a topic and an entity, with a discrepancy
    citation: Citation  # one of its two citations
    source: Source  # cited by nothing, with a URL to look up
    draft: Fact
    in_review: Fact  # with a citation, ready to publish
    replacement: Fact  # published


@dataclass(frozen=True)
class Write:
    success: int
    body: Callable[[Seeded], dict[str, Any]] = lambda seeded: {}
    fact: Callable[[Seeded], Fact] = lambda seeded: seeded.fact
    needs_publish: bool = False


FACT_BODY = {"text_ko": "E-7-S 비자로 체류 중인 전문가는 38명뿐이다.",
             "text_en": "Only 38 experts reside in Korea under the E-7-S visa.",
             "quantity": {"value": "38", "unit": "persons", "qualifier": "exact"}}
WRITES = {
    ("post", "/api/v1/facts/"): Write(201, lambda s: FACT_BODY),
    ("put", "/api/v1/facts/{id}/"): Write(200, lambda s: FACT_BODY),
    ("patch", "/api/v1/facts/{id}/"): Write(200, lambda s: {"text_en": "Changed."}),
    ("delete", "/api/v1/facts/{id}/"): Write(204),
    ("post", "/api/v1/facts/{id}/review/"): Write(200, fact=lambda s: s.draft),
    ("post", "/api/v1/facts/{id}/publish/"): Write(
        200, lambda s: {"reason": "Quote checked"}, lambda s: s.in_review, needs_publish=True),
    ("post", "/api/v1/facts/{id}/retract/"): Write(
        200, lambda s: {"reason": "The publisher corrected it"}, needs_publish=True),
    ("post", "/api/v1/facts/{id}/supersede/"): Write(
        200, lambda s: {"replacement": str(s.replacement.public_id), "reason": "Newer"},
        needs_publish=True),
    ("post", "/api/v1/facts/{fact_id}/citations/"): Write(
        201, lambda s: {"source": s.source.pk, "quote": "전문가는 38명뿐이다"}),
    ("patch", "/api/v1/facts/{fact_id}/citations/{id}/"): Write(
        200, lambda s: {"locator": "paragraph 9"}),
    ("delete", "/api/v1/facts/{fact_id}/citations/{id}/"): Write(204),
    ("post", "/api/v1/sources/"): Write(201, lambda s: {
        "slug": "new-source", "publisher": s.source.publisher.slug, "kind": "article",
        "language": "en", "title_en": "A new source"}),
    ("patch", "/api/v1/sources/{id}/"): Write(200, lambda s: {"title_en": "Renamed"}),
    ("delete", "/api/v1/sources/{id}/"): Write(204),
}

# POSTs that change nothing: a read whose input is too long for a URL (everyone, 200).
READING_POSTS = {
    ("post", "/api/v1/match/"): {"text": "E-7-S 비자로 들어온 전문가는 40명"},
}


def expected_write_status(role: str, write: Write) -> int:
    if role == "anonymous":
        return 401
    if role in {"reader", "staff_without_permissions"}:
        return 403
    if role == "editor_without_publish" and write.needs_publish:
        return 403
    return write.success


def api_operations() -> list[tuple[str, str, dict]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [(method, path, operation) for path, methods in schema["paths"].items()
            for method, operation in methods.items() if path.startswith("/api/")]


def real_path(path: str, fact: Fact, seeded: Seeded) -> str:
    """The path with real ids in place of its parameters."""
    collection = path.split("/")[3]
    values = {
        "fact_id": str(fact.public_id),
        "id": (str(seeded.citation.pk) if "/citations/{id}" in path
               else str(seeded.source.pk) if collection == "sources" else str(fact.public_id)),
        "slug": {"topics": fact.topics.first(), "entities": fact.entities.first(),
                 "publishers": seeded.source.publisher,
                 "discrepancies": fact.discrepancies.first()}.get(collection),
    }
    values["slug"] = getattr(values["slug"], "slug", "")
    return re.sub(r"\{(\w+)\}", lambda match: values[match.group(1)], path)


def required_query(operation: dict, seeded: Seeded) -> dict[str, str]:
    values = {"q": "AI", "url": seeded.source.url, "text": "AI 인재 유출"}
    return {parameter["name"]: values[parameter["name"]]
            for parameter in operation.get("parameters", [])
            if parameter.get("in") == "query" and parameter.get("required")}


@pytest.fixture
def seeded() -> Seeded:
    seed_loaded()
    fact = (Fact.objects.published().filter(topics__isnull=False, entities__isnull=False,
                                             discrepancies__isnull=False)
            .order_by("pk").first())
    citation = CitationFactory(fact=fact)  # so that one of two can be removed
    replacement = Fact.objects.published().exclude(pk=fact.pk).order_by("pk").first()
    return Seeded(fact=fact, citation=citation,
                  source=SourceFactory(),  # the seed's sources are broadcasts without a URL
                  draft=FactFactory(status=Fact.Status.DRAFT),
                  in_review=CitationFactory(fact=FactFactory(status=Fact.Status.REVIEW)).fact,
                  replacement=replacement)


def call_and_roll_back(client, method: str, path: str, query: dict, body: dict):
    """One request, its writes undone, so every operation sees the same data."""
    with transaction.atomic():
        if method in SAFE:
            response = getattr(client, method)(path, query)
        else:
            response = getattr(client, method)(path, body, format="json")
        transaction.set_rollback(True)
    return response


def wrong_answers(client, role: str, seeded: Seeded) -> list[str]:
    wrong = []
    for method, template, operation in api_operations():
        if method in SAFE:
            fact, body, expected = seeded.fact, {}, 200
        elif (method, template) in READING_POSTS:
            fact, body, expected = seeded.fact, READING_POSTS[(method, template)], 200
        elif (method, template) not in WRITES:
            wrong.append(f"{method.upper()} {template}: no expected status (add it to WRITES)")
            continue
        else:
            write = WRITES[(method, template)]
            fact, body = write.fact(seeded), write.body(seeded)
            expected = expected_write_status(role, write)
        response = call_and_roll_back(client, method, real_path(template, fact, seeded),
                                      required_query(operation, seeded), body)
        status = response.status_code
        if status != expected:
            wrong.append(f"{role} {method.upper()} {template}: {status}, not {expected}")
        elif status >= 400 and response["Content-Type"] != "application/problem+json":
            wrong.append(f"{role} {method.upper()} {template}: {response['Content-Type']}")
    return wrong


def test_the_schema_lists_every_kind_of_operation():
    methods = {method for method, _path, _operation in api_operations()}
    assert methods == {"get", "post", "put", "patch", "delete"}
    assert len(api_operations()) >= 37
    writes = {(method, path) for method, path, _operation in api_operations()
              if method not in SAFE}
    assert writes == set(WRITES) | set(READING_POSTS)


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_answers_each_role_exactly(clients, role, seeded):
    assert wrong_answers(clients[role], role, seeded) == []


@pytest.mark.parametrize(("role", "expected"), [
    ("anonymous", 404), ("staff_without_permissions", 404), ("reader", 200),
    ("editor_without_publish", 200), ("editor", 200), ("admin", 200)])
def test_a_draft_is_read_only_by_those_allowed_to_see_drafts(clients, role, expected):
    draft = FactFactory(status=Fact.Status.DRAFT)
    for path in ("", "citations/", "history/", "jsonld/"):
        response = clients[role].get(f"/api/v1/facts/{draft.public_id}/{path}")
        assert response.status_code == expected, (path, response.content)
