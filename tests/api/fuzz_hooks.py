"""Schemathesis hooks for kbase's fuzz runs (loaded through SCHEMATHESIS_HOOKS).

positive_data_acceptance says a request that fits the schema must not be refused.
That holds for every kbase parameter except those whose valid values are data
rather than a shape: a cursor is valid only if kbase signed it, and a topic or
entity filter only if it names one that exists (an unknown one answers 400, so a
typo is not read as "no facts"). The schema gives their shape (a signed value, a
slug) and says so in words, but no generator can produce a value kbase holds, so
a generated one is refused. This check is positive_data_acceptance with that
exception: a 400 whose only complaints are such parameters the request carried.

And one more: in the stateful phase, values come from earlier responses through
links schemathesis infers by name, and a change's row id ("20", from /changes/)
reaches the facts `id` filter, which takes UUIDs and says so with a pattern. A
request whose query does not fit the operation's schema is not schema-valid data;
refusing it is right, so it is not judged here. Any other refusal still fails.

response_schema_conformance says a response holds what its schema requires. A fact
asked for with `fields=` or `brief=true` holds only the keys asked for, as the
parameters' descriptions say, so its schema's `required` cannot hold. This check is
response_schema_conformance for every other response, and for a partial one says
that each fact holds only keys its schema declares, each as the schema types it.

negative_data_rejection says a request that does not fit the schema must be refused.
A value generated to break a comma-separated list of slugs (style form, explode
false: `publisher=a,b`) can reach kbase as text that is a valid list (`true`), and
kbase rightly answers it. That check is negative_data_rejection with
that exception: every query parameter is such a list, and the text the request
carried for each is a comma-separated list its items' schema admits.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import schemathesis
from schemathesis.core.parameters import ParameterLocation, plain_str_values
from schemathesis.generation.meta import StatefulPhaseData
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
)

VALID_ONLY_IF_KBASE_HOLDS_IT = {"cursor", "topic", "entity"}


def _refuses_only_unknown_references(response, case) -> bool:
    if response.status_code != 400:
        return False
    try:
        errors = set(json.loads(response.content).get("errors", {}))
    except (ValueError, AttributeError):
        return False
    sent = set(case.query or {})
    return bool(errors) and errors <= VALID_ONLY_IF_KBASE_HOLDS_IT & sent


def _linked_query_misfits_schema(case) -> bool:
    meta = case.meta
    if meta is None or not isinstance(meta.phase.data, StatefulPhaseData) or not case.query:
        return False
    parameters = case.operation.get_parameter_set(ParameterLocation.QUERY)
    if not parameters:
        return False
    return not parameters.get_strict_validator().is_valid(plain_str_values(dict(case.query)))


@schemathesis.check
def positive_data_accepted_but_unknown_references(ctx, response, case):
    if _refuses_only_unknown_references(response, case) or _linked_query_misfits_schema(case):
        return None
    return positive_data_acceptance(ctx, response, case)


def _query_is_lists_valid_as_sent(response, case) -> bool:
    meta = case.meta
    if meta is None or not case.query:
        return False
    if any(meta.is_negative_at(location) for location in ParameterLocation
           if location != ParameterLocation.QUERY):
        return False
    parameters = case.operation.get_parameter_set(ParameterLocation.QUERY)
    sent = parse_qs(urlsplit(response.request.url).query, keep_blank_values=True)
    if not parameters or set(sent) != set(case.query):
        return False
    for name, values in sent.items():
        parameter = parameters.get(name)
        definition = parameter.definition if parameter is not None else {}
        schema = definition.get("schema", {})
        items = schema.get("items", {})
        pattern = items.get("pattern", "")
        if (definition.get("explode") is not False or schema.get("type") != "array"
                or set(items) != {"type", "pattern"} or items["type"] != "string"
                or not (pattern.startswith("^") and pattern.endswith("$"))
                or len(values) != 1):
            return False
        # Whole items, as JSON Schema reads `$` (Python's also matches before a "\n").
        whole = re.compile(pattern[1:-1])
        if not all(whole.fullmatch(item) for item in values[0].split(",")):
            return False
    return True


@schemathesis.check
def negative_data_rejected_unless_valid_lists_as_sent(ctx, response, case):
    if _query_is_lists_valid_as_sent(response, case):
        return None
    return negative_data_rejection(ctx, response, case)


def _asks_for_partial(case) -> bool:
    query = case.query or {}
    return bool(query.get("fields")) or str(query.get("brief", "")).lower() in {"true", "1"}


def _fact_items(body):
    if isinstance(body, dict) and isinstance(body.get("results"), list):
        return body["results"]
    if isinstance(body, dict) and isinstance(body.get("facts"), list):
        return body["facts"]
    return body if isinstance(body, list) else [body]


@schemathesis.check
def response_schema_conformance_or_partial(ctx, response, case):
    if not (_asks_for_partial(case) and response.status_code == 200):
        return response_schema_conformance(ctx, response, case)
    schemas = case.operation.schema.raw_schema["components"]["schemas"]
    declared = {name for schema in ("FactPage", "SearchResult")
                for name in schemas[schema]["properties"]}
    types = {"string": str, "boolean": bool, "integer": int, "number": (int, float),
             "array": list, "object": dict}
    page = schemas["FactPage"]["properties"] | schemas["SearchResult"]["properties"]
    for item in _fact_items(json.loads(response.content)):
        assert isinstance(item, dict), f"a partial fact is an object: {item!r}"
        undeclared = set(item) - declared
        assert not undeclared, f"keys no schema declares: {sorted(undeclared)}"
        for key, value in item.items():
            expected = page[key].get("type")
            if value is not None and expected in types:
                assert isinstance(value, types[expected]), (key, value)
    return None
