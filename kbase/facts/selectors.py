"""Every read of facts: one place that knows what to join and prefetch."""

from __future__ import annotations

import functools
import json
import uuid
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Protocol, TypedDict, cast

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db import connections, router
from django.db.models import (
    Case,
    DateTimeField,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    Field,
    FloatField,
    OuterRef,
    Prefetch,
    QuerySet,
    TextField,
    UUIDField,
    Value,
    When,
)
from psycopg import sql

from kbase.core.expressions import EqualsAny
from kbase.core.prepared import Param, RowsOfKeys, SQLTemplate, Statement, StatementPages
from kbase.core.representation import as_text
from kbase.core.search import (
    HEADLINE_START,
    HEADLINE_STOP,
    ParsedQuery,
    QueryShape,
    phrase_query,
    query_shape,
    rank_phrases,
    shape_condition,
    shape_phrases,
)

from .models import (
    Citation,
    Discrepancy,
    DiscrepancyStatement,
    Entity,
    Fact,
    FactSearchDocument,
    Topic,
)
from .representation_sql import (
    CITATIONS_SQL,
    ENTITIES_SQL,
    FACT_JSON_SQL,
    NUMBER_CHECK_SQL,
    POSSIBLY_STALE_SQL,
    SUPERSEDED_BY_SQL,
    SUPERSESSION_SQL,
    TOPICS_SQL,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class KnownCount(Protocol):
    """A queryset carrying its count, for core.api.KnownCountPaginator."""

    known_count: int


class ApiRepresentation(TypedDict):
    """What with_api_representation() annotates a fact with."""

    superseded_by_public_id: str | None
    possibly_stale_sql: list[str]
    topics_json: str
    entities_json: str
    citations_json: str
    number_check_json: str | None


class Ranked(TypedDict):
    """What _ranked() annotates a fact with."""

    rank: float
    headline_en: str
    highlight_words_ko: dict[str, list[list[int]]]


def can_see_unpublished(user: User | AnonymousUser | None) -> bool:
    """Editors and readers with the view permission see drafts; everyone else only
    what is published."""
    return bool(user is not None and user.is_authenticated and user.has_perm("facts.view_fact"))


# Once public, a fact stays readable by its link when it is retracted or
# superseded (with its status saying so); lists show what is published now.
WITHDRAWN = [Fact.Status.RETRACTED, Fact.Status.SUPERSEDED]


def fact_visible(*, user, include_withdrawn: bool = False) -> QuerySet[Fact]:
    return _visible(unpublished=can_see_unpublished(user), include_withdrawn=include_withdrawn)


def _visible(*, unpublished: bool, include_withdrawn: bool) -> QuerySet[Fact]:
    facts = Fact.objects.all()
    if unpublished:
        return facts
    if include_withdrawn:
        return facts.filter(status__in=[Fact.Status.PUBLISHED, *WITHDRAWN])
    return facts.published()


def fact_list(*, user, with_provenance: bool = False,
              include_withdrawn: bool = False) -> QuerySet[Fact]:
    """Facts `user` may see, with everything their representation needs, in a fixed
    number of queries."""
    return with_representation(
        fact_visible(user=user, include_withdrawn=include_withdrawn),
        with_provenance=with_provenance)


def with_representation(facts: QuerySet[Fact], *,
                        with_provenance: bool = False) -> QuerySet[Fact]:
    facts = facts.select_related("superseded_by").only(
        *[f.attname for f in Fact._meta.concrete_fields if f.attname != "superseded_by_id"],
        "superseded_by_id", "superseded_by__public_id",
    )
    prefetches: list[Prefetch[Any, Any, Any]] = [
        Prefetch("topics", Topic.objects.only("id", "slug", "name_ko", "name_en")),
        Prefetch("entities", Entity.objects.only("id", "slug", "kind", "name_ko", "name_en")),
        Prefetch("citations", Citation.objects.select_related("source__publisher")
                 .defer("source__archived_text").order_by("id")),
    ]
    if with_provenance:
        prefetches.append(_discrepancies_prefetch())
    return facts.prefetch_related(*prefetches)


def _discrepancies_prefetch() -> Prefetch:
    return Prefetch(
        "discrepancies",
        Discrepancy.objects.order_by("id").prefetch_related(
            Prefetch("statements", DiscrepancyStatement.objects
                     .select_related("source__publisher")
                     .defer("source__archived_text").order_by("id"))))


_API_DEFERRED = {"superseded_by_id", "text_ko_changed_at", "text_en_changed_at",
                 "text_ko_reviewed_at", "text_en_reviewed_at", "created_by_id", "updated_by_id"}


# --- The API's representation, built by PostgreSQL (representation_sql) ----------

def with_api_representation(facts: QuerySet[Fact], *, language: str,
                            with_provenance: bool = False) -> QuerySet[Fact]:
    """`facts` with what the API serves of them, in one query: the fact's columns
    plus `topics_json`, `entities_json`, `citations_json` and `number_check_json`
    (JSON text in `language`), `superseded_by_public_id` and `possibly_stale_sql`.
    With provenance, the discrepancies are prefetched."""
    facts = facts.only(
        *[f.attname for f in Fact._meta.concrete_fields if f.attname not in _API_DEFERRED],
    ).annotate(
        superseded_by_public_id=SQLTemplate(SUPERSEDED_BY_SQL),
        possibly_stale_sql=SQLTemplate(POSSIBLY_STALE_SQL, output_field=Field()),
        topics_json=SQLTemplate(as_text(TOPICS_SQL), language=language),
        entities_json=SQLTemplate(as_text(ENTITIES_SQL), language=language),
        citations_json=SQLTemplate(as_text(CITATIONS_SQL), language=language),
        number_check_json=SQLTemplate(NUMBER_CHECK_SQL),
    )
    if with_provenance:
        facts = facts.prefetch_related(_discrepancies_prefetch())
    return facts



def _fact_json(language: str | Param, *, detail: bool = False) -> SQLTemplate:
    # As text, embedded in the response as it comes (orjson.Fragment). Not bytea: the
    # text protocol sends bytea hex-encoded, which cost more than decoding UTF-8.
    if detail:
        return SQLTemplate("kbase_fact_page_json(facts_fact.id, {language})",
                           language=language)
    return SQLTemplate(as_text(FACT_JSON_SQL[False]), language=language)


def fact_api_json_list(*, user, language: str) -> QuerySet:
    """fact_api_list() as rows of `id`, `created_at`, `updated_at` (for cursors) and
    `json`: each fact's whole representation in `language`, built by PostgreSQL.
    For filtered lists: a prepared statement may settle on one generic plan, and the
    best plan for a date range or a topic depends on how many facts its values
    match (the unfiltered list is fact_json_pages())."""
    return _fact_json_rows(unpublished=can_see_unpublished(user), language=language)


def fact_json_pages(*, user, language: str) -> StatementPages:
    """fact_api_json_list()'s rows for the unfiltered list (StatementPages): compiled
    once per ordering, and planned once per connection (planning cost more than a
    third of a page)."""
    return StatementPages(_fact_json_rows, model=Fact,
                          shape={"unpublished": can_see_unpublished(user)},
                          values={"language": language}, using=router.db_for_read(Fact))


def _fact_json_rows(*, unpublished: bool, language: str | Param) -> QuerySet:
    return _visible(unpublished=unpublished, include_withdrawn=False).values(
        "id", "created_at", "updated_at", json=_fact_json(language))


def fact_api_json_detail(*, user, language: str) -> QuerySet:
    """The fact page's rows (published facts and, by their link, withdrawn ones):
    `version` (for the ETag) and `json`, the representation with its provenance and
    supersession chain, in one query."""
    return _fact_pages(unpublished=can_see_unpublished(user), language=language)


def _fact_pages(*, unpublished: bool, language: str | Param) -> QuerySet:
    return _visible(unpublished=unpublished, include_withdrawn=True).values(
        "id", "version", json=_fact_json(language, detail=True))


@functools.cache
def _fact_page_statement(*, unpublished: bool) -> Statement:
    return Statement.of(_fact_pages(unpublished=unpublished, language=Param("language"))
                        .filter(public_id=Param("public_id", UUIDField())))


def fact_page(*, user, public_id: uuid.UUID, language: str) -> dict | None:
    """fact_api_json_detail()'s row for one fact, or None if `user` may not see it.

    The ORM builds and compiles this query once per kind of reader (with stand-in
    values) and later pages run that SQL: on the busiest read, building and
    compiling the queryset cost Django more than PostgreSQL spent answering it. It
    runs prepared (kbase.core.prepared): one fact by its unique id has one plan,
    and planning it was a quarter of the statement's time (0.44 -> 0.34 ms)."""
    statement = _fact_page_statement(unpublished=can_see_unpublished(user))
    rows = statement.rows({"public_id": public_id, "language": language},
                          using=router.db_for_read(Fact))
    return rows[0] if rows else None


def fact_api_list(*, user, language: str, with_provenance: bool = False,
                  include_withdrawn: bool = False) -> QuerySet[Fact]:
    """fact_list() for the API: the same facts, represented by PostgreSQL."""
    return with_api_representation(
        fact_visible(user=user, include_withdrawn=include_withdrawn), language=language,
        with_provenance=with_provenance)


def fact_api_citing(*, user, source_slug: str, language: str) -> QuerySet[Fact]:
    """The facts `user` may see that cite the source `source_slug`, newest first, as
    fact_api_list()'s facts (for sparse fields)."""
    return _citing(fact_api_list(user=user, language=language), source_slug)


def fact_citing_json_pages(*, user, source_slug: str, language: str) -> StatementPages:
    """fact_api_citing() as fact_api_json_list()'s rows, built by PostgreSQL and
    compiled once per kind of reader (StatementPages): as model objects, a
    fact-checker's lookup of a source cited by some dozens of facts cost more Python
    than all the rest of the request."""
    return StatementPages(_citing_json_rows, model=Fact,
                          shape={"unpublished": can_see_unpublished(user)},
                          values={"language": language, "source_slug": source_slug},
                          using=router.db_for_read(Fact))


def fact_citing(*, user, source_slug: str) -> QuerySet[Fact]:
    """fact_list()'s facts that cite the source `source_slug`, newest first."""
    return _citing(fact_list(user=user), source_slug)


def _citing_json_rows(*, unpublished: bool, language: Param, source_slug: Param) -> QuerySet:
    return _citing(_fact_json_rows(unpublished=unpublished, language=language), source_slug)


def _citing(facts: QuerySet, source_slug: str | Param) -> QuerySet:
    # A semi-join: a join repeats a fact for each of its citations of the source,
    # and DISTINCT over whole fact rows to undo that cost more than the query.
    return facts.filter(Exists(Citation.objects.filter(fact=OuterRef("pk"),
                                                       source__slug=source_slug)))


def fact_dump_rows(*, language: str) -> QuerySet:
    """Every published fact as rows of `id` and `json` (its whole representation in
    `language`, built by PostgreSQL as for the list), for the NDJSON dump: as model
    objects represented in Python, a fact cost the dump three times the CPU."""
    return _visible(unpublished=False, include_withdrawn=False).values(
        "id", json=_fact_json(language))


def fact_csv_rows(facts: QuerySet[Fact]) -> QuerySet:
    """`facts` as the rows of the CSV export (kbase.facts.exports.csv_row), in one
    query: their columns, and their topics', entities' and cited sources' slugs and
    their quotes as arrays (the citations in the order they were made). As model
    objects with their prefetches, 30 facts cost 14 ms of Python and four queries."""
    citations = Citation.objects.filter(fact=OuterRef("pk")).order_by("id")
    return facts.values(
        "public_id", "status", "text_ko", "text_en", "text_ko_origin", "text_en_origin",
        "quantity_value", "quantity_unit", "quantity_qualifier", "as_of", "as_of_precision",
        topic_slugs=ArraySubquery(
            Topic.objects.filter(facts=OuterRef("pk")).order_by("slug").values("slug")),
        entity_slugs=ArraySubquery(
            Entity.objects.filter(facts=OuterRef("pk")).order_by("slug").values("slug")),
        source_slugs=ArraySubquery(citations.values("source__slug")),
        quotes=ArraySubquery(citations.values("quote")))


def fact_api_written(*, pk: int, language: str) -> Fact:
    """The fact a client has just written, as the API represents it."""
    return with_api_representation(Fact.objects.filter(pk=pk), language=language).get()


def citation_list(*, fact: Fact) -> QuerySet[Citation]:
    return (Citation.objects.filter(fact=fact).select_related("source__publisher")
            .defer("source__archived_text").order_by("id"))


def discrepancy_list(*, user) -> QuerySet[Discrepancy]:
    """Discrepancies of the facts `user` may see, with their editions' statements."""
    return (Discrepancy.objects.filter(fact__in=fact_visible(user=user))
            .select_related("fact")
            .only("id", "slug", "aspect", "note_ko", "note_en", "created_at", "fact_id",
                  "fact__public_id", "fact__text_ko", "fact__text_en", "fact__status")
            .prefetch_related(Prefetch(
                "statements", DiscrepancyStatement.objects.select_related("source__publisher")
                .defer("source__archived_text").order_by("id"))))


# Search ranks the most recent matches, at most this many. Ranking every match of a
# common word among a million facts takes seconds; the newest matches are what a
# desk reads first, and a more specific query reaches older facts.
SEARCH_CANDIDATES = 200


# A search of several words first looks for its matches among this many newest facts,
# then in a window as large as their density there says, up to the largest.
NEWEST_WINDOW = 2_000
LARGEST_WINDOW = 100_000


@dataclass
class SearchCandidates:
    """The ids fact_search ranks: the SEARCH_CANDIDATES most recent matches.

    For one word PostgreSQL's statistics know how many facts match, and its plan is
    right. For several it takes the words as independent, and is wrong both ways:
    words that occur together ("medical school": 31,000 matches among a million
    facts, expected 600) make it read and sort every match (0.3 s) where walking
    the newest facts meets 200 at once; words that rarely meet make it walk hundreds
    of thousands of facts where reading the 2,000 matches is quicker. So a search of
    several words first walks the NEWEST_WINDOW newest facts (the window's start
    given as a value, so its size is estimated right), then a window as large as the
    density of matches there says, up to LARGEST_WINDOW, walking only the facts the
    narrower window did not; SEARCH_CANDIDATES matches in a window are the answer.
    Sparser, and the matches are read first from the GIN indexes. Each plan is
    imposed for its one statement.

    Each match is read with its rank (as the ranking statement computes it), from
    the search document the walk has in hand: ranked() orders the candidates, and a
    page of results reads its own facts only.

    The statements are compiled once for each shape of query (_candidate_statements)
    and bound in the client: each is planned for its own words, as it must be."""

    statements: _CandidateStatements
    phrases: dict[str, str]  # the phrases' Params' values
    walks_windows: bool
    using: str

    def statement(self) -> tuple[str, list]:
        """The planner's own query for the candidates, as SQL and its values."""
        return self._bound(self.statements.matches, {}, SEARCH_CANDIDATES)

    def ids(self) -> list[int]:
        """The candidates' ids, newest first."""
        return [pk for pk, _rank in self.matches()]

    def ranked(self) -> list[int]:
        """The candidates' ids, best first: by rank, then newest id, as the ranking
        statement orders them."""
        # Two stable sorts on C keys: by id, then by rank (a lambda key for both at
        # once cost four times as much).
        matches = sorted(self.matches(), key=itemgetter(0), reverse=True)
        matches.sort(key=itemgetter(1), reverse=True)
        return [pk for pk, _rank in matches]

    def matches(self) -> list[tuple[int, float]]:
        """The candidates' ids and ranks, newest first."""
        if not self.walks_windows:
            return self._read(self.statement())
        window, walked_from = NEWEST_WINDOW, None
        found: list[tuple[int, float]] = []
        while window <= LARGEST_WINDOW:
            start = self._window_start(window)
            if start is None:  # fewer facts than the window: the planner's plan is fine
                return self._read(self.statement())
            # A wider window walks only the facts the narrower ones did not: all of
            # those are older, so their matches follow the ones already found.
            if walked_from is None:
                walk = self._bound(self.statements.since, {_WINDOW_START: start},
                                   SEARCH_CANDIDATES)
            else:
                walk = self._bound(self.statements.between,
                                   {_WINDOW_START: start, _WALKED_FROM: walked_from},
                                   SEARCH_CANDIDATES - len(found))
            found.extend(self._read(walk, disabled=_WALK_NEWEST))
            if len(found) == SEARCH_CANDIDATES:
                return found
            if not found:
                break
            # A window expected to hold enough matches, with a margin.
            window, walked_from = window * SEARCH_CANDIDATES * 3 // (2 * len(found)), start
        return self._read(self.statement(), disabled=_READ_MATCHES_FIRST)

    def _bound(self, statement: Statement, bounds: dict, limit: int) -> tuple[str, list]:
        limited = statement.limited(limit)
        return limited.sql, limited.bind({**self.phrases, **bounds})

    def _window_start(self, window: int):
        """The creation time of the window's oldest fact; None for fewer facts."""
        newest = self.statements.newest.limited(1, window - 1)
        with connections[self.using].cursor() as cursor:
            cursor.execute(newest.sql, newest.bind({}))
            row = cursor.fetchone()
        return None if row is None else row[0]

    def _read(self, statement: tuple[str, list], *, disabled: tuple[str, ...] = ()
              ) -> list[tuple[int, float]]:
        text, params = statement
        if disabled:
            # One round trip: the statements of one query string run in one
            # transaction, which the settings last for; inside an outer
            # transaction they would outlive it, so they are turned back on.
            text = sql.SQL("{}; {}; {}").format(
                _planner_settings(disabled, "off"), sql.SQL(text),
                _planner_settings(disabled, "on")).as_string(None)
        with connections[self.using].cursor() as cursor:
            cursor.execute(text, params)
            if disabled:
                cursor.nextset()
            return [(pk, rank) for pk, rank in cursor.fetchall()]


# Planner settings that leave it one plan: walking facts newest first and testing
# each one's search document, or reading the matches from the GIN indexes first.
_WALK_NEWEST = ("enable_bitmapscan",)
_READ_MATCHES_FIRST = ("enable_indexscan", "enable_indexonlyscan")


def _planner_settings(names: tuple[str, ...], value: str) -> sql.Composed:
    return sql.SQL("SELECT {}").format(sql.SQL(", ").join(
        sql.SQL("set_config({}, {}, true)").format(sql.Literal(name), sql.Literal(value))
        for name in names))


# The Params of a window's bounds in the compiled statements.
_WINDOW_START = "window_start"
_WALKED_FROM = "walked_from"


@dataclass(frozen=True)
class _CandidateStatements:
    """The candidates' statements, newest first, without their LIMIT."""

    matches: Statement  # every match
    since: Statement  # the matches from _WINDOW_START on
    between: Statement  # from _WINDOW_START to before _WALKED_FROM
    newest: Statement  # the visible facts' creation times


@functools.lru_cache(maxsize=256)
def _candidate_statements(shape: QueryShape, *, unpublished: bool, korean_phrases: int,
                          english_phrases: int) -> _CandidateStatements | None:
    """Building and compiling a search's statements cost more Python than the rest
    of the search: they are compiled once for each shape of query (and of its
    ranking: how many phrases in each language)."""
    condition = shape_condition(shape)
    if condition is None:
        return None
    rank = _rank(_rank_params("ko", korean_phrases), _rank_params("en", english_phrases),
                 prefix="")
    # The search documents alone, newest first by their copy of the creation time
    # and visible by their copy of the status: the walk goes down their own index
    # (fact_search_newest) and reads no fact.
    documents = FactSearchDocument.objects.all()
    if not unpublished:
        documents = documents.filter(status=Fact.Status.PUBLISHED)
    matches = (documents.filter(condition).order_by("-created_at", "-fact_id")
               .annotate(rank=rank).values_list("fact_id", "rank"))
    since = matches.filter(created_at__gte=Param(_WINDOW_START, DateTimeField()))
    visible = _visible(unpublished=unpublished, include_withdrawn=False)
    return _CandidateStatements(
        matches=Statement.of(matches),
        since=Statement.of(since),
        between=Statement.of(since.filter(created_at__lt=Param(_WALKED_FROM, DateTimeField()))),
        newest=Statement.of(visible.order_by("-created_at", "-id")
                            .values_list("created_at", flat=True)))


def search_candidates(*, user, query: ParsedQuery) -> SearchCandidates | None:
    """The facts fact_search ranks (SearchCandidates). None when the query has no
    searchable term."""
    return _search_candidates(user, query, *rank_phrases(query))


def _search_candidates(user, query: ParsedQuery, korean: list[str],
                       english: list[str]) -> SearchCandidates | None:
    # `korean` and `english`: rank_phrases(query), which the caller may need too.
    statements = _candidate_statements(query_shape(query),
                                       unpublished=can_see_unpublished(user),
                                       korean_phrases=len(korean), english_phrases=len(english))
    if statements is None:
        return None
    phrases = {**shape_phrases(query), **_rank_phrase_values(korean, english)}
    return SearchCandidates(statements, phrases, walks_windows=len(query.groups) > 1,
                            using=router.db_for_read(Fact))


def fact_search(*, user, query: ParsedQuery, language: str | None = None) -> QuerySet[Fact]:
    """Facts matching `query` (the SEARCH_CANDIDATES most recent), best first, with
    `rank`, `headline_en` (the English text with its matches between
    search.HEADLINE_START and HEADLINE_STOP: search.headline_html makes it HTML) and
    `highlight_words_ko` (for search.highlight_korean) annotated;
    with `language`, in the API's representation (fact_api_list), else with
    prefetched objects."""
    facts = fact_api_list(user=user, language=language) if language else fact_list(user=user)
    candidates = _candidate_ids(user=user, query=query)
    results = _ranked(facts, candidates, *rank_phrases(query), korean_reader=language == "ko")
    cast(KnownCount, results).known_count = len(candidates)
    return results


def fact_search_json(*, user, query: ParsedQuery, language: str) -> RowsOfKeys:
    """fact_search() as rows of `text_ko`, `text_en`, `rank`, `headline_en`,
    `highlight_words_ko` (JSON text) and `json` (the representation in `language`,
    built by PostgreSQL, as the list's).

    The ranking statement is built and compiled once for each shape of query (how
    many phrases in each language) and runs prepared (kbase.core.prepared): one
    plan, the candidates by their ids, holds for every query, and building,
    compiling and planning it cost more than running it. It reads one page's
    candidates, ranked by SearchCandidates.ranked(). The candidates' own query is
    planned for its words: its best plan depends on how many facts match."""
    korean, english = rank_phrases(query)
    candidates = _search_candidates(user, query, korean, english)
    statement = _ranking_statement(unpublished=can_see_unpublished(user),
                                   korean_phrases=len(korean), english_phrases=len(english),
                                   korean_reader=language == "ko")
    values = {"language": language, **_rank_phrase_values(korean, english)}
    # Read once: counting the results and reading a page then cost nothing more.
    return RowsOfKeys(statement, values,
                      keys=[] if candidates is None else candidates.ranked(),
                      using=router.db_for_read(Fact))


def _candidate_ids(*, user, query: ParsedQuery) -> list[int]:
    # Read once: counting the results and ranking a page then cost nothing more.
    candidates = search_candidates(user=user, query=query)
    return [] if candidates is None else candidates.ids()


def _rank(korean: list, english: list, *,
          prefix: str = "search_document__") -> ExpressionWrapper:
    """A fact's rank for the phrases: its cover density in each language, summed."""
    korean_query, english_query = phrase_query(korean, "simple"), phrase_query(english, "english")
    rank: Expression = Value(0.0)
    if korean_query is not None:
        rank = rank + SearchRank(F(f"{prefix}search_ko"), korean_query, cover_density=True)
    if english_query is not None:
        rank = rank + SearchRank(F(f"{prefix}search_en"), english_query, cover_density=True)
    return ExpressionWrapper(rank, output_field=FloatField())


def _ranked(facts: QuerySet[Fact], candidates: list[int] | Param, korean: list,
            english: list, *,
            korean_reader: bool = False) -> QuerySet[WithAnnotations[Fact, Ranked]]:
    english_query = phrase_query(english, "english")
    headline: Expression = Value("")
    if english_query is not None:
        headline = SearchHeadline(F("text_en"), english_query, config="english",
                                  start_sel=HEADLINE_START, stop_sel=HEADLINE_STOP,
                                  highlight_all=True)
        if korean_reader:
            # A Korean reader is served English only where the Korean text is missing.
            headline = Case(When(text_ko="", then=headline), default=Value(""),
                            output_field=TextField())
    # One array parameter, not one per candidate: compiling and binding 200
    # placeholders cost more than PostgreSQL's whole ranking of them.
    return (facts.filter(EqualsAny("pk", candidates))
            .annotate(rank=_rank(korean, english), headline_en=headline,
                      highlight_words_ko=F("analysis__highlight_words_ko"))
            .order_by("-rank", "-id"))


def _rank_param_name(language: str, n: int) -> str:
    return f"rank_{language}_{n}"


def _rank_params(language: str, count: int) -> list[Param]:
    """The Params of a rank's phrases in `language` (in the candidates' and the
    ranking statements)."""
    return [Param(_rank_param_name(language, n)) for n in range(count)]


def _rank_phrase_values(korean: list[str], english: list[str]) -> dict[str, str]:
    """The values of _rank_params() for these phrases."""
    return {_rank_param_name(language, n): phrase
            for language, phrases in (("ko", korean), ("en", english))
            for n, phrase in enumerate(phrases)}


@functools.lru_cache(maxsize=64)
def _ranking_statement(*, unpublished: bool, korean_phrases: int, english_phrases: int,
                       korean_reader: bool) -> Statement:
    ranked = _ranked(_visible(unpublished=unpublished, include_withdrawn=False),
                     Param(RowsOfKeys.KEYS),
                     _rank_params("ko", korean_phrases), _rank_params("en", english_phrases),
                     korean_reader=korean_reader)
    return Statement.of(ranked.values(
        "text_ko", "text_en", "rank", "headline_en", "highlight_words_ko",
        json=_fact_json(Param("language"))))


def supersession_chain(*, fact: Fact) -> dict[str, list[str]]:
    """The facts this one replaced (oldest first) and those that replaced it, in one
    query. A fact superseded by one newer fact is the common case; branches (two
    facts replaced by one) appear in `earlier` in order of distance."""
    chain = (Fact.objects.filter(pk=fact.pk)
             .annotate(chain=SQLTemplate(as_text(SUPERSESSION_SQL)))
             .values_list("chain", flat=True).get())
    return json.loads(chain)
