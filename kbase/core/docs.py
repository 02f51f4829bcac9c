"""OpenAPI pieces every endpoint shares: language parameters and problem responses."""

from __future__ import annotations

from typing import Any

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import permissions, serializers

from kbase.core.errors import ProblemCode, problem_code
from kbase.core.serializers import UUID_PATTERN

# Permission classes under which an anonymous client may read (GET, HEAD, OPTIONS).
ANONYMOUS_READ_PERMISSIONS = (
    permissions.AllowAny,
    permissions.IsAuthenticatedOrReadOnly,
    permissions.DjangoModelPermissionsOrAnonReadOnly,
)

NO_NUL_PATTERN = r"^[^\u0000]*$"


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The API key is sent either way, each a security scheme of its own (alternatives):
    `Authorization: Token <key>` and `Authorization: Bearer <key>`."""

    target_class = "kbase.core.authentication.ApiTokenAuthentication"
    name = ["tokenAuth", "bearerAuth"]

    def get_security_requirement(self, auto_schema) -> list[dict[str, list[str]]]:
        return [{"tokenAuth": []}, {"bearerAuth": []}]

    def get_security_definition(self, auto_schema) -> list[dict[str, str]]:
        description = ("An API token from `python manage.py create_api_token <user>` or "
                       "the admin; revoked or expired tokens are refused with 401.")
        return [
            {"type": "apiKey", "in": "header", "name": "Authorization",
             "description": f"`Token <key>`. {description}"},
            {"type": "http", "scheme": "bearer", "description": description},
        ]



class KbaseSessionScheme(SessionScheme):
    """kbase's session authentication is DRF's (drf-spectacular matches the class itself)."""

    target_class = "kbase.core.authentication.SessionAuthentication"


class KbaseAutoSchema(AutoSchema):
    """drf-spectacular's schema, with the security of each operation as it is enforced:
    when every permission of the view lets anonymous clients read, a read operation
    lists the empty requirement `{}` (authentication optional) beside tokens and session.
    drf-spectacular only knows this of AllowAny and IsAuthenticatedOrReadOnly."""

    def get_auth(self) -> list[dict[str, list[str]]]:
        auths = super().get_auth()
        if {} not in auths and self._anonymous_may_call():
            auths.append({})
        return auths

    def _get_filter_parameters(self) -> list[dict[str, Any]]:
        # django-filter reads an empty value of a single-valued filter as no filter at
        # all, one whose value comes from a list (an enum) included, and an empty
        # ordering is the default order: the schema says so with allowEmptyValue. (A
        # view's own query parameters name theirs in `blank_means_absent`.) So does an
        # empty comma-separated list (`id=`): clients may read `id=` as the string "",
        # not as an empty array. A repeated filter (explode) refuses an empty value.
        # Text filters are Django form fields, which refuse NUL characters.
        parameters = super()._get_filter_parameters()
        for parameter in parameters:
            schema = parameter.get("schema", {})
            if schema.get("type") != "array" or parameter.get("explode") is False:
                parameter["allowEmptyValue"] = True
            for text in (schema, schema.get("items", {})):
                if text.get("type") == "string" and not {"enum", "format", "pattern"} & set(text):
                    text["pattern"] = NO_NUL_PATTERN
                # JSON Schema's formats are annotations that validators need not
                # check: the pattern makes "17" plainly not a fact's id.
                if text.get("format") == "uuid" and "pattern" not in text:
                    text["pattern"] = f"^{UUID_PATTERN}$"
        return parameters

    # Generated clients group operations by tag and name functions by operation id:
    # one tag per resource (`facts`, `sources`, `search`), and ids by resource and
    # verb (`facts_list`, `facts_retrieve`, `facts_publish`, `sources_lookup`,
    # `facts_citations_list`).
    _STANDARD_ACTIONS = frozenset({"list", "retrieve", "create", "update", "partial_update",
                                   "destroy"})

    def _resource_tokens(self) -> list[str]:
        tokens = [token for token in self.path.strip("/").split("/")
                  if token and not token.startswith("{")]
        return tokens[2:] if tokens[:2] == ["api", "v1"] else tokens

    def get_tags(self) -> list[str]:
        return self._resource_tokens()[:1] or super().get_tags()

    def get_operation_id(self) -> str:
        tokens = [token.replace("-", "_") for token in self._resource_tokens()]
        action = getattr(self.view, "action", None)
        if action in self._STANDARD_ACTIONS:
            tokens.append(action)
        elif action is None and self.method == "GET":
            tokens.append("list")  # search and the change feed: lists of their own kind
        elif action is not None and self._paginated_list():
            tokens.append("list")  # a paginated custom action: sources/{id}/facts/
        return "_".join(tokens)

    def _paginated_list(self) -> bool:
        responses = self.get_response_serializers()
        main = responses.get(200) if isinstance(responses, dict) else responses
        return (main is not None and self._is_list_view(main)
                and getattr(self.view, "paginator", None) is not None)

    def get_operation(self, *args, **kwargs) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        blank_means_absent = getattr(self.view, "blank_means_absent", ())
        for parameter in (operation or {}).get("parameters", []):
            if parameter["in"] == "query" and parameter["name"] in blank_means_absent:
                parameter["allowEmptyValue"] = True
        return operation

    def _anonymous_may_call(self) -> bool:
        if self.method not in permissions.SAFE_METHODS:
            return False
        return all(isinstance(permission, ANONYMOUS_READ_PERMISSIONS)
                   for permission in self.view.get_permissions())

LANGUAGE_PARAMETERS = [
    OpenApiParameter(
        "lang", OpenApiTypes.STR, enum=["ko", "en"],
        description="The language to serve `text` and names in. Overrides Accept-Language. "
                    "When the fact has no text in it, the other language is served and "
                    "`fallback` is true."),
    OpenApiParameter(
        "Accept-Language", OpenApiTypes.STR, location=OpenApiParameter.HEADER,
        description="Used when `lang` is absent, e.g. `ko-KR,ko;q=0.9,en;q=0.8`."),
]

ProblemSerializer = inline_serializer(
    name="Problem",
    fields={
        "type": serializers.URLField(),
        "title": serializers.CharField(),
        "status": serializers.IntegerField(),
        "detail": serializers.CharField(),
        "code": serializers.ChoiceField(
            choices=[(code.value, code.name) for code in ProblemCode],
            help_text="What went wrong, for programs to branch on; stable within v1 (new "
                      "codes may be added). `detail` says it for people, in the request's "
                      "language."),
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()), required=False,
            help_text="Per field (or query parameter), the messages saying what is wrong."),
        "codes": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()), required=False,
            help_text="Per field, the code of each message in `errors`, in the same order: "
                      "`required`, `invalid`, `null`, `blank`, `max_length`, "
                      "`invalid_choice`, ... (DRF's and Django's validator codes)."),
    },
)


def _problem(description: str, status: int, title: str, detail: str,
             errors: dict | None = None, code: str | None = None) -> OpenApiResponse:
    slug = title.lower().replace(" ", "-")
    value: dict[str, Any] = {"type": f"https://kbase.example/problems/{slug}",
                             "title": title, "status": status, "detail": detail,
                             "code": code or problem_code(status)}
    if errors:
        value["errors"] = errors
        value["codes"] = {field: ["invalid"] * len(messages)
                          for field, messages in errors.items()}
    return OpenApiResponse(ProblemSerializer, description=description, examples=[
        OpenApiExample(title, value=value, media_type="application/problem+json")])


PROBLEM_MEDIA_TYPE = "application/problem+json"

PROBLEMS_BY_STATUS = {
    400: _problem("A parameter or field is invalid; `errors` names it.", 400, "Bad Request",
                  "Invalid value for 'as_of_after': Enter a valid date.",
                  {"as_of_after": ["Enter a valid date."]}, code="invalid"),
    404: _problem("Nothing here, or not visible to you (drafts are hidden from anonymous "
                  "clients).", 404, "Not Found", "No Fact matches the given query."),
    429: _problem("Too many requests; see Retry-After.", 429, "Too Many Requests",
                  "Request was throttled. Expected available in 12 seconds."),
}

WRITE_PROBLEMS_BY_STATUS = {
    401: _problem("No or invalid credentials.", 401, "Unauthorized",
                  "Authentication credentials were not provided."),
    403: _problem("Authenticated, but without the needed permission.", 403, "Forbidden",
                  "You do not have permission to perform this action."),
    409: _problem("The workflow does not allow this from the current status.", 409,
                  "Conflict", "A published fact cannot become published.",
                  code="invalid_transition"),
    412: _problem("If-Match named an old version: someone else saved first.", 412,
                  "Precondition Failed",
                  "This fact changed since you read it (you have version 2, the current "
                  "version is 3). Reload it and apply your change again.",
                  code="stale_version"),
    413: _problem("The body is larger than the limit.", 413, "Content Too Large",
                  "The request body is 3000000 bytes; the limit is 1048576 bytes."),
}
# Errors are documented as what they are on the wire: application/problem+json.
PROBLEM_RESPONSES = {(status, PROBLEM_MEDIA_TYPE): response
                     for status, response in PROBLEMS_BY_STATUS.items()}
WRITE_PROBLEMS = {**PROBLEM_RESPONSES,
                  **{(status, PROBLEM_MEDIA_TYPE): response
                     for status, response in WRITE_PROBLEMS_BY_STATUS.items()}}


def read_only_docs(*, noun: str, plural: str, description: str, list_example: Any,
                   serializer: type[serializers.Serializer]) -> dict[str, Any]:
    """extend_schema_view arguments for a read-only list + detail resource."""
    return {
        "list": extend_schema(
            summary=f"List {plural}", description=description,
            parameters=LANGUAGE_PARAMETERS,
            responses={200: serializer(many=True), **PROBLEM_RESPONSES},
            examples=[OpenApiExample(f"A {noun}", value=list_example, response_only=True)]),
        "retrieve": extend_schema(
            summary=f"Get one {noun}", description=description,
            parameters=LANGUAGE_PARAMETERS,
            responses={200: serializer, **PROBLEM_RESPONSES},
            examples=[OpenApiExample(f"A {noun}", value=list_example, response_only=True)]),
    }
