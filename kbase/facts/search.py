"""Search of facts, in one place: the query's shape (compiled once, its phrases
bound), the candidates (the most recent matches), their ranking, and the highlight
of each result. kbase.core.search parses and analyses the query;
kbase.facts.indexing writes the search documents; kbase.facts.selectors decide what
each reader may see, and build the representation of the results.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Protocol, TypedDict, cast

import orjson
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections, router
from django.db.models import (
    Case,
    DateTimeField,
    Expression,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from psycopg import sql

from kbase.core.expressions import EqualsAny
from kbase.core.prepared import Param, RowsOfKeys, Statement
from kbase.core.search import (
    CODE,
    ParsedQuery,
    code_token,
    searchable_groups,
    terms_condition,
)

from .models import Fact, FactSearchDocument
from .representation_sql import KEY_NAMES
from .selectors import (
    can_see_unpublished,
    fact_json_expression,
    fact_list,
    visible_facts,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

# --- Queries' shapes, and highlights --------------------------------------------

# A query's shape: for each group, each searchable term's (negated, has a Korean
# phrase, has an English phrase). Queries of one shape differ only in their phrases,
# so they compile to one statement with the phrases as its values.
QueryShape = tuple[tuple[tuple[bool, bool, bool], ...], ...]


def query_shape(parsed: ParsedQuery) -> QueryShape:
    return tuple(tuple((term.negated, bool(term.korean), bool(term.english)) for term in group)
                 for group in searchable_groups(parsed))


def _phrase_name(group: int, term: int, language: str) -> str:
    return f"term_{group}_{term}_{language}"


def shape_condition(shape: QueryShape, *, prefix: str = "") -> Q | None:
    """search_condition() of a query of `shape`, with a kbase.core.prepared.Param for
    each phrase (shape_phrases() gives their values)."""
    return terms_condition([[(negated, Param(_phrase_name(g, t, "ko")) if korean else "",
                         Param(_phrase_name(g, t, "en")) if english else "")
                        for t, (negated, korean, english) in enumerate(group)]
                       for g, group in enumerate(shape)], prefix)


def shape_phrases(parsed: ParsedQuery) -> dict[str, str]:
    """The value of each Param of shape_condition(query_shape(parsed)), by name."""
    phrases = {}
    for g, group in enumerate(searchable_groups(parsed)):
        for t, term in enumerate(group):
            if term.korean:
                phrases[_phrase_name(g, t, "ko")] = term.korean
            if term.english:
                phrases[_phrase_name(g, t, "en")] = term.english
    return phrases


def rank_phrases(parsed: ParsedQuery) -> tuple[list[str], list[str]]:
    """The positive terms, per language (Korean tokens, English words), for ranking
    and highlighting."""
    korean, english = [], []
    for term in parsed.positive_terms:
        if term.korean:
            korean.append(term.korean)
        if term.english:
            english.append(term.english)
    return korean, english


def phrase_query(phrases: list[str], config: str) -> SearchQuery | None:
    """The phrases ORed (None for none), in the `config` text-search configuration."""
    query = None
    for phrase in phrases:
        one = SearchQuery(phrase, config=config, search_type="phrase")
        query = one if query is None else query | one
    return query


# ts_headline marks the English matches with these two control characters, which
# no stored text holds (kbase.core.text refuses them), and headline_html escapes
# the text and turns them into <mark>: escaping in SQL took three nested replace()
# calls that cost Django more to compile than PostgreSQL spent running them.
HEADLINE_START, HEADLINE_STOP = "\x02", "\x03"


def headline_html(headline: str, codes: frozenset[str]) -> str:
    """A ts_headline of kbase's markers as HTML: escaped, with matches in <mark>.
    The English parser splits a code (E-7-S into e, -7 and s), so ts_headline cannot
    mark one: the codes among `codes` (code tokens: ParsedQuery.code_tokens) are
    marked here."""
    def mark(match: re.Match) -> str:
        code = match.group()
        already = headline[match.start() - 1:match.start()] == HEADLINE_START  # a decimal
        if code_token(code) in codes and not already:
            return HEADLINE_START + code + HEADLINE_STOP
        return code

    if codes:
        headline = CODE.sub(mark, headline)
    return _marked_html(headline)


def _marked_html(marked: str) -> str:
    """`marked` (a text with matches between HEADLINE_START and HEADLINE_STOP) as
    HTML: escaped, with the matches in <mark>."""
    return (html.escape(marked).replace(HEADLINE_START, "<mark>")
            .replace(HEADLINE_STOP, "</mark>"))


def highlight_korean(text: str, parsed: ParsedQuery,
                     words: dict[str, list[list[int]]]) -> str:
    """HTML-escaped `text` with the words (eojeol) holding a query token in <mark>,
    so 인재를 is marked, not 인재 alone. `words` is korean_highlight_words(text), as
    the search document keeps it."""
    marked = sorted({tuple(span) for token in parsed.korean_tokens
                     for span in words.get(token, ())})
    pieces, position = [], 0
    for start, end in marked:
        pieces += [text[position:start], HEADLINE_START, text[start:end], HEADLINE_STOP]
        position = end
    pieces.append(text[position:])
    # Escaped once, not piece by piece: a page of twenty texts 66 -> 30 µs.
    return _marked_html("".join(pieces))


def highlight(*, served: str, query: ParsedQuery, text_ko: str,
              words_ko: dict[str, list[list[int]]] | str, headline_en: str) -> str:
    """A result's highlight, in the language its text is served in (`served`): the
    Korean text with the words holding a query token marked (`words_ko`:
    korean_highlight_words of it, or that as JSON text), else the English
    headline."""
    if served != "ko":
        return headline_html(headline_en, query.code_tokens)
    words = orjson.loads(words_ko) if isinstance(words_ko, str) else words_ko
    return highlight_korean(text_ko, query, words)


# --- Candidates and ranking ----------------------------------------------------

class KnownCount(Protocol):
    """A queryset carrying its count, for core.api.KnownCountPaginator."""

    known_count: int


class Ranked(TypedDict):
    """What _ranked() annotates a fact with."""

    rank: float
    headline_en: str
    highlight_words_ko: dict[str, list[list[int]]]


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
    visible = visible_facts(unpublished=unpublished, include_withdrawn=False)
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
    """Facts matching `query` (the SEARCH_CANDIDATES most recent), best first, as
    fact_list()'s objects (for the public pages), with `rank`, `headline_en` (the
    English text with its matches between search.HEADLINE_START and HEADLINE_STOP:
    search.headline_html makes it HTML) and `highlight_words_ko` (for
    search.highlight_korean) annotated. The API reads fact_search_rows()."""
    candidates = _candidate_ids(user=user, query=query)
    results = _ranked(fact_list(user=user), candidates, *rank_phrases(query),
                      korean_reader=language == "ko")
    cast(KnownCount, results).known_count = len(candidates)
    return results


def fact_search_rows(*, user, query: ParsedQuery, language: str,
                     fields: Iterable[str] | None = None) -> RowsOfKeys:
    """fact_search() as rows of `text_ko`, `text_en`, `rank`, `headline_en`,
    `highlight_words_ko` (JSON text) and `json` (the representation in `language`,
    built by PostgreSQL, as the list's; with `fields`, only the keys named there).

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
                                   korean_reader=language == "ko",
                                   fields=None if fields is None
                                   else frozenset(fields) & KEY_NAMES)
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
                       korean_reader: bool, fields: frozenset[str] | None) -> Statement:
    ranked = _ranked(visible_facts(unpublished=unpublished, include_withdrawn=False),
                     Param(RowsOfKeys.KEYS),
                     _rank_params("ko", korean_phrases), _rank_params("en", english_phrases),
                     korean_reader=korean_reader)
    return Statement.of(ranked.values(
        "text_ko", "text_en", "rank", "headline_en", "highlight_words_ko",
        json=fact_json_expression(Param("language"), fields=fields)))
