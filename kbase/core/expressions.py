"""Query expressions Django lacks."""

from __future__ import annotations

from django.db.models import BooleanField, Expression, F


class EqualsAny(Expression):
    """`column = ANY(%s)`, the values bound as one array parameter: for long lists of
    ids, where `__in` compiles, prepares and binds one placeholder per value (for
    200 ids that cost more than PostgreSQL's work with them). The values go to the
    driver as they are: whole numbers read from the database."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, field_name: str, values: list[int]) -> None:
        super().__init__()
        self.column, self.values = F(field_name), list(values)

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, expressions):
        (self.column,) = expressions

    def as_sql(self, compiler, connection):
        column, params = compiler.compile(self.column)
        return f"{column} = ANY(%s)", (*params, self.values)
