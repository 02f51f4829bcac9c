"""Prepared statements for the busiest reads.

Django binds parameters in the client (psycopg's ClientCursor): each query reaches
PostgreSQL as text with its values written in, and is planned every time. For the
facts list, planning cost PostgreSQL more than a third of answering (1.4 of 3.9 ms
at a million facts). The reads below run on a cursor that binds on the server
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

import copy
import functools
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from django.db import connections, router
from django.db.backends.postgresql.base import ServerBindingCursor
from django.db.models import DateTimeField, Model, QuerySet
from psycopg.types.datetime import TimestamptzLoader

from kbase.core.expressions import int_array


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


def bind(params: tuple | list, values: dict) -> list:
    """A statement's parameters as compiled with stand-ins, each stand-in replaced
    by its value in `values` (the others kept)."""
    return [values.get(param, param) if isinstance(param, Hashable) else param
            for param in params]


def read_rows(sql: str, params: list, *, using: str) -> list[dict]:
    """The rows of `sql` on `using`, as dicts, on a cursor that binds on the server."""
    with server_side_binding(using), connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# The stand-in a statement is compiled with for a named text value, and for a
# cursor's position (a moment: the paginated orderings are timestamps).
def _stand_in(name: str) -> str:
    return f"kbase:stand-in:{name}"


_POSITION = datetime(1, 1, 1, 0, 0, 0, 1, tzinfo=UTC)


@functools.lru_cache(maxsize=128)
def _page_statement(build: Callable[..., QuerySet], shape: tuple[tuple[str, Any], ...],
                    names: tuple[str, ...], ordering: tuple[str, ...],
                    position_lookup: str | None) -> tuple[str, tuple]:
    rows = build(**dict(shape), **{name: _stand_in(name) for name in names})
    rows = rows.order_by(*ordering)
    if position_lookup is not None:
        rows = rows.filter(**{position_lookup: _POSITION})
    return rows.query.sql_with_params()


class PreparedPages:
    """The rows of a values() queryset as a cursor paginator reads them (ordered,
    after a position, a slice at a time), each shape of that read built and compiled
    by the ORM once, and run as a prepared statement.

    DRF's CursorPagination orders the queryset it is given, filters it by the
    cursor's position and slices it. For the facts list, building the queryset and
    those clones and compiling them cost Django 0.43 of the page's 1.5 ms of Python,
    every request. This stands in for the queryset: it records the ordering and the
    position; `build(**shape, **values)` is built and compiled once per shape,
    ordering and position lookup, with stand-ins for `values` (text) and the
    position; each page binds its own values."""

    def __init__(self, build: Callable[..., QuerySet], *, model: type[Model],
                 shape: dict[str, Hashable], values: dict[str, str]) -> None:
        # `model`: what a filter backend checks a queryset against.
        self.build, self.model = build, model
        self.shape = tuple(sorted(shape.items()))
        self.values = values
        self.ordering: tuple[str, ...] = ()
        self.position: tuple[str, datetime] | None = None

    def _with(self, **changes) -> PreparedPages:
        clone = copy.copy(self)
        clone.__dict__.update(changes)
        return clone

    def all(self) -> PreparedPages:
        return self._with()

    def order_by(self, *fields: str) -> PreparedPages:
        return self._with(ordering=fields)

    def filter(self, **lookups) -> PreparedPages:
        """The cursor's position: one lookup on a timestamp (`created_at__lt=...`)."""
        if len(lookups) != 1:
            raise TypeError("PreparedPages filter by one position")
        ((lookup, value),) = lookups.items()
        field = self.model._meta.get_field(lookup.split("__")[0])
        if not isinstance(field, DateTimeField):
            raise TypeError(f"PreparedPages positions are timestamps, not {lookup}")
        # As the ORM would take the paginator's position (its str()).
        return self._with(position=(lookup, field.get_prep_value(value)))

    def __getitem__(self, page: slice) -> list[dict]:
        if not isinstance(page, slice) or page.step is not None or page.stop is None:
            raise TypeError("PreparedPages are read a bounded slice at a time")
        start = page.start or 0
        if page.stop <= start:
            return []
        sql, params = _page_statement(
            self.build, self.shape, tuple(sorted(self.values)), self.ordering,
            None if self.position is None else self.position[0])
        bound: dict[str | datetime, str | datetime] = {
            _stand_in(name): value for name, value in self.values.items()}
        if self.position is not None:
            bound[_POSITION] = self.position[1]
        # LIMIT and OFFSET written in, not bound: with them as parameters no generic
        # plan is worth keeping (it assumes a tenth of the rows), so PostgreSQL
        # planned every page again (2.2 -> 2.6 ms).
        offset = f" OFFSET {int(start)}" if start else ""
        return read_rows(f"{sql} LIMIT {int(page.stop - start)}{offset}",
                         bind(params, bound), using=router.db_for_read(self.model))


class PreparedRowsOf:
    """The rows of one SQL statement for a list of keys known and ordered beforehand,
    a page at a time, the way a paginator slices a queryset: a page binds only its
    own keys (in place of `stand_in`, as the text of a bigint array), so the
    statement reads that page's rows and no others, the one prepared statement for
    every page. The statement orders the rows as the keys are ordered; how many
    there are is known (`known_count`, for kbase.core.api.KnownCountPaginator).

    Search ranks its candidates as it finds them; a page of results then builds the
    representation of its twenty facts only, where reading and ordering all two
    hundred candidates again cost PostgreSQL half of the ranking statement."""

    def __init__(self, sql: str, params: list, *, keys: list[int], stand_in: str,
                 using: str) -> None:
        self.sql, self.params, self.keys, self.using = sql, params, keys, using
        self.stand_in = stand_in
        self.known_count = len(keys)

    def __getitem__(self, page: slice) -> list[dict]:
        if not isinstance(page, slice) or page.step is not None:
            raise TypeError("PreparedRowsOf are read a page (a slice) at a time")
        keys = self.keys[page]
        if not keys:
            return []
        return read_rows(self.sql, bind(self.params, {self.stand_in: int_array(keys)}),
                         using=self.using)

    def __len__(self) -> int:
        return self.known_count
