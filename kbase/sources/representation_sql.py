"""A source as citations show it (its brief), built by PostgreSQL, as SQL text.

Plain strings, with no Django in them: templates (kbase.core.sqltext) whose
`{language}` slots are the served language ('ko' or 'en'). The briefs are stored
(SourceBrief), written by triggers on sources and publishers with
refresh_briefs_sql; a fact's JSON reads them with BRIEF_SQL.
"""

from __future__ import annotations

from psycopg import sql

from kbase.core.representation import iso_sql, name_in_sql
from kbase.core.sqltext import sql_text

# The brief of a source `s` and its publisher `p`: the only statement of it.
SOURCE_BRIEF_SQL = f"""json_build_object(
        'id', s.id, 'slug', s.slug, 'kind', s.kind, 'language', s.language,
        'title', coalesce(nullif(CASE WHEN s.language = 'ko' THEN s.title_ko
                                      ELSE s.title_en END, ''), {name_in_sql("s", "title")}),
        'publisher', json_build_object('slug', p.slug, 'name', {name_in_sql("p")}),
        'published_on', s.published_on, 'url', s.url)"""

# The source columns and publisher columns a brief reads: writing any other changes
# no brief.
SOURCE_BRIEF_COLUMNS = ("slug", "kind", "language", "title_ko", "title_en", "publisher_id",
                        "published_on", "url")
PUBLISHER_BRIEF_COLUMNS = ("slug", "name_ko", "name_en")


def refresh_briefs_sql(where: str) -> str:
    """Writes the stored briefs, in both languages, of the sources `where` (a
    condition on `s`, the source, and `p`, its publisher) selects."""
    def brief_in(language: str) -> str:
        return sql_text(SOURCE_BRIEF_SQL, language=sql.Literal(language))

    return f"""INSERT INTO sources_sourcebrief (source_id, brief_ko, brief_en)
SELECT s.id, {brief_in("ko")}, {brief_in("en")}
FROM sources_source s JOIN sources_publisher p ON p.id = s.publisher_id
WHERE {where}
ON CONFLICT (source_id) DO UPDATE
SET brief_ko = EXCLUDED.brief_ko, brief_en = EXCLUDED.brief_en"""  # noqa: S608  (kbase's SQL constants only)


# The stored brief of `b` (a sources_sourcebrief row) in the served language.
BRIEF_SQL = "CASE WHEN {language} = 'ko' THEN b.brief_ko ELSE b.brief_en END"


# A publisher `p`, as the publishers list and a source show it.
PUBLISHER_SQL = f"""json_build_object(
        'slug', p.slug, 'name', {name_in_sql("p")}, 'name_ko', p.name_ko, 'name_en', p.name_en,
        'kind', p.kind, 'homepage', p.homepage, 'country', p.country)"""

# The publisher of each row `sources_publisher` (the publishers list's).
PUBLISHER_OF_ROW_SQL = f"""
SELECT {PUBLISHER_SQL} FROM sources_publisher p
WHERE p.id = sources_publisher.id"""  # noqa: S608  (kbase's SQL constants only)

# A source as the sources API shows it, of the row `sources_source`.
SOURCE_SQL = f"""json_build_object(
    'id', sources_source.id, 'slug', sources_source.slug, 'url', sources_source.url,
    'normalized_url', sources_source.normalized_url,
    'publisher', (SELECT {PUBLISHER_SQL}
        FROM sources_publisher p WHERE p.id = sources_source.publisher_id),
    'work', (SELECT w.slug FROM sources_work w WHERE w.id = sources_source.work_id),
    'kind', sources_source.kind, 'language', sources_source.language,
    'edition_kind', sources_source.edition_kind,
    'title', {name_in_sql("sources_source", "title", language="sources_source.language")},
    'title_ko', sources_source.title_ko, 'title_en', sources_source.title_en,
    'authors', sources_source.authors, 'program', sources_source.program,
    'published_on', sources_source.published_on,
    'published_precision', sources_source.published_precision,
    'published_note', sources_source.published_note,
    'accessed_on', sources_source.accessed_on,
    'has_archived_text', sources_source.archived_text <> '',
    'created_at', {iso_sql("sources_source.created_at")},
    'updated_at', {iso_sql("sources_source.updated_at")})"""  # noqa: S608  (kbase's SQL constants only)
