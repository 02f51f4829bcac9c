"""Compiled statements, and prepared statements for the busiest reads: the one way
kbase builds a statement once and runs it with each request's values.

A statement is built by the ORM (or from kbase's own SQL constants, SQLTemplate)
with a Param wherever a request's value goes: a Param compiles to one placeholder
whose parameter is the Param itself, and Statement.bind() puts each request's
values in their place, by name. No value stands in for another, and nothing counts
placeholders.

Django binds parameters in the client (psycopg's ClientCursor): each query reaches
PostgreSQL as text with its values written in, and is planned every time. For the
facts list, planning cost PostgreSQL more than a third of answering (1.4 of 3.9 ms
at a million facts). Statement.rows() runs on a cursor that binds on the server
instead, so psycopg prepares its statement once per connection
(after `prepare_threshold` runs of the same SQL, 5 by default; never where the
settings turn preparing off, as behind PgBouncer) and later runs reuse the plan.

Only for chosen reads: not every statement of kbase can bind on the server
(django-pghistory puts a second statement in front of each write, and the extended
protocol refuses two); a statement whose values change its text (an IN list of any
length) would only fill psycopg's cache of prepared statements; and a prepared
statement may settle on one generic plan, wrong for values that match many rows
where most match few.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.backends.postgresql.base import ServerBindingCursor
from django.db.models import DateTimeField, Expression, Field, Model, QuerySet, TextField, Value
from psycopg import sql
from psycopg.types.datetime import TimestamptzLoader

from kbase.core.expressions import int_array
from kbase.core.sqltext import template_parts


class Param(Value):
    """A named value of a compiled statement. Compiled where a value goes, it leaves
    one placeholder (`%s`, unparenthesised, as a value would) whose parameter is
    this object until Statement.bind() gives it its value."""

    def __init__(self, name: str, output_field: Field | None = None) -> None:
        super().__init__(None, output_field=output_field or TextField())
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [self]

    def __repr__(self) -> str:
        return f"Param({self.name!r})"


class SQLTemplate(Expression):
    """SQL from kbase's own constants, with `{name}` slots (psycopg's sql.SQL format):
    each slot compiles to a placeholder for its value in `values`, a plain value or
    a Param. The representation SQL is written this way (its `{language}` slots)."""

    def __init__(self, template: str, *, output_field: Field | None = None,
                 **values: Any) -> None:
        super().__init__(output_field=output_field or TextField())
        self.template, self.values = template, values

    def as_sql(self, compiler, connection):
        # In parentheses, as Django writes RawSQL.
        text: list[str] = ["("]
        params: list = []
        for part in template_parts(self.template, tuple(sorted(self.values))):
            if isinstance(part, str):
                text.append(part)
                continue
            value = self.values[part.name]
            if isinstance(value, Expression):
                value_sql, value_params = compiler.compile(value)
                text.append(value_sql)
                params.extend(value_params)
            else:
                text.append("%s")
                params.append(value)
        text.append(")")
        return "".join(text), params


@dataclass(frozen=True)
class Statement:
    """An SQL statement and its parameters, some of them Params."""

    sql: str
    params: tuple

    @classmethod
    def of(cls, queryset: QuerySet) -> Statement:
        sql_, params = queryset.query.sql_with_params()
        return cls(sql_, tuple(params))

    def limited(self, limit: int, offset: int = 0) -> Statement:
        """The statement with LIMIT (and OFFSET) written in, not bound: with them as
        parameters no generic plan is worth keeping (it assumes a tenth of the rows),
        so PostgreSQL planned every page again (2.2 -> 2.6 ms)."""
        limited = sql.SQL("{} LIMIT {}").format(sql.SQL(self.sql), sql.Literal(int(limit)))
        if offset:
            limited = sql.SQL("{} OFFSET {}").format(limited, sql.Literal(int(offset)))
        return Statement(limited.as_string(None), self.params)

    def bind(self, values: Mapping[str, Any]) -> list:
        """The parameters, each Param given its value in `values` (KeyError for a
        Param without one)."""
        return [values[param.name] if isinstance(param, Param) else param
                for param in self.params]

    def rows(self, values: Mapping[str, Any], *, using: str) -> list[dict]:
        """The statement's rows with `values`, as dicts, prepared (server_side_binding)."""
        return read_rows(self.sql, self.bind(values), using=using)


class _PreparedReadCursor(ServerBindingCursor):
    """Binds on the server, and reads timestamps with psycopg's own loader (in C)
    rather than Django's subclass of it (in Python, which then sets the time zone
    Django's session already has): the same datetimes, and the 102 of a list page
    cost 0.09 ms of CPU instead of 0.49. Where the connection's time zone differs
    from Django's, Django registers its loader on the cursor over this one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.adapters.register_loader("timestamptz", TimestamptzLoader)


@contextmanager
def server_side_binding(using: str) -> Iterator[None]:
    """Cursors opened on `using` inside the block bind their parameters on the server."""
    wrapper = connections[using]
    wrapper.ensure_connection()
    connection = wrapper.connection
    previous = connection.cursor_factory
    connection.cursor_factory = _PreparedReadCursor
    try:
        yield
    finally:
        connection.cursor_factory = previous


def read_rows(sql_: str, params: list, *, using: str) -> list[dict]:
    """The rows of `sql_` on `using`, as dicts, on a cursor that binds on the server."""
    with server_side_binding(using), connections[using].cursor() as cursor:
        cursor.execute(sql_, params)
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# A cursor page's position: the Param a paginated ordering's timestamp binds to.
POSITION = "position"


@functools.lru_cache(maxsize=128)
def _page_statement(build: Callable[..., QuerySet], shape: tuple[tuple[str, Any], ...],
                    names: tuple[str, ...], ordering: tuple[str, ...],
                    position_lookup: str | None) -> Statement:
    rows = build(**dict(shape), **{name: Param(name) for name in names}).order_by(*ordering)
    if position_lookup is not None:
        rows = rows.filter(**{position_lookup: Param(POSITION, DateTimeField())})
    return Statement.of(rows)


class StatementPages:
    """The rows of a values() queryset read a page at a time, as a cursor paginator
    reads them (kbase.core.api.KbaseCursorPagination.paginate_statement): ordered,
    after a position, a slice at a time. Each shape of that read is built and
    compiled by the ORM once and runs as a prepared statement.

    For the facts list, building the queryset and its paginated clones and
    compiling them cost Django 0.43 of the page's 1.5 ms of Python, every request.
    `build(**shape, **values)` is built once per shape, ordering and position
    lookup, with a Param for each of `values` and for the position; each page binds
    its own values."""

    def __init__(self, build: Callable[..., QuerySet], *, model: type[Model],
                 shape: dict[str, Hashable], values: dict[str, Any],
                 using: str) -> None:
        self.build, self.model, self.using = build, model, using
        self.shape = tuple(sorted(shape.items()))
        self.values = values

    def read(self, *, ordering: tuple[str, ...] | list[str], limit: int, offset: int = 0,
             position: tuple[str, str] | None = None) -> list[dict]:
        """`limit` rows in `ordering`, after `offset` of them, from `position` on:
        (a lookup on a timestamp field, as `created_at__lt`, and the paginator's
        text of its value)."""
        if limit <= 0:
            return []
        values = dict(self.values)
        lookup = None
        if position is not None:
            lookup, text = position
            field = self.model._meta.get_field(lookup.split("__")[0])
            if not isinstance(field, DateTimeField):
                raise TypeError(f"pages are positioned by timestamps, not by {lookup}")
            values[POSITION] = field.get_prep_value(text)  # as the ORM would take it
        statement = _page_statement(self.build, self.shape, tuple(sorted(self.values)),
                                    tuple(ordering), lookup)
        return statement.limited(limit, offset).rows(values, using=self.using)


class RowsOfKeys:
    """The rows of one statement for a list of keys known and ordered beforehand, a
    page at a time, as Django's Paginator slices a sequence: a page binds only its
    own keys (to the Param `keys`, as the text of a bigint array), so the statement
    reads that page's rows and no others, the one prepared statement for every
    page. The statement orders the rows as the keys are ordered.

    Search ranks its candidates as it finds them; a page of results then builds the
    representation of its twenty facts only, where reading and ordering all two
    hundred candidates again cost PostgreSQL half of the ranking statement."""

    KEYS = "keys"

    def __init__(self, statement: Statement, values: Mapping[str, Any], *, keys: list[int],
                 using: str) -> None:
        self.statement, self.values, self.keys, self.using = statement, values, keys, using

    def __getitem__(self, page: slice) -> list[dict]:
        if not isinstance(page, slice) or page.step is not None:
            raise TypeError("rows of keys are read a page (a slice) at a time")
        keys = self.keys[page]
        if not keys:
            return []
        return self.statement.rows({**self.values, self.KEYS: int_array(keys)},
                                   using=self.using)

    def __len__(self) -> int:
        return len(self.keys)
