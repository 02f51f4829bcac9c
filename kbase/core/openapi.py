"""The schema as client generators read it: one post-processing hook over what
drf-spectacular produced (the operations themselves are named in KbaseAutoSchema).

- Parameters every operation shares (`lang`, `Accept-Language`, `If-Match`,
  `If-None-Match`) are declared once under components/parameters and referenced,
  so a generator makes one type of each, not one per operation.
- The headers of kbase's contract are declared where they are sent: `ETag` on a
  representation that carries one, `Location` on a 201, `Link` on a paginated list,
  `Retry-After` on 429 and 503, `RateLimit`/`RateLimit-Policy` on every response of
  a throttled operation.
- `nullable` gets the `type` OpenAPI 3.0 requires beside it (see _type_nullables).
"""

from __future__ import annotations

from typing import Any

HEADER_PARAMETERS = {
    "If-Match": {
        "name": "If-Match", "in": "header", "required": False,
        "schema": {"type": "string"},
        "description": "The ETag of the version you read: the write is refused with 412 "
                       "(`code` stale_version) when someone else saved since.",
    },
    "If-None-Match": {
        "name": "If-None-Match", "in": "header", "required": False,
        "schema": {"type": "string"},
        "description": "The ETag you hold: answered 304 with no body while it is current.",
    },
}

RESPONSE_HEADERS = {
    "ETag": {"schema": {"type": "string"},
             "description": "A strong validator of this representation (its version and "
                            "language); send it back in If-Match or If-None-Match."},
    "Location": {"schema": {"type": "string"}, "description": "The new resource's URL."},
    "Link": {"schema": {"type": "string"},
             "description": 'The neighbouring pages (RFC 8288): `<url>; rel="next"`, '
                            '`<url>; rel="prev"`.'},
    "Retry-After": {"schema": {"type": "integer", "minimum": 1},
                    "description": "Seconds to wait before trying again."},
    "RateLimit-Policy": {"schema": {"type": "string"},
                         "description": 'The limits that count this request (IETF httpapi '
                                        'draft): `"anon";q=600;w=60`, q requests per w '
                                        'seconds; a download of the whole base counts '
                                        'against two: `"anon";q=600;w=60, '
                                        '"dumps";q=30;w=3600`.'},
    "RateLimit": {"schema": {"type": "string"},
                  "description": 'What is left of the limit closest to exhaustion: '
                                 '`"anon";r=598;t=42`, r requests in the next t seconds.'},
}

# Operations whose writes take If-Match (the fact's own writes and workflow steps).
_IF_MATCH_OPERATIONS = {"facts_update", "facts_partial_update", "facts_destroy",
                        "facts_review", "facts_publish", "facts_retract", "facts_supersede"}
# Operations that answer with an ETag and honour If-None-Match.
_ETAG_OPERATIONS = {"facts_retrieve", "sources_retrieve"}
_ETAG_WRITES = _IF_MATCH_OPERATIONS - {"facts_destroy"} | {"facts_create"}


def _header_refs(names: list[str]) -> dict[str, Any]:
    return {name: {"$ref": f"#/components/headers/{name}"} for name in names}


def _type_nullables(node: Any, schemas: dict[str, Any]) -> None:
    """`nullable` needs a `type` beside it. A nullable reference is written
    `anyOf: [$ref, {type, nullable, enum: [null]}]`, which validators, linters and
    generators all read as "this or null" (openapi-python-client reads a nullable
    `allOf` as never null); with nothing to type (any JSON value) it loses `nullable`."""
    if isinstance(node, dict):
        if node.get("nullable") and "type" not in node:
            refs = [part.get("$ref", "") for part in node.get("allOf", [])]
            types = {schemas.get(ref.rsplit("/", 1)[-1], {}).get("type") for ref in refs}
            if len(refs) == 1 and len(types) == 1 and None not in types:
                del node["nullable"]
                node["anyOf"] = [*node.pop("allOf"),
                                 {"type": types.pop(), "nullable": True, "enum": [None]}]
            elif not {"$ref", "allOf", "oneOf", "anyOf"} & set(node):
                del node["nullable"]
        for value in node.values():
            _type_nullables(value, schemas)
    elif isinstance(node, list):
        for value in node:
            _type_nullables(value, schemas)


def _share_parameter(parameter: dict[str, Any], shared: dict[str, Any]) -> dict[str, Any]:
    shared_names = {("lang", "query"): "lang", ("Accept-Language", "header"): "Accept-Language"}
    key = shared_names.get((str(parameter.get("name")), str(parameter.get("in"))))
    if key is None:
        return parameter
    if key == "lang" and "enum" in parameter.get("schema", {}):
        # One language type in generated clients, not one per operation.
        parameter = {**parameter, "schema": {"$ref": "#/components/schemas/LanguageEnum"}}
    shared.setdefault(key, parameter)
    return {"$ref": f"#/components/parameters/{key}"}


def postprocess(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    components = result.setdefault("components", {})
    shared = components.setdefault("parameters", {})
    components["headers"] = RESPONSE_HEADERS
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            operation_id = operation.get("operationId", "")
            parameters = [_share_parameter(p, shared) for p in operation.get("parameters", [])]
            if operation_id in _IF_MATCH_OPERATIONS:
                parameters.append({"$ref": "#/components/parameters/If-Match"})
            if operation_id in _ETAG_OPERATIONS:
                parameters.append({"$ref": "#/components/parameters/If-None-Match"})
            if parameters:
                operation["parameters"] = parameters
            for status, response in operation.get("responses", {}).items():
                names = ["RateLimit-Policy", "RateLimit"]
                if status == "200" and operation_id in _ETAG_OPERATIONS | _ETAG_WRITES:
                    names.append("ETag")
                if status == "201":
                    names += ["Location", "ETag"]
                if status == "200" and _is_paginated(response):
                    names.append("Link")
                if status in {"429", "503"}:
                    names.append("Retry-After")
                response.setdefault("headers", {}).update(_header_refs(names))
            if operation_id in _ETAG_OPERATIONS:
                operation["responses"].setdefault(
                    "304", {"description": "Not modified: the ETag you sent is current.",
                            "headers": _header_refs(["ETag"])})
    shared.update(HEADER_PARAMETERS)
    _type_nullables(result, components.get("schemas", {}))
    _blank_or_uri_as_any_of(components.get("schemas", {}))
    return result


_URI = {"type": "string", "format": "uri"}
_BLANK = {"type": "string", "maxLength": 0}


def _blank_or_uri_as_any_of(node: Any) -> None:
    """A URL that may be blank is a URI or an empty string. drf-spectacular writes
    `oneOf`, which a validator that does not check `format` (openapi-typescript's)
    reads as two matches for "": `anyOf` says the same to every validator."""
    if isinstance(node, dict):
        if node.get("oneOf") in ([_URI, _BLANK], [_BLANK, _URI]):
            node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _blank_or_uri_as_any_of(value)
    elif isinstance(node, list):
        for value in node:
            _blank_or_uri_as_any_of(value)


def _is_paginated(response: dict[str, Any]) -> bool:
    for media in response.get("content", {}).values():
        ref = media.get("schema", {}).get("$ref", "")
        if ref.rsplit("/", 1)[-1].startswith("Paginated"):
            return True
    return False
