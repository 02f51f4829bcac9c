"""kbase's migrations create the PostgreSQL extensions they need, and say what to
install when the server lacks one."""

import pytest
from django.db import connection

from kbase.core.extensions import PGVECTOR_INSTALL, ExtensionUnavailable, extension_create

pytestmark = pytest.mark.django_db


def test_migrating_created_pgvector():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
        assert cursor.fetchone() is not None


def test_a_server_without_the_extension_is_told_what_to_install():
    major = connection.pg_version // 10000
    with pytest.raises(ExtensionUnavailable) as raised:
        extension_create(connection, name="kbase_absent_extension", install=PGVECTOR_INSTALL)
    message = str(raised.value)
    assert f"PostgreSQL {major} server" in message
    assert "no `kbase_absent_extension` extension" in message
    for way in ("make install", f"apt-get install postgresql-{major}-pgvector",
                "pgvector/pgvector:pg", "run `migrate` again"):
        assert way in message


def test_an_extension_already_there_is_left_as_it_is():
    extension_create(connection, name="vector", install=PGVECTOR_INSTALL)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_extension WHERE extname = 'vector'")
        assert cursor.fetchone() == (1,)
