"""The benchmark's knowledge base: realistic bilingual facts in bulk.

Sentences are the seed facts' own (fixtures/seed.yaml) with their numbers
varied and an entity, a year or a place added, so Korean and English vary
together and search finds what a newsroom's archive would hold. Every row goes
in with PostgreSQL COPY. Korean is analysed once per sentence pattern (mecab)
and the analysed tokens (and the words that hold them, for highlights) are
reused with the varied numbers; the search vectors
are then built in SQL with the same expressions as kbase's own indexing. Each
pattern's two texts are embedded once too, and its variants share those vectors.

Bulk loading bypasses kbase's history triggers (this is not an editor's write)
and drops the secondary indexes of the big tables while rows stream in, then
rebuilds them: the standard bulk-load recipe of the PostgreSQL manual
("Populating a Database").
"""

from __future__ import annotations

import functools
import json
import random
import re
import struct
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import orjson
from django.db import connection, transaction
from tqdm import tqdm

from kbase.core.embeddings import embedder
from kbase.core.search import (
    WORD,
    english_document,
    korean_document,
    korean_highlight_words,
    korean_tokens,
)
from kbase.facts.embeddings import text_digest
from kbase.facts.indexing import FACT_VECTORS_SQL
from kbase.facts.models import (
    Citation,
    Entity,
    Fact,
    FactAnalysis,
    FactEmbedding,
    FactSearchDocument,
    Topic,
)
from kbase.facts.numbers import (
    NumberCheck,
    compare_numbers,
    english_numbers,
    korean_numbers,
)
from kbase.facts.seed import read_seed, seed_load
from kbase.sources.indexing import SOURCE_VECTORS_SQL
from kbase.sources.models import Publisher, Source, SourceSearchDocument, Work
from kbase.sources.normalize import normalize_url
from kbase.sources.representation_sql import refresh_briefs_sql

CHUNK = 20_000
FACTS_PER_SOURCE = 10
_NUMBER = re.compile(r"\d+(?:\.\d+)?")

# More subjects than the seed's eight, so topic filters have realistic selectivity.
EXTRA_TOPICS = [
    ("economy", "경제", "Economy"), ("health", "보건", "Health"),
    ("housing", "주거", "Housing"), ("labour", "노동", "Labour"),
    ("energy", "에너지", "Energy"), ("climate", "기후", "Climate"),
    ("defence", "국방", "Defence"), ("diplomacy", "외교", "Diplomacy"),
    ("semiconductors", "반도체", "Semiconductors"), ("population", "인구", "Population"),
    ("transport", "교통", "Transport"), ("culture", "문화", "Culture"),
    ("tourism", "관광", "Tourism"), ("agriculture", "농업", "Agriculture"),
    ("finance", "금융", "Finance"), ("welfare", "복지", "Welfare"),
]
PLACES = [("서울", "Seoul"), ("부산", "Busan"), ("인천", "Incheon"), ("대구", "Daegu"),
          ("광주", "Gwangju"), ("대전", "Daejeon"), ("세종", "Sejong"), ("제주", "Jeju")]
TITLE_WORDS = [("인재", "talent"), ("산업", "industry"), ("정책", "policy"),
               ("전망", "outlook"), ("경쟁", "competition"), ("투자", "investment"),
               ("규제", "regulation"), ("성장", "growth"), ("고용", "jobs"),
               ("연구", "research"), ("교육", "education"), ("수출", "exports")]


@dataclass
class Pattern:
    """One seed sentence pair, analysed once. `numbers` are those both languages
    write the same way (38 and 38, not 1억 and 100 million): the ones varied."""

    text_ko: str
    text_en: str
    ko_tokens: list[str]
    ko_word_tokens: list[tuple[str, int]]  # (token, index of the word holding it)
    numbers: list[str]
    quantity: str | None
    unit: str
    quotes: list[tuple[str, str]]  # (quote in English, its Korean translation)


@dataclass
class LoadReport:
    facts: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())

    def as_dict(self) -> dict:
        return {"facts": self.facts, "rows": self.rows, "seconds": self.seconds,
                "total_rows": self.total_rows, "total_seconds": round(self.total_seconds, 1),
                "rows_per_second": round(self.total_rows / max(self.total_seconds, 1e-9))}


def _number_pattern(number: str) -> re.Pattern:
    return _numbers_pattern((number,))


def _patterns() -> list[Pattern]:
    seed = read_seed()
    patterns = []
    for fact in seed["facts"]:
        ko, en = fact.get("text_ko", ""), fact.get("text_en", "")
        if not ko or not en:
            continue
        numbers = sorted({n for n in _NUMBER.findall(en) if _number_pattern(n).search(ko)
                          and not 1900 <= float(n) <= 2100})
        quotes = [(c["quote"], c.get("quote_translation", "")) for c in fact.get("citations", [])
                  if c.get("quote_translation")]
        quantity = fact.get("quantity") or {}
        patterns.append(Pattern(ko, en, korean_tokens(ko), word_tokens(ko), numbers,
                                quantity.get("value"), quantity.get("unit", ""),
                                quotes or [(en, ko)]))
    return patterns


def word_tokens(text: str) -> list[tuple[str, int]]:
    """korean_highlight_words(text) as (token, index of the word holding it)."""
    index = {match.start(): n for n, match in enumerate(WORD.finditer(text))}
    return [(token, index[start]) for token, spans in korean_highlight_words(text).items()
            for start, _end in spans]


def korean_text(pattern: Pattern, varied: dict[str, str], year: int,
                entity_ko: str) -> tuple[str, dict[str, list[list[int]]]]:
    """A generated fact's Korean text and its korean_highlight_words(), from the
    pattern's analysed words (the varied numbers change no word but their own) and
    the analysed prefix: one analysis per pattern and per prefix, not per fact."""
    prefix = _korean_prefix(year, entity_ko)
    text = f"{prefix} {_fill(pattern.text_ko, varied)}"
    words = [list(match.span()) for match in WORD.finditer(text)]
    highlight: dict[str, list[list[int]]] = {}
    prefix_tokens = _prefix_tokens(prefix)
    offset = len(prefix.split())
    for token, index in [*prefix_tokens,
                         *[(varied.get(token, token), offset + index)
                           for token, index in pattern.ko_word_tokens]]:
        spans = highlight.setdefault(token, [])
        if words[index] not in spans:
            spans.append(words[index])
    return text, {token: sorted(spans) for token, spans in highlight.items()}


def _korean_prefix(year: int, entity_ko: str) -> str:
    return f"{year}년 {entity_ko} 관련:"


def _english_prefix(year: int, entity_en: str) -> str:
    return f"In {year}, on {entity_en}:"


def number_check(korean: tuple[str, str], english: tuple[str, str],
                 quantity: Decimal | None) -> NumberCheck:
    """check_numbers() of a generated fact's texts, each given as its prefix and its
    pattern's varied sentence (the text is the two joined by a space): each part is read
    once, as a million facts hold some 46,000 sentences and a few hundred prefixes (no
    number spans the space between the two: a test holds the result equal to
    check_numbers())."""
    return compare_numbers(_korean_numbers(korean[0]) + _korean_numbers(korean[1]),
                           _english_numbers(english[0]) + _english_numbers(english[1]),
                           has_korean=True, has_english=True, quantity=quantity)


@functools.cache
def _korean_numbers(text: str) -> tuple[Decimal, ...]:
    return tuple(korean_numbers(text))


@functools.cache
def _english_numbers(text: str) -> tuple[Decimal, ...]:
    return tuple(english_numbers(text))


# A fact's quote is one of its pattern's few: its document is made once.
_quote_document = functools.cache(english_document)


@functools.cache
def _prefix_tokens(prefix: str) -> list[tuple[str, int]]:
    return word_tokens(prefix)


def _vary(pattern: Pattern, rng: random.Random) -> dict[str, str]:
    """New values for the pattern's shared numbers, of the same kind and magnitude."""
    varied = {}
    for number in pattern.numbers:
        value = Decimal(number) * Decimal(rng.randrange(50, 200)) / 100
        places = len(number.split(".")[1]) if "." in number else 0
        varied[number] = (format(round(value, places), "f") if places
                          else str(max(1, int(value))))
    return varied


def _fill(text: str, varied: dict[str, str]) -> str:
    """`text` with each varied number replaced, all at once: one after another, a
    number could be replaced again by the next (28 -> 42, then 42 -> 50)."""
    if not varied:
        return text
    return _numbers_pattern(tuple(varied)).sub(lambda match: varied[match.group()], text)


@functools.cache
def _numbers_pattern(numbers: tuple[str, ...]) -> re.Pattern:
    # Longest first, so 1.5 is not read as 1; not inside a code such as E-7-S or a
    # longer number.
    alternatives = "|".join(re.escape(n) for n in sorted(numbers, key=len, reverse=True))
    return re.compile(rf"(?<![\w.-])(?:{alternatives})(?![\d.-])")


def _copy(cursor, table: str, columns: list[str], rows) -> int:
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _copy_binary(cursor, table: str, columns: list[str], types: list[str], rows) -> int:
    """COPY in PostgreSQL's binary format: each value as the server receives it, no
    text to parse (a vector's 384 numbers, written as text, cost more to read than
    the rest of its row)."""
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)") \
            as copy:
        copy.set_types(types)
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def halfvec_binary(vector) -> bytes:
    """pgvector's binary form of a halfvec (halfvec_recv): the dimensions and a
    reserved zero as 16-bit integers, then each value as a big-endian half float.
    COPY passes it to the column as it is (written as bytea: the bytes unchanged)."""
    return struct.pack(">hh", len(vector), 0) + np.asarray(vector, dtype=">f2").tobytes()


def _secondary_indexes(cursor, tables: list[str]) -> list[tuple[str, str]]:
    """(name, definition) of the indexes that back no constraint."""
    cursor.execute("""
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relname = ANY(%s) AND NOT EXISTS (
            SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
    """, [tables])
    return cursor.fetchall()


def _foreign_keys(cursor, tables: list[str]) -> list[tuple[str, str, str]]:
    """(table, name, definition) of the foreign keys the tables hold."""
    cursor.execute("""
        SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        WHERE c.contype = 'f' AND t.relname = ANY(%s)
    """, [tables])
    return cursor.fetchall()


BIG_TABLES = [Fact._meta.db_table, Citation._meta.db_table, FactSearchDocument._meta.db_table,
              FactAnalysis._meta.db_table, FactEmbedding._meta.db_table,
              Fact.topics.through._meta.db_table, Fact.entities.through._meta.db_table,
              Source._meta.db_table, SourceSearchDocument._meta.db_table]
TRACKED_TABLES = [Fact._meta.db_table, Citation._meta.db_table, Source._meta.db_table]
# Tables whose user triggers are off while the load runs: history records editors'
# writes, and a bulk load is not one (the sources' brief trigger is off with their
# history: the loader writes the briefs itself); the search documents' status trigger reads
# each document's fact, with a plan made while the facts table was empty (a whole
# scan of it per document, in one long transaction), so the loader writes each
# document's status itself.
TRIGGERS_OFF = [*TRACKED_TABLES, FactSearchDocument._meta.db_table]


def generate(*, facts: int, seed: int = 20251125, progress: bool = True) -> LoadReport:
    """Add `facts` generated facts (with sources, citations, topics, entities and
    search documents) to the database, on top of the seed knowledge base."""
    rng = random.Random(seed)
    report = LoadReport(facts=facts)
    started = time.perf_counter()
    seed_load()
    patterns = _patterns()
    topics = _ensure_topics()
    entities = list(Entity.objects.values_list("id", "name_ko", "name_en", "slug"))
    entity_tokens = {pk: korean_document(ko) for pk, ko, _en, _slug in entities}
    topic_names = {pk: (ko, en) for pk, ko, en in
                   Topic.objects.values_list("id", "name_ko", "name_en")}
    publishers = _ensure_publishers()
    report.seconds["prepare"] = time.perf_counter() - started

    with connection.cursor() as cursor:
        # A bulk load's statements run for minutes, not the web's 15 seconds.
        cursor.execute("SET statement_timeout = 0")
    with transaction.atomic(), connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # psycopg's own cursor, for COPY
        # The embeddings' HNSW graph builds many times faster while it fits in memory
        # (pgvector says in a notice when it no longer does).
        cursor.execute(f"SET LOCAL maintenance_work_mem = '{_maintenance_memory_mb()}MB'")
        cursor.execute("SET LOCAL synchronous_commit = off")
        indexes = _secondary_indexes(cursor, BIG_TABLES)
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
        # Each row a foreign key holds would be checked on its own at commit (some
        # fourteen million checks at a million facts); added again after the load,
        # each key checks every row in one join, as pg_restore does.
        foreign_keys = _foreign_keys(cursor, BIG_TABLES)
        for table, name, _definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
        for table in TRIGGERS_OFF:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")

        step = time.perf_counter()
        sources = _load_sources(cursor, rng, facts, publishers, report)
        report.seconds["sources"] = time.perf_counter() - step

        step = time.perf_counter()
        _load_facts(cursor, rng, facts, patterns, sources, topics, entities, entity_tokens,
                    topic_names, report, progress)
        report.seconds["facts"] = time.perf_counter() - step

        step = time.perf_counter()
        # Check the deferred foreign keys now: an index cannot be built on a
        # table with pending trigger events.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
        for _name, definition in tqdm(indexes, desc="indexes", unit="index",
                                      disable=not progress):
            built = time.perf_counter()
            cursor.execute(definition)
            if " USING hnsw " in definition:  # the embeddings': reported on its own,
                report.seconds["hnsw index"] = time.perf_counter() - built
                step += report.seconds["hnsw index"]  # not again under "indexes"
        for table in TRIGGERS_OFF:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        for model in (Fact, Citation, Source, Work, Fact.topics.through,
                      Fact.entities.through):
            table = model._meta.db_table
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                           f"(SELECT max(id) FROM {table}))")
        report.seconds["indexes"] = time.perf_counter() - step

    step = time.perf_counter()
    with connection.cursor() as cursor:
        # Visibility map and statistics, as autovacuum would leave them.
        for table in BIG_TABLES:
            cursor.execute(f"VACUUM (ANALYZE) {table}")
    report.seconds["vacuum"] = time.perf_counter() - step
    return report


def _maintenance_memory_mb() -> int:
    """Memory for building an index: a quarter of the machine's, 512 MB to 8 GB (the
    HNSW graph of two million embeddings takes about 3 GB)."""
    total_kb = next(int(line.split()[1]) for line in
                    Path("/proc/meminfo").read_text().splitlines()
                    if line.startswith("MemTotal"))
    return max(512, min(8192, total_kb // 1024 // 4))


def _ensure_topics() -> list[int]:
    for slug, ko, en in EXTRA_TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name_ko": ko, "name_en": en})
    return list(Topic.objects.values_list("id", flat=True))


def _ensure_publishers() -> list[tuple[int, str]]:
    for n in range(1, 21):
        Publisher.objects.get_or_create(
            slug=f"bench-daily-{n}",
            defaults={"name_ko": f"벤치일보 {n}", "name_en": f"Bench Daily {n}",
                      "kind": Publisher.Kind.NEWSPAPER, "country": "KR",
                      "homepage": f"https://bench-daily-{n}.example.kr/"})
    return list(Publisher.objects.filter(slug__startswith="bench-daily-")
                .values_list("id", "slug"))


def _defaults(model, given: list[str]) -> dict[str, object]:
    """Every other column's default, so COPY fills NOT NULL columns as the ORM would."""
    values = {}
    for f in model._meta.concrete_fields:
        if f.attname in given or f.primary_key:
            continue
        value = f.get_default()
        values[f.column] = json.dumps(value) if f.get_internal_type() == "JSONField" else value
    return values


def _load_sources(cursor, rng, facts, publishers, report) -> list[tuple[int, str, str, str]]:
    """Sources, most of them one edition of a work, one work in three with both a
    Korean and an English edition. Returns (id, language, title_ko, title_en)."""
    n_sources = max(20, facts // FACTS_PER_SOURCE)
    cursor.execute("SELECT coalesce(max(id), 0) FROM sources_work")
    work_id = cursor.fetchone()[0]
    cursor.execute("SELECT coalesce(max(id), 0) FROM sources_source")
    source_id = loaded_after = cursor.fetchone()[0]
    now = datetime.now(UTC)
    works, sources, docs = [], [], []
    result = []
    given = ["id", "slug", "publisher_id", "work_id", "kind", "language", "edition_kind",
             "title_ko", "title_en", "published_on", "published_precision", "url",
             "normalized_url", "created_at", "updated_at"]
    extra = _defaults(Source, given)
    title_docs = {}
    while len(sources) < n_sources:
        work_id += 1
        works.append((work_id, f"bench-work-{work_id}", now, now))
        (w1_ko, w1_en), (w2_ko, w2_en) = rng.sample(TITLE_WORDS, 2)
        place_ko, place_en = rng.choice(PLACES)
        title_ko = f"{place_ko} {w1_ko} {w2_ko} 보고 {work_id}"
        title_en = f"{place_en} {w1_en} and {w2_en} report {work_id}"
        publisher_id, publisher_slug = rng.choice(publishers)
        published = date(2020, 1, 1) + timedelta(days=rng.randrange(2190))
        languages = ["ko", "en"] if work_id % 3 == 0 else [rng.choice(["ko", "en"])]
        for i, language in enumerate(languages):
            source_id += 1
            section = "en/" if language == "en" else ""
            url = (f"https://bench-daily.example.kr/{publisher_slug}/{section}"
                   f"article/{work_id}?utm_source=bench")
            sources.append((source_id, f"bench-source-{source_id}", publisher_id, work_id,
                            rng.choice(["article", "editorial", "report", "broadcast_transcript"]),
                            language, "original" if i == 0 else "translation",
                            title_ko, title_en, published, "day", url, normalize_url(url),
                            now, now, *extra.values()))
            key = (w1_ko, w2_ko, place_ko)
            if key not in title_docs:
                title_docs[key] = korean_document(f"{place_ko} {w1_ko} {w2_ko} 보고")
            docs.append((source_id, f"{title_docs[key]} {work_id}", "", "",
                         english_document(title_en), "", ""))
            result.append((source_id, language, title_ko, title_en))
    report.rows["works"] = _copy(cursor, "sources_work", ["id", "slug", "created_at",
                                                          "updated_at"], works)
    report.rows["sources"] = _copy(cursor, "sources_source", given + list(extra), sources)
    # What the sources' trigger, off for the load, writes.
    cursor.execute(refresh_briefs_sql(f"s.id > {int(loaded_after)}"))
    report.rows["source briefs"] = cursor.rowcount
    cursor.execute("CREATE TEMP TABLE bench_source_docs (id bigint, ko_a text, ko_b text, "
                   "ko_c text, en_a text, en_b text, en_c text) ON COMMIT DROP")
    _copy(cursor, "bench_source_docs", ["id", "ko_a", "ko_b", "ko_c", "en_a", "en_b", "en_c"],
          docs)
    cursor.execute(f"INSERT INTO sources_sourcesearchdocument (source_id, search_ko, search_en) "
                   f"SELECT v.id, {SOURCE_VECTORS_SQL} FROM bench_source_docs v")
    report.rows["source search documents"] = cursor.rowcount
    return result


STATUSES = (["published"] * 180 + ["draft"] * 10 + ["review"] * 6 + ["retracted"] * 3
            + ["superseded"] * 1)


def _load_facts(cursor, rng, facts, patterns, sources, topics, entities, entity_tokens,
                topic_names, report, progress) -> None:
    cursor.execute("SELECT coalesce(max(id), 0) FROM facts_fact")
    first_id = cursor.fetchone()[0] + 1
    fact_cols = ["id", "public_id", "text_ko", "text_en", "text_ko_origin", "text_en_origin",
                 "quantity_value", "quantity_unit", "quantity_qualifier", "as_of",
                 "as_of_precision", "status", "published_at", "superseded_by_id",
                 "status_reason", "review_by", "version", "created_at", "updated_at"]
    fact_extra = _defaults(Fact, fact_cols)
    citation_cols = ["id", "fact_id", "source_id", "quote", "quote_translation", "locator",
                     "stance", "accessed_on", "created_at", "updated_at"]
    citation_extra = _defaults(Citation, citation_cols)
    cursor.execute("SELECT coalesce(max(id), 0) FROM facts_citation")
    citation_id = cursor.fetchone()[0]
    cursor.execute("CREATE TEMP TABLE bench_fact_docs (id bigint, ko_a text, ko_b text, "
                   "ko_c text, ko_d text, en_a text, en_b text, en_c text, en_d text, "
                   "number_check text, highlight_words_ko text, created_at timestamptz, "
                   "status text) ON COMMIT DROP")
    start_time = datetime(2023, 1, 1, tzinfo=UTC)
    span = (datetime(2026, 11, 1, tzinfo=UTC) - start_time).total_seconds()
    counts = {"facts": 0, "citations": 0, "fact topics": 0, "fact entities": 0,
              "fact search documents": 0, "fact embeddings": 0}
    # Each pattern's two texts are embedded once, and each generated fact takes its
    # pattern's vectors (the digest is of the fact's own text, so embed_facts leaves
    # them be): embedding a million texts would take hours, and the index and the
    # query cost the same for any vectors.
    model = embedder()
    vectors = model.passages([text for p in patterns for text in (p.text_ko, p.text_en)])
    pattern_vectors = {id(p): (halfvec_binary(vectors[2 * i]),
                               halfvec_binary(vectors[2 * i + 1]))
                       for i, p in enumerate(patterns)}
    bar = tqdm(total=facts, desc="facts", unit="fact", unit_scale=True, disable=not progress)
    # One thread writes while the loop makes the next chunk; only it touches the cursor
    # until the loop ends.
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bench-writer")
    writing: Future | None = None
    try:
        for chunk_start in range(0, facts, CHUNK):
            n = min(CHUNK, facts - chunk_start)
            fact_rows, citation_rows, topic_rows, entity_rows, doc_rows = [], [], [], [], []
            embedding_rows = []
            for i in range(n):
                fact_id = first_id + chunk_start + i
                pattern = rng.choice(patterns)
                varied = _vary(pattern, rng)
                entity_id, entity_ko, entity_en, _slug = rng.choice(entities)
                year = rng.randrange(2015, 2027)
                text_ko, highlight_words_ko = korean_text(pattern, varied, year, entity_ko)
                body_en = _fill(pattern.text_en, varied)
                text_en = f"{_english_prefix(year, entity_en)} {body_en}"
                ko_a = " ".join([str(year), entity_tokens[entity_id],
                                 *[varied.get(token, token) for token in pattern.ko_tokens]])
                value = None
                if pattern.quantity is not None:
                    value = Decimal(varied.get(pattern.quantity, pattern.quantity))
                status = rng.choice(STATUSES)
                created = start_time + timedelta(seconds=span * (chunk_start + i) / max(facts, 1))
                superseded_by = fact_id + 1 if status == "superseded" and i < n - 1 else None
                if status == "superseded" and superseded_by is None:
                    status = "retracted"
                fact_rows.append((
                    fact_id, uuid.UUID(int=rng.getrandbits(128), version=4), text_ko, text_en,
                    "source", "translation", value, pattern.unit if value is not None else "",
                    "exact" if value is not None else "",
                    date(year, rng.randrange(1, 13), 1), "month", status,
                    created if status != "draft" and status != "review" else None,
                    superseded_by, "", None, 1, created, created, *fact_extra.values()))
                vector_ko, vector_en = pattern_vectors[id(pattern)]
                embedding_rows += [(fact_id, "ko", model.name, text_digest(text_ko), vector_ko),
                                   (fact_id, "en", model.name, text_digest(text_en), vector_en)]
                fact_topics = rng.sample(topics, rng.choice((1, 1, 2, 2, 3)))
                for topic_id in fact_topics:
                    topic_rows.append((fact_id, topic_id))
                entity_rows.append((fact_id, entity_id))
                cited = rng.sample(sources, rng.choice((1, 1, 2, 2, 2, 3, 3, 4)))
                quote_en, quote_ko = rng.choice(pattern.quotes)
                quotes_ko, quotes_en, titles_ko, titles_en = [], [], [], []
                for n_cite, (source_id, language, title_ko, title_en) in enumerate(cited):
                    citation_id += 1
                    quote, translation = (quote_ko, quote_en) if language == "ko" \
                        else (quote_en, quote_ko)
                    citation_rows.append((
                        citation_id, fact_id, source_id, quote, translation,
                        f"paragraph {n_cite + 2}", "supports", created.date(), created, created,
                        *citation_extra.values()))
                    titles_ko.append(title_ko)
                    titles_en.append(title_en)
                    (quotes_ko if language == "ko" else quotes_en).append(quote)
                names_ko = [topic_names[t][0] for t in fact_topics] + [entity_ko]
                names_en = [topic_names[t][1] for t in fact_topics] + [entity_en]
                doc_rows.append((
                    fact_id, ko_a, ko_a if quotes_ko else "",
                    " ".join(names_ko), " ".join(titles_ko),
                    english_document(text_en), _quote_document(quote_en),
                    " ".join(names_en), " ".join(titles_en),
                    orjson.dumps(number_check(
                        (_korean_prefix(year, entity_ko), _fill(pattern.text_ko, varied)),
                        (_english_prefix(year, entity_en), body_en),
                        value).as_dict()).decode(),
                    orjson.dumps(highlight_words_ko).decode(), created, status))
            # The server takes in this chunk while the next one is made: making rows is
            # Python's work and COPY's the server's, one core each.
            if writing is not None:
                writing.result()
            writing = writer.submit(_write_chunk, cursor, counts, {
                "facts_fact": (fact_cols + list(fact_extra), fact_rows),
                "facts_citation": (citation_cols + list(citation_extra), citation_rows),
                "facts_fact_topics": (["fact_id", "topic_id"], topic_rows),
                "facts_fact_entities": (["fact_id", "entity_id"], entity_rows),
                "bench_fact_docs": (["id", "ko_a", "ko_b", "ko_c", "ko_d", "en_a", "en_b", "en_c",
                                     "en_d", "number_check", "highlight_words_ko", "created_at",
                                     "status"], doc_rows),
            }, embedding_rows)
            bar.update(n)
    finally:  # the cursor is the writer's until it is done, whatever went wrong
        writer.shutdown(wait=True)
    if writing is not None:
        writing.result()
    bar.close()
    report.rows.update(counts)


ROW_COUNTS = {"facts_fact": "facts", "facts_citation": "citations",
              "facts_fact_topics": "fact topics", "facts_fact_entities": "fact entities"}


def _write_chunk(cursor, counts: dict[str, int], tables: dict[str, tuple[list[str], list]],
                 embedding_rows: list) -> None:
    """COPY one chunk's rows, then build its search documents and analyses from them."""
    for table, (columns, rows) in tables.items():
        copied = _copy(cursor, table, columns, rows)
        if table in ROW_COUNTS:
            counts[ROW_COUNTS[table]] += copied
    counts["fact embeddings"] += _copy_binary(
        cursor, FactEmbedding._meta.db_table,
        ["fact_id", "language", "model", "digest", "embedding"],
        ["int8", "text", "text", "bytea", "bytea"], embedding_rows)
    cursor.execute(f"INSERT INTO facts_factsearchdocument "
                   f"(fact_id, search_ko, search_en, created_at, status) "
                   f"SELECT v.id, {FACT_VECTORS_SQL}, v.created_at, v.status "
                   f"FROM bench_fact_docs v")
    counts["fact search documents"] += cursor.rowcount
    cursor.execute("INSERT INTO facts_factanalysis (fact_id, number_check, "
                   "highlight_words_ko) SELECT v.id, v.number_check::jsonb, "
                   "v.highlight_words_ko::jsonb FROM bench_fact_docs v")
    cursor.execute("TRUNCATE bench_fact_docs")
