"""Query expressions Django lacks."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db.models import F, Lookup, Value


class EqualsAny(Lookup):
    """`column = ANY(%s)` with the values bound as one array: for long lists, where
    `__in` compiles and binds one placeholder per value (for 200 ids that cost more
    than PostgreSQL's work with them)."""

    lookup_name = "equals_any"
    prepare_rhs = False

    def __init__(self, field_name: str, values: list, base_field) -> None:
        super().__init__(F(field_name), Value(list(values), output_field=ArrayField(base_field)))

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)
