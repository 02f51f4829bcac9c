"""The seed knowledge base (fixtures/seed.yaml) for tests, loaded through the services
once a test run and copied back after that.

`seed_load()` goes through the services, as an editor would: some 3,000 queries and
several seconds of CPU, in each of the thirty-odd tests that read the seed. The first
test that asks for it here loads it that way and keeps a copy of every row the load
wrote (history, search documents and briefs included); the tests after it get those
same rows back with COPY, in a few milliseconds. The tables' own triggers are held off
while the rows go back, since what they wrote is already in the copy.

Only where a load started from empty tables is copied, and only into empty tables:
anywhere else (a test that wrote facts first) the services load the seed as before.
The copy lives in the test process (with pytest-xdist, one per worker).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from psycopg import sql

from kbase.facts.embeddings import fact_embeddings_refresh
from kbase.facts.seed import seed_load


@dataclass(frozen=True)
class SeedCopy:
    tables: dict[str, tuple[tuple[str, ...], bytes]]  # table: (columns, COPY data)
    sequences: dict[str, int]  # sequence: its value after the load


_copy: SeedCopy | None = None


def seed_loaded() -> None:
    """The seed knowledge base is in the test database, as `seed_load()` leaves it."""
    global _copy
    if _copy is not None and _all_empty(_copy.tables):
        _restore(_copy)
        return
    tables = _tables()
    before = _row_counts(tables)
    seed_load()
    # The seed as a server holds it once the load's writes have committed: with its
    # embeddings, which a test inside a transaction would otherwise never write
    # (they are written after commit), and which the copy then carries.
    fact_embeddings_refresh(fact_ids=None)
    if _copy is None:
        _copy = _copy_of_load(tables, before)


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT c.relname FROM pg_class c JOIN pg_namespace n "
                       "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                       "AND c.relkind = 'r' ORDER BY c.relname")
        return [name for (name,) in cursor.fetchall()]


def _row_counts(tables: list[str]) -> dict[str, int]:
    query = sql.SQL(" UNION ALL ").join(
        sql.SQL("SELECT {name}, count(*) FROM {table}").format(
            name=sql.Literal(table), table=sql.Identifier(table)) for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(query.as_string(connection.connection))
        return dict(cursor.fetchall())


def _all_empty(tables) -> bool:
    query = sql.SQL("SELECT {}").format(sql.SQL(" OR ").join(
        sql.SQL("EXISTS (SELECT FROM {})").format(sql.Identifier(table)) for table in tables))
    with connection.cursor() as cursor:
        cursor.execute(query.as_string(connection.connection))
        return not cursor.fetchone()[0]


def _copy_of_load(tables: list[str], before: dict[str, int]) -> SeedCopy | None:
    after = _row_counts(tables)
    written = [table for table in tables if after[table] != before[table]]
    if any(before[table] for table in written) or _points_outside(written):
        return None  # not a load into empty tables: nothing to copy back later
    copied = {}
    with connection.cursor() as cursor:
        for table in written:
            columns = _stored_columns(cursor, table)
            statement = sql.SQL("COPY {} ({}) TO STDOUT (FORMAT binary)").format(
                sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)))
            with cursor.copy(statement) as copy:
                copied[table] = (columns, b"".join(bytes(block) for block in copy))
        cursor.execute(
            "SELECT s.oid::regclass::text, pg_sequence_last_value(s.oid) FROM pg_class s "
            "JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i') "
            "WHERE s.relkind = 'S' AND d.refobjid = ANY(%s::regclass[])", [_names(written)])
        sequences = {name: value for name, value in cursor.fetchall() if value is not None}
    return SeedCopy(tables=copied, sequences=sequences)


def _points_outside(written: list[str]) -> bool:
    """Does a row the load wrote refer to a row it did not write (a user, a content
    type)? Such a row may not be there, or not under that id, in a later test."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.conrelid::regclass::text, a.attname FROM pg_constraint c "
            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey) "
            "WHERE c.contype = 'f' AND c.conrelid = ANY(%(written)s::regclass[]) "
            "AND NOT c.confrelid = ANY(%(written)s::regclass[])", {"written": _names(written)})
        references = cursor.fetchall()
        for table, column in references:
            cursor.execute(sql.SQL("SELECT EXISTS (SELECT FROM {} WHERE {} IS NOT NULL)")
                           .format(sql.SQL(table), sql.Identifier(column))
                           .as_string(connection.connection))
            if cursor.fetchone()[0]:
                return True
    return False


def _stored_columns(cursor, table: str) -> tuple[str, ...]:
    cursor.execute("SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass "
                   "AND attnum > 0 AND NOT attisdropped AND attgenerated = '' "
                   "ORDER BY attnum", _names([table]))
    return tuple(name for (name,) in cursor.fetchall())


def _names(tables: list[str]) -> list[str]:
    """The tables' names as regclass reads them (quoted)."""
    return [sql.Identifier(table).as_string(connection.connection) for table in tables]


def _restore(copy: SeedCopy) -> None:
    def alter_all(action: str) -> None:
        for table in copy.tables:
            cursor.execute(sql.SQL("ALTER TABLE {} {} TRIGGER USER").format(
                sql.Identifier(table), sql.SQL(action)).as_string(connection.connection))

    with transaction.atomic(), connection.cursor() as cursor:
        alter_all("DISABLE")
        for table, (columns, data) in copy.tables.items():
            statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT binary)").format(
                sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)))
            with cursor.copy(statement) as target:
                target.write(data)
        # The foreign keys' deferred checks run now: a table with checks pending
        # cannot be altered (Django checks the same way after loading fixtures).
        connection.check_constraints()
        alter_all("ENABLE")
        for sequence, value in copy.sequences.items():
            # Never backwards: rows written before, and since rolled back, used theirs.
            cursor.execute("SELECT setval(%s::regclass, %s) WHERE coalesce("
                           "pg_sequence_last_value(%s::regclass), 0) < %s",
                           [sequence, value, sequence, value])
