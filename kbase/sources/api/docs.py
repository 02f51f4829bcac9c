"""OpenAPI documentation of the sources API, with examples from the seed documents."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema

from kbase.core.docs import LANGUAGE_PARAMETERS, PROBLEM_RESPONSES, WRITE_PROBLEMS, read_only_docs

from .serializers import PublisherSerializer, SourceSerializer, SourceWriteSerializer

KBS_SOURCE = {
    "id": 1,
    "slug": "kbs-2025-07-10-ai-brain-drain",
    "url": "",
    "normalized_url": None,
    "publisher": {"slug": "kbs", "name": "Korean Broadcasting System (KBS)",
                  "name_ko": "한국방송공사(KBS)", "name_en": "Korean Broadcasting System (KBS)",
                  "kind": "broadcaster", "homepage": "https://news.kbs.co.kr/", "country": "KR"},
    "work": "kbs-ai-brain-drain",
    "kind": "broadcast_transcript",
    "language": "en",
    "edition_kind": "original",
    "title": "Brain drain in AI sector",
    "title_ko": "",
    "title_en": "Brain drain in AI sector",
    "authors": [{"name_ko": "이도윤", "name_en": "Lee Do-yoon", "role": "reporter"}],
    "program": "News 9",
    "published_on": "2025-07-10",
    "published_precision": "day",
    "published_note": "The page shows '입력 2025.07.10 (04:30)'.",
    "accessed_on": None,
    "has_archived_text": True,
    "created_at": "2026-11-25T09:00:00+09:00",
    "updated_at": "2026-11-25T09:00:00+09:00",
}

SOURCE_VIEWSET = {
    "list": extend_schema(
        summary="List sources",
        description="Source editions, newest first. Two editions of one work (a Korean "
                    "original and its English translation) share `work`.",
        parameters=LANGUAGE_PARAMETERS,
        responses={200: SourceSerializer(many=True), **PROBLEM_RESPONSES},
        examples=[OpenApiExample("The KBS transcript", value=KBS_SOURCE, response_only=True)]),
    "retrieve": extend_schema(
        summary="Get one source",
        description="One edition, with its publisher and how its date was established. "
                    "Carries a strong ETag (If-None-Match answers 304).",
        parameters=LANGUAGE_PARAMETERS,
        responses={200: SourceSerializer, 304: None, **PROBLEM_RESPONSES},
        examples=[OpenApiExample("The KBS transcript", value=KBS_SOURCE, response_only=True)]),
    "create": extend_schema(
        summary="Create a source",
        description="Needs `sources.add_source`. The URL is normalised (scheme, www/m hosts, "
                    "tracking parameters, Naver forms...); a URL that is already a source "
                    "answers 400 naming it. `edition_of` makes it another edition of that "
                    "source's work.",
        request=SourceWriteSerializer,
        responses={201: SourceSerializer, **WRITE_PROBLEMS},
        examples=[OpenApiExample("A Korean original", request_only=True, value={
            "slug": "joongang-ai-ecosystem-ko", "publisher": "joongang-ilbo",
            "kind": "editorial", "language": "ko",
            "title_ko": "중국은 AI 굴기, 한국은 AI 인재 유출에 의대 광풍까지",
            "title_en": "Korea needs a robust AI ecosystem", "program": "사설",
            "published_precision": "unknown"})]),
    "partial_update": extend_schema(
        summary="Change a source", description="Needs `sources.change_source`.",
        request=SourceWriteSerializer, responses={200: SourceSerializer, **WRITE_PROBLEMS},
        examples=[OpenApiExample("Link as a translation", request_only=True,
                                 value={"edition_of": 3, "edition_kind": "translation"})]),
    "destroy": extend_schema(
        summary="Delete a source",
        description="Needs `sources.delete_source`. A source that facts cite cannot be "
                    "deleted (409).",
        responses={204: None, **WRITE_PROBLEMS}),
    "editions": extend_schema(
        summary="Other editions of a source",
        description="The other editions of the same work: for the English translation, the "
                    "Korean original, and the other way round.",
        parameters=LANGUAGE_PARAMETERS,
        responses={200: SourceSerializer(many=True), **PROBLEM_RESPONSES},
        examples=[OpenApiExample("The Korean edition", value={**KBS_SOURCE, "language": "ko"},
                                 response_only=True)]),
}

PUBLISHER_VIEWSET = read_only_docs(
    noun="publisher", plural="publishers",
    description="Who publishes the sources: broadcasters, newspapers, institutes.",
    serializer=PublisherSerializer, list_example=KBS_SOURCE["publisher"])
