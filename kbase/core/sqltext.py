"""SQL that kbase writes itself, as psycopg composes it: templates with `{name}`
slots (sql.SQL's format), each slot filled by a composable object (sql.Literal,
sql.Identifier, sql.Placeholder) or, compiled by the ORM, by a bound value
(kbase.core.prepared.SQLTemplate). Only psycopg: the benchmark's floor uses it
without Django."""

from __future__ import annotations

import functools

from psycopg import sql


class Slot(sql.Composable):
    """A named slot of a template, written as one positional placeholder."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name

    def as_bytes(self, context=None) -> bytes:
        return b"%s"


@functools.lru_cache(maxsize=64)
def template_parts(template: str, names: tuple[str, ...]) -> tuple[str | Slot, ...]:
    """`template` as its text between slots, and its slots (Slot, by name), in order."""
    composed = sql.SQL(template).format(**{name: Slot(name) for name in names})
    return tuple(part if isinstance(part, Slot) else part.as_string(None)
                 for part in composed)


def sql_text(template: str, **slots: sql.Composable) -> str:
    """`template` with each `{slot}` written as psycopg writes its composable."""
    return sql.SQL(template).format(**slots).as_string(None)
