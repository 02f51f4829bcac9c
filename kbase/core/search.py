"""Bilingual full-text search's language: a Korean morphological analyser, English
stemming, and web-search queries analysed as the documents are, compiled into one
condition over any search document (facts', sources'). The search of facts
(candidates, ranking, highlights) is kbase.facts.search.

PostgreSQL has no Korean text-search configuration, so Korean text is analysed
here (mecab-ko, loaded once per process) into normalised tokens: noun and verb
stems, numbers, Latin words, and codes such as E-7-S kept whole. They are
stored with the `simple` configuration; a query goes through the same analyser,
so 인재 finds 인재가, 인재를 and 인재들. English uses PostgreSQL's `english`
configuration (recruit ~ recruiting).
"""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass, field
from functools import cache, cached_property, reduce
from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.db.models import Q

MAX_QUERY_LENGTH = 500
MAX_QUERY_TERMS = 16

# Parts of speech that carry meaning (Sejong tag set, as mecab-ko-dic uses):
# common and proper nouns, numerals, numbers, foreign words, hanja, roots,
# verb and adjective stems. Particles, endings and suffixes are dropped.
_CONTENT_TAGS = {"NNG", "NNP", "NR", "SN", "SL", "SH", "XR", "VV", "VA"}
_STEM_TAGS = {"VV", "VA"}
# Codes (E-7-S, COVID-19) and numbers with separators stay one token. A code is looked
# for where a run of letters and digits starts (or where a number with separators
# ended): tried at every position of a long run, it read the run to its end each
# time, and 10,000 digits took seconds. It finds what it found before.
CODE = re.compile(r"(?:(?<![A-Za-z0-9])|(?<=,\d{3}))[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)+"
                  r"|\d{1,3}(?:,\d{3})+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")


@cache
def _tagger():
    """One mecab tagger per process: the dictionary is memory-mapped once."""
    import mecab

    return mecab.MeCab()._tagger


def code_token(code: str) -> str:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", code):
        return code.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)+", code):
        return code  # a decimal such as 1.5
    return code.replace("-", "").replace(".", "").lower()


def _morpheme_tokens(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) for the content morphemes of `text`.

    Reads mecab's lattice itself: MeCab.parse() builds two named tuples for every
    morpheme, particles and endings included, and the highlights of a page of
    Korean results analyse twenty texts."""
    from mecab.utils import create_lattice

    lattice = create_lattice(text)
    if not _tagger().parse(lattice):
        raise ValueError(f"mecab could not analyse {text[:50]!r}")
    tokens = []
    shift = None
    for (start, end), node in lattice:
        if shift is None:
            # mecab's offsets leave out the text's leading whitespace (spaces, tabs,
            # line breaks): the first morpheme says by how much.
            shift = text.find(node.surface) - start
        # pos,semantic,jongseong,reading,type,start pos,end pos,expression
        pos, _, rest = node.feature.partition(",")
        tag = pos.partition("+")[0]
        if tag not in _CONTENT_TAGS:
            continue
        form = node.surface
        if tag in _STEM_TAGS or "+" in pos:
            expression = rest.rpartition(",")[2]
            if expression != "*":
                # Inflected forms carry their dictionary form: 뛰노 -> 뛰놀, 됐 -> 되.
                form = expression.partition("+")[0].partition("/")[0]
        if tag == "SL":
            form = form.lower()
        tokens.append((form, start + shift, end + shift))
    return tokens


def korean_token_spans(text: str) -> list[tuple[str, int, int]]:
    """Tokens of `text` with their character spans, in order."""
    spans: list[tuple[str, int, int]] = []
    position = 0
    for match in CODE.finditer(text):
        spans += [(token, start + position, end + position)
                  for token, start, end in _morpheme_tokens(text[position:match.start()])]
        spans.append((code_token(match.group()), match.start(), match.end()))
        position = match.end()
    spans += [(token, start + position, end + position)
              for token, start, end in _morpheme_tokens(text[position:])]
    return spans


def korean_tokens(text: str) -> list[str]:
    return [token for token, _start, _end in korean_token_spans(text or "")]


def korean_document(*texts: str) -> str:
    """Analysed tokens joined by spaces, ready for to_tsvector('simple', ...)."""
    return " ".join(token for text in texts if text for token in korean_tokens(text))


def english_document(*texts: str) -> str:
    """English text for to_tsvector('english', ...), codes made one word first: the
    English parser splits E-7-S into e, -7 and the stop word s."""
    return " ".join(CODE.sub(lambda match: code_token(match.group()), text)
                    for text in texts if text)


# --- Queries -----------------------------------------------------------------

@dataclass
class Term:
    text: str
    negated: bool = False
    phrase: bool = False

    # A search matches, ranks and highlights by these: each analysed once a term.
    @cached_property
    def korean_tokens(self) -> list[str]:
        return korean_tokens(self.text)

    @cached_property
    def korean(self) -> str:
        """The Korean tokens as one phrase ('' for none)."""
        return " ".join(self.korean_tokens)

    @cached_property
    def english(self) -> str:
        """The English words as one phrase ('' for none)."""
        return _english_words(self.text)


@dataclass
class ParsedQuery:
    """Web-search syntax: terms are ANDed; `OR` joins neighbours; `-` excludes;
    quotes make a phrase. groups = [[term, term], ...] means AND of ORs."""

    groups: list[list[Term]] = field(default_factory=list)

    @property
    def positive_terms(self) -> list[Term]:
        return [term for group in self.groups for term in group if not term.negated]

    @cached_property
    def korean_tokens(self) -> set[str]:
        """The positive terms' Korean tokens: what a Korean highlight marks."""
        return {token for term in self.positive_terms for token in term.korean_tokens}

    @cached_property
    def code_tokens(self) -> frozenset[str]:
        """The positive terms' codes (E-7-S as e7s), which
        kbase.facts.search.headline_html marks."""
        return frozenset(code_token(code) for term in self.positive_terms
                         for code in CODE.findall(term.text))


class QueryError(ValueError):
    pass


_QUERY_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_query(raw: str) -> ParsedQuery:
    """Parse web-search syntax. Never raises on punctuation: it is just text."""
    if len(raw) > MAX_QUERY_LENGTH:
        raise QueryError(f"The query is {len(raw)} characters; the limit is "
                         f"{MAX_QUERY_LENGTH}.")
    groups: list[list[Term]] = []
    join_next = False
    for match in _QUERY_TOKEN.finditer(raw.replace("\x00", " ")):
        minus, phrase, word = match.groups()
        if word is not None and word == "OR":
            join_next = bool(groups)
            continue
        if word is not None:
            negated = word.startswith("-") and len(word) > 1
            term = Term(text=word[1:] if negated else word, negated=negated)
        else:
            term = Term(text=phrase or "", negated=bool(minus), phrase=True)
        if not re.search(r"\w", term.text):
            join_next = False
            continue
        # Terms past the limit are ignored, as web search engines do: the limit only
        # bounds the database query, and refusing would make a valid-looking query fail.
        if sum(len(group) for group in groups) == MAX_QUERY_TERMS:
            break
        if join_next and groups and not term.negated:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    return ParsedQuery(groups=groups)


# Punctuation a query's English words drop; a point between digits stays, since
# PostgreSQL's English parser reads 1.5 as one word.
_NOT_A_WORD = re.compile(r"(?!(?<=\d)\.(?=\d))[^\w\s-]")


def _english_words(text: str) -> str:
    return _NOT_A_WORD.sub(" ", english_document(text)).strip()


def _term_condition(korean: Any, english: Any, prefix: str) -> Q:
    """Where one term matches: its Korean phrase or its English one (either may be
    '', not both; a phrase may be an expression of it, as a compiled statement's
    Param)."""
    matches = []
    if korean:
        matches.append(Q(**{f"{prefix}search_ko": SearchQuery(korean, config="simple",
                                                              search_type="phrase")}))
    if english:
        matches.append(Q(**{f"{prefix}search_en": SearchQuery(english, config="english",
                                                              search_type="phrase")}))
    return reduce(operator.or_, matches)


def searchable_groups(parsed: ParsedQuery) -> list[list[Term]]:
    """The groups' terms that have something to match, in groups that have any."""
    groups = [[term for term in group if term.korean or term.english]
              for group in parsed.groups]
    return [group for group in groups if group]


def terms_condition(groups: list[list[tuple[bool, Any, Any]]], prefix: str) -> Q | None:
    """groups of (negated, Korean phrase, English phrase): ANDed groups of ORed terms.
    None without a term that is not negated."""
    if all(negated for group in groups for negated, _korean, _english in group):
        return None
    def term(negated: bool, korean: str, english: str) -> Q:
        condition = _term_condition(korean, english, prefix)
        return ~condition if negated else condition

    return reduce(operator.and_, (
        reduce(operator.or_, (term(*phrases) for phrases in group))
        for group in groups))


def search_condition(parsed: ParsedQuery, *, prefix: str = "") -> Q | None:
    """A Q for `parsed` over a model whose search document is at `prefix`.
    None when the query has no searchable term."""
    return terms_condition([[(term.negated, term.korean, term.english) for term in group]
                       for group in searchable_groups(parsed)], prefix)


# A word (eojeol), as a highlight marks it: a run of characters between spaces.
WORD = re.compile(r"\S+")


def korean_highlight_words(text: str, spans: list[tuple[str, int, int]] | None = None,
                           ) -> dict[str, list[list[int]]]:
    """For each Korean token of `text`, the words (eojeol: the runs between spaces)
    that hold it, as [start, end] character offsets, in order: what
    kbase.facts.search.highlight_korean marks. Computed when a fact's text is
    written and kept in its search document, so a page of Korean results is
    highlighted without analysing twenty texts.
    `spans` is korean_token_spans(text), when the caller has analysed it already."""
    words = [match.span() for match in WORD.finditer(text or "")]
    starts = [start for start, _end in words]
    found: dict[str, list[list[int]]] = {}
    if spans is None:
        spans = korean_token_spans(text or "")
    for token, start, _end in spans:
        word = list(words[bisect.bisect_right(starts, start) - 1])
        holding = found.setdefault(token, [])
        if not holding or holding[-1] != word:
            holding.append(word)
    return found
