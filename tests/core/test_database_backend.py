"""kbase's PostgreSQL backend: the health check before each request's first query."""

import pytest
from django.db import connection, connections

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_health_check_tells_a_live_connection_from_one_the_server_ended():
    other = connections.create_connection("default")
    try:
        other.ensure_connection()
        assert other.is_usable()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s, 5000)",
                           [other.connection.info.backend_pid])
            assert cursor.fetchone() == (True,)
        assert not other.is_usable()
    finally:
        other.close()


def test_a_live_connections_check_sends_nothing_to_the_server():
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'before the check'")
    assert connection.is_usable()
    observer = connections.create_connection("default")
    try:
        with observer.cursor() as cursor:
            cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
            assert cursor.fetchone() == ("SELECT 'before the check'",)
    finally:
        observer.close()
