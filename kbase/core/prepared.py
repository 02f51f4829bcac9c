"""Prepared statements for the busiest reads.

Django binds parameters in the client (psycopg's ClientCursor): each query reaches
PostgreSQL as text with its values written in, and is planned every time. For the
facts list, planning cost PostgreSQL more than a third of answering (1.4 of 3.9 ms
at a million facts). A queryset passed through `prepared()` runs on a cursor that
binds on the server instead, so psycopg prepares its statement once per connection
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

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections
from django.db.backends.postgresql.base import ServerBindingCursor
from django.db.models import QuerySet
from django.db.models.query import ValuesIterable
from psycopg.types.datetime import TimestamptzLoader


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


class _PreparedValuesIterable(ValuesIterable):
    def __iter__(self):
        # The rows are read whole inside the block, so no cursor outlives it.
        with server_side_binding(self.queryset.db):
            rows = list(super().__iter__())
        return iter(rows)


def prepared(queryset: QuerySet) -> QuerySet:
    """`queryset` (a values() queryset), evaluated as a prepared statement. Its
    clones (ordered, filtered, sliced by the paginator) keep that."""
    if not issubclass(queryset._iterable_class, ValuesIterable):
        raise TypeError("prepared() takes a values() queryset")
    clone = queryset.all()
    # Django's own hook for how a queryset turns rows into results (values(),
    # values_list() and named tuples set it the same way).
    clone._iterable_class = _PreparedValuesIterable
    return clone


class PreparedRows:
    """The rows of one SQL statement, as dicts, a page at a time, the way a
    paginator slices a queryset: LIMIT and OFFSET are parameters, so every page of
    every such read runs the one prepared statement. `known_count` is how many rows
    there are, known beforehand (kbase.core.api.KnownCountPaginator)."""

    def __init__(self, sql: str, params: list, *, known_count: int, using: str) -> None:
        self.sql, self.params, self.known_count, self.using = sql, params, known_count, using

    def __getitem__(self, page: slice) -> list[dict]:
        if not isinstance(page, slice) or page.step is not None:
            raise TypeError("PreparedRows are read a page (a slice) at a time")
        start = page.start or 0
        stop = self.known_count if page.stop is None else min(page.stop, self.known_count)
        if stop <= start:
            return []
        with server_side_binding(self.using), connections[self.using].cursor() as cursor:
            cursor.execute(f"{self.sql} LIMIT %s OFFSET %s", [*self.params, stop - start, start])
            names = [column.name for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def __len__(self) -> int:
        return self.known_count
