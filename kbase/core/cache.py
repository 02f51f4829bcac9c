"""Django's Redis cache, with one redis-py client per connection pool.

Django's RedisCacheClient builds a new `redis.Redis` for every cache operation,
and building one registers some hundred response callbacks: about 0.2 ms of each
throttled request went there. A client only holds its connection pool and is safe
to share between threads, so one is kept per pool (the pools, and their
connections, are still Django's and redis-py's: reset after a fork).

It also counts requests for the throttles atomically, in one round trip
(`RedisCache.count_request`), on a connection of each thread's own: every API request
asks, and redis-py's client and pool cost twice the round trip itself (0.10 ms of CPU
a request where the send and the reply cost 0.05)."""

from __future__ import annotations

import os
import threading
from typing import cast

import redis
from django.core.cache.backends import redis as django_redis
from redis import exceptions as redis_errors
from redis.connection import AbstractConnection

# Add ARGV[2] to KEYS[1] (expiring after ARGV[1] seconds from its first count) and
# return it with KEYS[2]'s value: a throttle's whole question in one round trip.
_COUNT_REQUEST = """
local current = redis.call('INCRBY', KEYS[1], ARGV[2])
if current == tonumber(ARGV[2]) then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {current, tonumber(redis.call('GET', KEYS[2]) or '0')}
"""


class CountUnavailable(Exception):
    """The shared cache could not count a request (unreachable, or too slow)."""


class SharedClientRedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, redis.Redis] = {}
        self._counting = threading.local()
        self._count_request_sha: bytes | None = None  # SCRIPT LOAD's reply

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client

    def _counting_connection(self) -> AbstractConnection:
        """This thread's connection for counting: made with the pool's settings, and
        made again in a forked worker (which must not share its parent's socket)."""
        local = self._counting
        if getattr(local, "pid", None) != os.getpid():
            pool = self._get_connection_pool(write=True)  # type: ignore[attr-defined]
            local.connection = pool.connection_class(**pool.connection_kwargs)
            local.pid = os.getpid()
        return local.connection

    def count_request(self, current_key: str, previous_key: str, timeout: int,
                      amount: int) -> list[int]:
        connection = self._counting_connection()
        args = (current_key, previous_key, timeout, amount)
        try:
            try:
                return self._run_count(connection, *args)
            except redis_errors.NoScriptError:  # a restarted or flushed server
                self._count_request_sha = None
                return self._run_count(connection, *args)
        except redis_errors.RedisError as error:
            connection.disconnect()  # the next count connects again
            raise CountUnavailable(str(error)) from error

    def _run_count(self, connection: AbstractConnection, *args) -> list[int]:
        if self._count_request_sha is None:
            connection.send_command("SCRIPT", "LOAD", _COUNT_REQUEST)
            self._count_request_sha = connection.read_response()
        connection.send_command("EVALSHA", self._count_request_sha, 2, *args)
        return connection.read_response()


# A Redis that stops answering costs a request at most half a second (then the
# throttles let it through), not a hung worker; OPTIONS may say otherwise.
TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**TIMEOUTS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    def count_request(self, current_key: str, previous_key: str,
                      timeout: int, amount: int = 1) -> tuple[int, int]:
        """Atomically add `amount` to the counter `current_key` (a new one expires
        after `timeout` seconds); return it and the counter `previous_key` (0 if
        absent). Counters are plain integers, as Django stores ints, so get() reads
        them."""
        # Our client, as __init__ set `_class` (which the stubs do not know).
        client = cast(SharedClientRedisCacheClient, self._cache)
        current, previous = client.count_request(
            self.make_and_validate_key(current_key), self.make_and_validate_key(previous_key),
            timeout, amount)
        return int(current), int(previous)
