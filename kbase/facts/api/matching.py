"""The claim-matching API: `match/` (any text) and `facts/{id}/similar/` (FactViewSet
calls similar_response). The matching itself is kbase.facts.matching."""

from __future__ import annotations

from typing import cast

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from kbase.core.api import KbaseViewSetMixin
from kbase.core.docs import LANGUAGE_PARAMETERS, PROBLEM_RESPONSES
from kbase.core.text import to_nfc, validate_no_control_characters
from kbase.core.throttles import MatchRateThrottle

from .. import matching
from ..models import FACT_TEXT_MAX, Fact
from .docs import E7S_FACT
from .serializers import FactSerializer

# Each match also counts against the `match` rate.
MATCH_THROTTLES: list[type[BaseThrottle]] = [
    *cast("list[type[BaseThrottle]]", api_settings.DEFAULT_THROTTLE_CLASSES),
    MatchRateThrottle]
# A claim in a URL: a sentence or a short paragraph. Longer texts are POSTed.
MAX_QUERY_TEXT = 1000


class MatchLimitSerializer(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=matching.MAX_RESULTS, default=5)


class MatchTextSerializer(MatchLimitSerializer):
    text = serializers.CharField(max_length=FACT_TEXT_MAX,
                                 validators=[validate_no_control_characters])

    def validate_text(self, value: str) -> str:
        return to_nfc(value)


class MatchQuerySerializer(MatchTextSerializer):
    text = serializers.CharField(max_length=MAX_QUERY_TEXT,
                                 validators=[validate_no_control_characters])


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

_RANKING = (
    "Each candidate has `similarity`, the cosine similarity of the claim and the fact's "
    "closer text (multilingual sentence embeddings: a Korean claim finds an English fact "
    "and the reverse), and `score`, that similarity moved by what the two say in numbers "
    "and codes (E-7-S, COVID-19): raised when the fact holds every number and code the "
    "claim states, lowered when it does not. `numbers_differ` is true when the claim "
    "states a number the fact does not hold: the claim may restate the recorded fact "
    "with a wrong number. `verdict` is `likely_same` (score 0.88 or more) or `related` "
    "(0.80 or more); facts scoring less are left out, so the list may be empty. Bands "
    "and weights come from kbase's evaluation (docs/matching.md). Best first; each fact "
    "in its whole representation, in the negotiated language. Anonymous clients match "
    "published facts, editors every status (as lists show them). Matching has its own "
    "rate limit (`match` policy) besides the API's.")
_E7S_MATCH = {"results": [{
    "score": 0.9124, "similarity": 0.8974, "verdict": "likely_same", "numbers_differ": True,
    "matched_language": "ko", "fact": E7S_FACT}]}
_LIMIT = OpenApiParameter("limit", {"type": "integer", "minimum": 1,
                                    "maximum": matching.MAX_RESULTS, "default": 5},
                          description=f"Candidates at most, 1 to {matching.MAX_RESULTS}.")

MATCH_GET = extend_schema(
    operation_id="match_text", summary="Match a claim",
    description="Has the knowledge base recorded this claim? Any text in Korean or English "
                f"(up to {MAX_QUERY_TEXT} characters; POST longer ones). " + _RANKING,
    parameters=[
        OpenApiParameter("text", {"type": "string", "minLength": 1,
                                  "maxLength": MAX_QUERY_TEXT, "pattern": r"\S"},
                         required=True, description="The claim, in Korean or English."),
        _LIMIT, *LANGUAGE_PARAMETERS],
    responses={200: MatchPageSerializer, **PROBLEM_RESPONSES},
    examples=[OpenApiExample("E-7-S 비자로 들어온 전문가는 40명", response_only=True,
                             value=_E7S_MATCH)],
)
MATCH_POST = extend_schema(
    operation_id="match_long_text", summary="Match a long claim",
    description="As `GET /api/v1/match/`, for texts too long for a URL (up to "
                f"{FACT_TEXT_MAX} characters; the model reads about the first 500 words). "
                "It changes nothing. " + _RANKING,
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
                + _RANKING.replace("the claim", "this fact"),
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
        found = matching.match_claim(text=text, user=request.user, limit=limit)
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
