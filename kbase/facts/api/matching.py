"""The claim-matching API: `match/` (any text) and `facts/{id}/similar/` (FactViewSet
calls similar_response). The matching itself is kbase.facts.matching."""

from __future__ import annotations

import re
from typing import Any, cast

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from kbase.core.api import KbaseViewSetMixin
from kbase.core.docs import LANGUAGE_PARAMETERS, PROBLEM_RESPONSES
from kbase.core.text import to_nfc
from kbase.core.throttles import MatchRateThrottle

from .. import matching
from ..models import FACT_TEXT_MAX, Fact
from .docs import E7S_FACT, QUERY_PATTERN
from .serializers import FactSerializer

# Each match also counts against the `match` rate.
MATCH_THROTTLES: list[type[BaseThrottle]] = [
    *cast("list[type[BaseThrottle]]", api_settings.DEFAULT_THROTTLE_CLASSES),
    MatchRateThrottle]
# A claim in a URL: a sentence or a short paragraph. Longer texts are POSTed.
MAX_QUERY_TEXT = 1000


class MatchLimitSerializer(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=matching.MAX_RESULTS, default=5)


# Read as spaces: the text goes to the model and is never stored, and a claim pasted
# from a document may hold anything (the Unicode BOM too, as search drops it).
_UNREADABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")


class ClaimTextField(serializers.CharField):
    """A claim: a string (not a number DRF would turn into one) of at most
    `max_length` characters as sent, not only whitespace; control characters are
    read as spaces."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        if self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        if not re.search(QUERY_PATTERN, data):  # as the schema says, as search reads it
            self.fail("blank")
        return to_nfc(_UNREADABLE.sub(" ", data)).strip()


@extend_schema_field({"type": "string", "minLength": 1, "maxLength": FACT_TEXT_MAX,
                     "pattern": QUERY_PATTERN})
class LongClaimTextField(ClaimTextField):
    """A claim in a request body (the schema says what the field accepts)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=FACT_TEXT_MAX, **kwargs)


class MatchTextSerializer(MatchLimitSerializer):
    """A claim POSTed. Other keys are ignored, as unknown query parameters are: the
    request reads, it writes nothing a typo could lose."""

    text = LongClaimTextField()


class MatchQuerySerializer(MatchLimitSerializer):
    text = ClaimTextField(max_length=MAX_QUERY_TEXT)


class MatchSerializer(serializers.Serializer):
    """One candidate fact (for the schema: kbase.facts.matching.match_results)."""

    score = serializers.FloatField()
    similarity = serializers.FloatField()
    verdict = serializers.ChoiceField(choices=matching.Verdict.choices)
    numbers_differ = serializers.BooleanField()
    matched_language = serializers.ChoiceField(choices=["ko", "en"])
    fact = FactSerializer()


class MatchPageSerializer(serializers.Serializer):
    results = MatchSerializer(many=True)


# --- OpenAPI (as kbase.facts.api.docs documents the other endpoints) ----------------

def _ranking(claim: str) -> str:
    """What every matching operation answers, said once; `claim` names what is matched."""
    return (
        f"Each candidate has `similarity`, the cosine similarity of {claim} and the "
        "candidate's closer text (multilingual sentence embeddings: Korean finds English "
        "and the reverse), and `score`, that similarity moved by numbers and codes (E-7-S, "
        f"COVID-19): raised when the candidate holds every number and code of {claim}, "
        f"lowered when it does not. `numbers_differ` is true when {claim} has a number the "
        "candidate does not hold: the same statement with another number. `verdict` is "
        f"`likely_same` (score {matching.LIKELY_SAME} or more) or `related` "
        f"({matching.RELATED} or more); candidates scoring less are left out, so the list "
        "may be empty. Bands and weights come from kbase's evaluation (docs/matching.md). "
        "Best first; each fact in its whole representation, in the negotiated language. "
        "Anonymous clients match published facts, editors every status (as lists show "
        "them). Matching has its own rate limit (the `match` policy) besides the API's.")


_E7S_MATCH = {"results": [{
    "score": 0.9124, "similarity": 0.8974, "verdict": "likely_same", "numbers_differ": True,
    "matched_language": "ko", "fact": E7S_FACT}]}
_LIMIT = OpenApiParameter("limit", {"type": "integer", "minimum": 1,
                                    "maximum": matching.MAX_RESULTS, "default": 5},
                          description=f"Candidates at most, 1 to {matching.MAX_RESULTS}.")

MATCH_GET = extend_schema(
    operation_id="match_text", summary="Match a claim",
    description="Has the knowledge base recorded this claim? Any text in Korean or English "
                f"(up to {MAX_QUERY_TEXT} characters; POST longer ones). "
                + _ranking("the claim"),
    parameters=[
        OpenApiParameter("text", {"type": "string", "minLength": 1,
                                  "maxLength": MAX_QUERY_TEXT, "pattern": QUERY_PATTERN},
                         required=True, description="The claim, in Korean or English (not "
                                                    "only spaces; control characters are "
                                                    "read as spaces)."),
        _LIMIT, *LANGUAGE_PARAMETERS],
    responses={200: MatchPageSerializer, **PROBLEM_RESPONSES},
    examples=[OpenApiExample("E-7-S 비자로 들어온 전문가는 40명", response_only=True,
                             value=_E7S_MATCH)],
)
MATCH_POST = extend_schema(
    operation_id="match_long_text", summary="Match a long claim",
    description="As `GET /api/v1/match/`, for texts too long for a URL (up to "
                f"{FACT_TEXT_MAX} characters; the model reads about the first 500 words). "
                "It changes nothing. " + _ranking("the claim"),
    parameters=LANGUAGE_PARAMETERS,
    request=MatchTextSerializer,
    responses={200: MatchPageSerializer, **PROBLEM_RESPONSES},
    examples=[OpenApiExample("A claim", request_only=True,
                             value={"text": "E-7-S 비자로 들어온 전문가는 40명", "limit": 3}),
              OpenApiExample("Its candidates", response_only=True, value=_E7S_MATCH)],
)
SIMILAR = extend_schema(
    operation_id="facts_similar", summary="Facts similar to a fact",
    description="The other facts closest to this one, its Korean and English texts "
                "matched as claims (each candidate by the closer of the two): a fact "
                "recorded twice, or a fact restated with other numbers. "
                + _ranking("this fact"),
    parameters=[_LIMIT, *LANGUAGE_PARAMETERS],
    responses={200: MatchPageSerializer, **PROBLEM_RESPONSES},
)


def _valid(serializer: serializers.Serializer) -> dict:
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@extend_schema_view(get=MATCH_GET, post=MATCH_POST)
class MatchView(KbaseViewSetMixin, generics.GenericAPIView):
    """GET /api/v1/match/?text= and POST /api/v1/match/: the facts that may record a
    claim, in either language."""

    permission_classes = [permissions.AllowAny]
    throttle_classes = MATCH_THROTTLES
    filter_backends: list = []
    pagination_class = None
    serializer_class = MatchPageSerializer

    def _answer(self, request: Request, text: str, limit: int) -> Response:
        # (Only control characters: nothing to read, nothing to match.)
        found = matching.match_claim(text=text, user=request.user, limit=limit) if text \
            else []
        return Response({"results": matching.match_results(
            found, user=request.user, language=self.served_language)})

    def get(self, request: Request) -> Response:
        attrs = _valid(MatchQuerySerializer(data=request.query_params))
        return self._answer(request, attrs["text"], attrs["limit"])

    def post(self, request: Request) -> Response:
        attrs = _valid(MatchTextSerializer(data=request.data))
        return self._answer(request, attrs["text"], attrs["limit"])


def similar_response(request: Request, fact: Fact, *, language: str) -> Response:
    """`facts/{id}/similar/`: the facts closest to `fact`, in either language."""
    limit = _valid(MatchLimitSerializer(data=request.query_params))["limit"]
    found = matching.similar_facts(fact=fact, user=request.user, limit=limit)
    return Response({"results": matching.match_results(found, user=request.user,
                                                       language=language)})
