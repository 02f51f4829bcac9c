"""OpenAPI documentation of the facts API: summaries, descriptions, and examples
taken from the seed knowledge base (fixtures/seed.yaml)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, inline_serializer

from kbase.core.api import (
    CURSOR_DESCRIPTION,
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    SIGNED_CURSOR_PATTERN,
)
from kbase.core.docs import (
    LANGUAGE_PARAMETERS,
    PROBLEM_RESPONSES,
    WRITE_PROBLEMS,
    read_only_docs,
)
from kbase.core.search import MAX_QUERY_LENGTH, MAX_QUERY_TERMS
from kbase.sources.api.docs import KBS_SOURCE
from kbase.sources.api.serializers import SourceSerializer
from kbase.sources.normalize import MAX_URL_LENGTH, URL_PATTERN

from .serializers import (
    ChangePageSerializer,
    ChangeSerializer,
    CitationSerializer,
    CitationWriteSerializer,
    DiscrepancySerializer,
    EntitySerializer,
    FactPageSerializer,
    FactSerializer,
    FactWriteSerializer,
    OptionalReasonSerializer,
    ReasonSerializer,
    SearchResultSerializer,
    SupersedeSerializer,
    TopicSerializer,
)

# Not only whitespace (kbase strips the query and refuses an empty one): Python's
# whitespace, which also counts \x1c-\x1f and \x85, and the schema's (ECMA) \s, which
# also counts \ufeff (kbase drops it too).
QUERY_PATTERN = r"[^\s\u001c-\u001f\u0085\ufeff]"

CHANGE = {
    "id": "3f1c9a0e5b7d42e8a6c0d2b4f8e1a7c9",
    "object": {"type": "fact", "id": "0b7d3f0e-6c1a-5b8e-9a51-2f0c6f3d7e21",
               "fact_id": "0b7d3f0e-6c1a-5b8e-9a51-2f0c6f3d7e21"},
    "action": "update",
    "fields": {"text_en": {"old": "38 experts live in Korea on the E-7-S visa.",
                           "new": "Only 38 experts reside in Korea under the E-7-S visa."}},
    "who": "editor",
    "when": "2026-11-25T09:00:00+09:00",
    "why": "Closer to the quote",
}

# What the feed shows everyone, said once for both endpoints.
CHANGE_VISIBILITY = (
    "Each change names objects as the API does (a fact by its public id, a citation and "
    "a source by their id, a discrepancy by its slug) and shows only public fields (a "
    "source's archived text only as `has_archived_text`). Clients who may not see "
    "unpublished facts see a fact's changes from its publication on, the publication "
    "itself as the whole published fact (every field, `old` null; its citations and "
    "discrepancies as published are those of the fact's representation), its citations' "
    "and discrepancies' changes made after it, nothing of a fact that is not public, "
    "and no `who`.")

E7S_FACT = {
    "id": "0b7d3f0e-6c1a-5b8e-9a51-2f0c6f3d7e21",
    "url": "/api/v1/facts/0b7d3f0e-6c1a-5b8e-9a51-2f0c6f3d7e21/",
    "text": "Only 38 experts are residing in Korea under the E-7-S advanced talent visa, "
            "according to a JoongAng Ilbo investigation.",
    "language": "en",
    "fallback": False,
    "text_ko": "중앙일보 취재 결과 첨단 전문인력비자(E-7-S)로 국내에 체류 중인 "
               "전문가는 38명뿐이다.",
    "text_en": "Only 38 experts are residing in Korea under the E-7-S advanced talent visa, "
               "according to a JoongAng Ilbo investigation.",
    "text_ko_origin": "source",
    "text_en_origin": "source",
    "possibly_stale": [],
    "quantity": {"value": "38", "unit": "persons", "qualifier": "exact"},
    "as_of": None,
    "as_of_precision": "unknown",
    "period": None,
    "status": "published",
    "status_reason": "seed knowledge base (fixtures/seed.yaml)",
    "published_at": "2026-11-25T09:00:00+09:00",
    "superseded_by": None,
    "review_by": None,
    "topics": [{"slug": "ai-talent", "name": "AI talent", "name_ko": "AI 인재",
                "name_en": "AI talent"}],
    "entities": [{"slug": "e7s-visa", "kind": "programme", "name": "E-7-S visa",
                  "name_ko": "첨단 전문인력비자(E-7-S)", "name_en": "E-7-S visa"}],
    "citations": [{
        "id": 12,
        "source": {"id": 2, "slug": "joongang-ai-ecosystem-en", "kind": "editorial",
                   "language": "en", "title": "Korea needs a robust AI ecosystem",
                   "publisher": {"slug": "korea-joongang-daily",
                                 "name": "Korea JoongAng Daily"},
                   "published_on": None, "url": ""},
        "quote": "only 38 experts are currently residing in Korea under this program",
        "quote_translation": "", "locator": "paragraph 9", "stance": "supports", "note": "",
        "accessed_on": None,
    }],
    "number_check": {"consistent": True, "korean": ["38"], "english": ["38"],
                     "only_in_korean": [], "only_in_english": [], "quantity_in_text": True,
                     "warnings": []},
    "version": 3,
    "created_at": "2026-11-25T09:00:00+09:00",
    "updated_at": "2026-11-25T09:00:00+09:00",
}

KOREAN_FALLBACK_FACT = {
    **E7S_FACT,
    "text": "Only 38 experts are residing in Korea under the E-7-S advanced talent visa, "
            "according to a JoongAng Ilbo investigation.",
    "language": "en",
    "fallback": True,
    "text_ko": "",
}

FACT_CREATE_REQUEST = {
    "text_ko": "중국 AI 기업은 4700개 이상이다.",
    "text_en": "China has more than 4,700 AI companies.",
    "text_ko_origin": "source",
    "text_en_origin": "source",
    "quantity": {"value": "4700", "unit": "companies", "qualifier": "more_than"},
    "topics": ["ai-talent"],
    "citations": [{"source": 3, "quote": "딥시크는 4700개 이상인 중국 AI 기업의 하나일 뿐이며",
                   "locator": "paragraph 1"}],
    "reason": "From the JoongAng editorial, both editions.",
}

# What a fact's own page adds, for a fact with neither discrepancies nor a chain.
NO_PROVENANCE = {"discrepancies": [], "supersession": {"earlier": [], "later": []}}

FILTER_PARAMETERS = [
    OpenApiParameter("fields", OpenApiTypes.STR,
                     description="Sparse fieldset: comma-separated keys to keep, e.g. "
                                 "`id,text,language,fallback`. The response is then partial: "
                                 "it holds only the keys named here, whatever the schema "
                                 "requires; unknown names are ignored."),
    OpenApiParameter("brief", OpenApiTypes.BOOL,
                     description="`true`: the brief representation (id, url, text, language, "
                                 "fallback, status: the `FactBrief` schema), for embedding. "
                                 "The response is then partial; `fields` is ignored."),
]

FACT_VIEWSET = {
    "list": extend_schema(
        summary="List facts",
        description=(
            "Facts, newest first, one cursor page at a time (`next` and `previous` are links; "
            "pages stay stable while facts are added). Anonymous clients see published facts "
            "only. Every filter is validated: a malformed value answers 400 naming the "
            "parameter. `ordering` accepts `created_at`, `updated_at` and their `-` forms.\n\n"
            "Each fact carries `text_ko` and `text_en`, and `text` in the language asked for "
            "with `?lang=` or `Accept-Language`; `language` says which was served and "
            "`fallback` is true when the requested one was missing."),
        parameters=[*LANGUAGE_PARAMETERS, *FILTER_PARAMETERS],
        responses={200: FactSerializer(many=True), **PROBLEM_RESPONSES},
        examples=[OpenApiExample("A page with the E-7-S fact", response_only=True,
                                 value=E7S_FACT)],
    ),
    "retrieve": extend_schema(
        summary="Get one fact",
        description=(
            "One fact with its citations (exact quotes and the editions they come from) and "
            "the recorded discrepancies between editions. The strong `ETag` changes with "
            "every write to the fact; send it back in `If-None-Match` for a 304, or in "
            "`If-Match` on a write so that nobody's change is overwritten."),
        parameters=[*LANGUAGE_PARAMETERS, *FILTER_PARAMETERS],
        responses={200: FactPageSerializer, 304: None, **PROBLEM_RESPONSES},
        examples=[
            OpenApiExample("The E-7-S fact in English", response_only=True,
                           value={**E7S_FACT, **NO_PROVENANCE}),
            OpenApiExample("Korean asked for, English served", response_only=True,
                           value={**KOREAN_FALLBACK_FACT, **NO_PROVENANCE}),
        ],
    ),
    "create": extend_schema(
        summary="Create a fact",
        description=(
            "Creates a draft. Needs a token with the `facts.add_fact` permission. `citations` "
            "may be given here; afterwards they are edited under `/facts/{id}/citations/`. "
            "Read-only keys (id, status, timestamps, authorship) are ignored; unknown keys "
            "answer 400. Text is stored as NFC; control characters are refused."),
        request=FactWriteSerializer,
        responses={201: FactSerializer, **WRITE_PROBLEMS},
        examples=[OpenApiExample("A fact from the JoongAng editorial", request_only=True,
                                 value=FACT_CREATE_REQUEST)],
    ),
    "update": extend_schema(
        summary="Replace a fact's content",
        description="As PATCH, with every writable field. Send `If-Match` with the ETag you "
                    "read: a stale one answers 412 and changes nothing.",
        request=FactWriteSerializer,
        responses={200: FactSerializer, **WRITE_PROBLEMS},
    ),
    "partial_update": extend_schema(
        summary="Change a fact",
        description="Changes the fields sent. Needs `facts.change_fact`. Send `If-Match` with "
                    "the ETag you read: a stale one answers 412 and changes nothing. `reason` "
                    "is kept in the history.",
        request=FactWriteSerializer,
        responses={200: FactSerializer, **WRITE_PROBLEMS},
        examples=[OpenApiExample("Correct the English text", request_only=True, value={
            "text_en": "Only 38 experts reside in Korea under the E-7-S visa.",
            "reason": "Shorter wording"})],
    ),
    "destroy": extend_schema(
        summary="Delete a fact",
        description="Needs `facts.delete_fact`. A fact that others are superseded by cannot "
                    "be deleted (409); retract it instead.",
        responses={204: None, **WRITE_PROBLEMS},
    ),
    "export_csv": extend_schema(
        summary="Export facts as CSV",
        description="The facts the same filters select (all of them, not one page), as CSV "
                    "for spreadsheets: UTF-8 with a byte-order mark so Excel shows Korean, "
                    "and cells that a spreadsheet would run as a formula (starting with =, "
                    "+, -, @) prefixed with a quote.",
        filters=True,  # the list's filters select the rows
        parameters=LANGUAGE_PARAMETERS,
        responses={(200, "text/csv"): OpenApiTypes.STR, **PROBLEM_RESPONSES}),
    "dump": extend_schema(
        summary="Dump every published fact as NDJSON",
        description="One JSON fact per line, streamed: for mirrors and bulk analysis. The "
                    "server's memory stays flat however many facts there are.",
        parameters=LANGUAGE_PARAMETERS,
        responses={(200, "application/x-ndjson"): OpenApiTypes.BINARY, **PROBLEM_RESPONSES}),
    "jsonld": extend_schema(
        summary="A fact as JSON-LD (schema.org Claim)",
        description="The fact as a schema.org `Claim`: its text in both languages, its "
                    "`appearance`s (the source editions, as `CreativeWork`) and the exact "
                    "quotations it rests on (`citation`, as `Quotation`).",
        responses={(200, "application/ld+json"): OpenApiTypes.OBJECT, **PROBLEM_RESPONSES},
        examples=[OpenApiExample("The E-7-S claim", response_only=True, value={
            "@context": "https://schema.org", "@type": "Claim",
            "@id": "https://kbase.example/api/v1/facts/0b7d3f0e-6c1a-5b8e-9a51-2f0c6f3d7e21/",
            "text": [{"@value": "전문가는 38명뿐이다.", "@language": "ko"},
                     {"@value": "Only 38 experts reside in Korea.", "@language": "en"}],
            "appearance": [{"@type": "CreativeWork", "name": "Korea needs a robust AI "
                            "ecosystem", "inLanguage": "en"}],
            "citation": [{"@type": "Quotation", "text": "only 38 experts are currently "
                          "residing in Korea under this program", "inLanguage": "en"}]})]),
    "history": extend_schema(
        summary="A fact's history",
        description="Every recorded change to the fact, its citations and discrepancies, "
                    "oldest first: the fields changed (old and new values), who, when and "
                    "why. " + CHANGE_VISIBILITY,
        responses={200: ChangeSerializer(many=True), **PROBLEM_RESPONSES},
        # drf-spectacular lists the example itself (a list response).
        examples=[OpenApiExample("A correction", response_only=True, value=CHANGE)]),
    "review": extend_schema(
        summary="Send a draft to review",
        description="draft → in review. Needs `facts.change_fact`; `reason` is optional.",
        request=OptionalReasonSerializer, responses={200: FactSerializer, **WRITE_PROBLEMS},
        examples=[OpenApiExample("Ready for review", request_only=True,
                                 value={"reason": "Both languages checked against the quote"})],
    ),
    "publish": extend_schema(
        summary="Publish a fact",
        description="draft or in review → published. Needs `facts.publish_fact` and at least "
                    "one citation; `reason` is required and kept in the history.",
        request=ReasonSerializer, responses={200: FactSerializer, **WRITE_PROBLEMS},
        examples=[OpenApiExample("Publish", request_only=True,
                                 value={"reason": "Quote verified in both editions"})],
    ),
    "retract": extend_schema(
        summary="Retract a fact",
        description="published or in review → retracted. Needs `facts.publish_fact`; "
                    "`reason` is required.",
        request=ReasonSerializer, responses={200: FactSerializer, **WRITE_PROBLEMS},
        examples=[OpenApiExample("Retract", request_only=True,
                                 value={"reason": "The publisher corrected the figure"})],
    ),
    "supersede": extend_schema(
        summary="Supersede a fact",
        description="published → superseded by `replacement` (the id of a published fact). "
                    "Needs `facts.publish_fact`; `reason` is required. The replacement must be "
                    "published: a draft, a fact in review, a retracted or a superseded one, "
                    "or the fact itself, answers 400 naming `replacement` (so no cycle can "
                    "form).",
        request=SupersedeSerializer, responses={200: FactSerializer, **WRITE_PROBLEMS},
        examples=[OpenApiExample("Supersede", request_only=True, value={
            "replacement": "5f0c9a4e-3b8d-5d41-8f3e-0a9b7c6d5e4f",
            "reason": "Newer figures from the Ministry of Justice"})],
    ),
}

CITATION_VIEWSET = {
    "list": extend_schema(
        summary="List a fact's citations",
        description="Every citation of the fact: the source edition, the verbatim quote, its "
                    "translation, locator and stance.",
        parameters=LANGUAGE_PARAMETERS,
        responses={200: CitationSerializer(many=True), **PROBLEM_RESPONSES},
    ),
    "retrieve": extend_schema(summary="Get one citation", parameters=LANGUAGE_PARAMETERS,
                              responses={200: CitationSerializer, **PROBLEM_RESPONSES}),
    "create": extend_schema(
        summary="Add a citation",
        description="Needs `facts.add_citation`. The quote is verbatim, in the edition's "
                    "language.",
        request=CitationWriteSerializer,
        responses={201: CitationSerializer, **WRITE_PROBLEMS},
        examples=[OpenApiExample("Cite the Korean edition", request_only=True, value={
            "source": 3, "quote": "국내에 체류 중인 전문가가 38명뿐이라는 본지 취재 결과",
            "quote_translation": "the JoongAng Ilbo's finding that only 38 experts reside "
                                 "in Korea", "locator": "paragraph 2"})],
    ),
    "partial_update": extend_schema(summary="Change a citation",
                                    description="Needs `facts.change_citation`.",
                                    request=CitationWriteSerializer,
                                    responses={200: CitationSerializer, **WRITE_PROBLEMS}),
    "destroy": extend_schema(summary="Remove a citation",
                             description="Needs `facts.delete_citation`. A published fact "
                                         "keeps at least one citation (409).",
                             responses={204: None, **WRITE_PROBLEMS}),
}

TOPIC_VIEWSET = read_only_docs(
    noun="topic", plural="topics",
    description="Topics facts are filed under, named in both languages with aliases (used by "
                "search, so that 딥시크 finds DeepSeek).",
    serializer=TopicSerializer,
    list_example={"slug": "ai-talent", "name": "AI talent", "name_ko": "AI 인재",
                  "name_en": "AI talent", "aliases_ko": ["AI 인력"],
                  "aliases_en": ["AI workforce"]})

ENTITY_VIEWSET = read_only_docs(
    noun="entity", plural="entities",
    description="Countries, organisations, people and programmes facts are about.",
    serializer=EntitySerializer,
    list_example={"slug": "deepseek", "kind": "organisation", "name": "DeepSeek",
                  "name_ko": "딥시크", "name_en": "DeepSeek", "aliases_ko": [],
                  "aliases_en": []})

DISCREPANCY_VIEWSET = read_only_docs(
    noun="discrepancy", plural="discrepancies",
    description="Where two editions of one work (the Korean original and its English "
                "translation) disagree about a fact: what each says in its own words, the "
                "aspect (number, date, place, wording, present in one edition only) and the "
                "editor's note. Filter by `publisher`, `source`, `aspect`, `fact`.",
    serializer=DiscrepancySerializer,
    list_example={
        "slug": "e7s-introduction-year", "aspect": "date",
        "note": "The English edition says the visa was introduced 'last year'; the Korean "
                "edition says 2023.",
        "note_ko": "영문판은 '작년'에 도입됐다고, 국문판은 2023년에 도입됐다고 쓴다.",
        "note_en": "The English edition says the visa was introduced 'last year'; the Korean "
                   "edition says 2023.",
        "statements": [
            {"source": {"id": 2, "slug": "joongang-ai-ecosystem-en", "kind": "editorial",
                        "language": "en", "title": "Korea needs a robust AI ecosystem",
                        "publisher": {"slug": "korea-joongang-daily",
                                      "name": "Korea JoongAng Daily"},
                        "published_on": None, "url": ""},
             "says": "Last year, the Ministry of Justice introduced the “E-7-S Advanced "
                     "Talent Visa”"},
            {"source": {"id": 3, "slug": "joongang-ai-ecosystem-ko", "kind": "editorial",
                        "language": "ko",
                        "title": "중국은 AI 굴기, 한국은 AI 인재 유출에 의대 광풍까지",
                        "publisher": {"slug": "joongang-ilbo", "name": "JoongAng Ilbo"},
                        "published_on": None, "url": ""},
             "says": "법무부가 2023년 도입한 ‘첨단 전문인력비자(E-7-S)’"},
        ],
        "fact": {"id": "0b7d3f0e-6c1a-5b8e-9a51-2f0c6f3d7e21",
                 "url": "/api/v1/facts/0b7d3f0e-6c1a-5b8e-9a51-2f0c6f3d7e21/",
                 "text": "The Ministry of Justice introduced the E-7-S visa.",
                 "language": "en", "fallback": False, "status": "published"},
        "created_at": "2026-11-25T09:00:00+09:00"})


SEARCH = extend_schema(
    summary="Search facts",
    description=(
        "Full-text search over facts in Korean and English at once: fact texts, citation "
        "quotes, source titles, and topic and entity names with their aliases in both "
        "languages (so 딥시크 finds a fact written only in English about DeepSeek). Korean "
        "is analysed morphologically (인재 finds 인재가, 인재를, 인재들); English is stemmed "
        "(recruit finds recruiting). Web-search syntax: `\"a phrase\"`, `-exclude`, "
        "`OR`. Best matches first; `highlight` is the served text, HTML-escaped, with "
        "matches in `<mark>`. An empty `q` or one over 500 characters answers 400."),
    parameters=[
        OpenApiParameter("q", {"type": "string", "minLength": 1,
                               "maxLength": MAX_QUERY_LENGTH, "pattern": QUERY_PATTERN},
                         required=True,
                         description="What to search for, in Korean or English (not only "
                                     f"spaces). Terms past the {MAX_QUERY_TERMS}th are ignored."),
        *LANGUAGE_PARAMETERS,
    ],
    responses={200: SearchResultSerializer(many=True), **PROBLEM_RESPONSES},
    examples=[OpenApiExample("인재 유출", response_only=True, value={
        **E7S_FACT, "rank": 0.4, "highlight": "중앙일보 취재 결과 첨단 전문인력비자(E-7-S)로 "
        "국내에 체류 중인 <mark>전문가는</mark> 38명뿐이다."})],
)


CHANGES = extend_schema(
    summary="Follow what changed",
    description=(
        "Every change to facts, citations, discrepancies and sources, oldest first: what "
        "(object, fields with old and new values), who, when and why. Start with `?since=` "
        "(an ISO 8601 time or date) or from the beginning, then follow `next`: it carries "
        "a cursor, and following it never misses or repeats a change, even while others "
        "write. Changes appear once every transaction that could precede them has ended "
        "(`horizon`). When nothing new has happened, `next` is the same request: poll it. "
        "The cursor is signed and holds no row id: the time of the last change served, "
        "its type, and how many changes of that type and time were served; a cursor "
        "issued to a reader of drafts is refused to other clients, and the reverse. "
        "A change's `id` is opaque, unique and the same on every read. "
        + CHANGE_VISIBILITY),
    parameters=[
        OpenApiParameter("since", OpenApiTypes.DATETIME,
                         description="Start at this ISO 8601 time (or a date: its midnight). "
                                     "A time that does not exist (2025-02-30) answers 400."),
        OpenApiParameter("cursor", {"type": "string", "pattern": SIGNED_CURSOR_PATTERN},
                         description="Continue after the last change served (from `next`). "
                                     + CURSOR_DESCRIPTION),
        OpenApiParameter("page_size", {"type": "integer", "minimum": 1,
                                       "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
                         description="Changes per response, 1 to 200 (default 50)."),
    ],
    responses={200: ChangePageSerializer, **PROBLEM_RESPONSES},
    examples=[OpenApiExample("A page", response_only=True, value={
        "results": [CHANGE], "next": "https://kbase.example/api/v1/changes/?cursor=...",
        "horizon": "2026-11-25T09:00:05+09:00"})],
)


SourceLookupSerializer = inline_serializer(name="SourceLookup", fields={
    "source": SourceSerializer(),
    "editions": SourceSerializer(many=True),
    "facts": FactSerializer(many=True),
})

# The sources' endpoints that answer facts (SourceFactsViewSet).
SOURCE_FACTS_VIEWSET = {
    "facts": extend_schema(
        summary="Facts citing a source",
        description="Every fact (visible to you) with a citation of this edition.",
        parameters=LANGUAGE_PARAMETERS,
        responses={200: FactSerializer(many=True), **PROBLEM_RESPONSES}),
    "lookup": extend_schema(
        summary="Find a source by any variant of its URL",
        description="Paste a link as it was sent: http or https, www or m hosts, tracking "
                    "parameters, a trailing slash, Naver's oid/aid forms all find the same "
                    "source. Answers the source, its other editions and the facts citing it "
                    "(at most 200; page through `/sources/{id}/facts/` for more). An unknown "
                    "URL answers 404; text that is not a URL answers 400.",
        parameters=[OpenApiParameter("url", {"type": "string", "pattern": URL_PATTERN,
                                             "maxLength": MAX_URL_LENGTH},
                                     required=True,
                                     description="The URL, in any of its forms: an absolute "
                                                 "http or https URL with a host name."),
                    *LANGUAGE_PARAMETERS],
        responses={200: SourceLookupSerializer, **PROBLEM_RESPONSES},
        examples=[OpenApiExample("A Naver link", response_only=True, value={
            "source": KBS_SOURCE, "editions": [], "facts": []})]),
}
