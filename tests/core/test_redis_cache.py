"""The shared cache on Redis (REDIS_URL), as production runs it: a real
redis-server, started for these tests."""

import contextlib
import os
import shutil
import socket
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
from django.test import RequestFactory

from kbase.core import throttles
from kbase.core.cache import CountUnavailable, RedisCache
from kbase.core.throttles import AccountRateThrottle, AnonymousRateThrottle
from tests.helpers import free_port


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = shutil.which("redis-server")
    assert server, "redis-server is installed by scripts/system-deps.sh"
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--dir", str(tmp_path_factory.mktemp("redis"))],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cache = RedisCache(f"redis://127.0.0.1:{port}/0", {})
    deadline = time.monotonic() + 10
    while True:
        try:
            cache.get("ping")
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(10)


def test_values_written_by_one_worker_are_read_by_another(redis_url):
    writer, reader = RedisCache(redis_url, {}), RedisCache(redis_url, {})
    writer.set("throttle_anon_127.0.0.1", [3.0, 2.0, 1.0], 60)
    assert reader.get("throttle_anon_127.0.0.1") == [3.0, 2.0, 1.0]
    assert reader.add("throttle_anon_127.0.0.1", [], 60) is False
    reader.delete("throttle_anon_127.0.0.1")
    assert writer.get("throttle_anon_127.0.0.1") is None


def test_operations_share_one_client_per_connection_pool(redis_url):
    cache = RedisCache(redis_url, {})
    cache.set("a", 1, 60)
    assert cache._cache.get_client() is cache._cache.get_client(write=True)


def test_a_forked_worker_uses_its_own_connections(redis_url):
    # gunicorn preloads the app and forks: a client built before the fork must
    # work in the child and in the parent afterwards.
    cache = RedisCache(redis_url, {})
    cache.set("before-fork", "parent", 60)
    pid = os.fork()
    if pid == 0:
        ok = False
        try:
            ok = cache.get("before-fork") == "parent" and cache.set("child", "wrote", 60) is None
        finally:
            os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert cache.get("child") == "wrote"


def test_counting_goes_on_after_the_server_forgets_the_script(redis_url):
    cache = RedisCache(redis_url, {})
    assert cache.count_request("flushed", "gone", 60) == (1, 0)
    cache._cache.get_client().script_flush()  # as a restarted server has
    assert cache.count_request("flushed", "gone", 60) == (2, 0)


def counting_clients(cache) -> int:
    """How many of the server's connections last ran a count."""
    return sum(client["cmd"] == "evalsha" for client in cache._cache.get_client().client_list())


def test_a_forked_worker_counts_on_its_own_connection(redis_url):
    # gunicorn forks its workers after the app is loaded: counting at once on one
    # inherited socket, each would read the other's replies.
    cache = RedisCache(redis_url, {})
    assert cache.count_request("forked", "none", 60) == (1, 0)
    counting_before = counting_clients(cache)
    counted_read, counted_write = os.pipe()
    done_read, done_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.write(counted_write, str(cache.count_request("forked", "none", 60)[0]).encode())
            os.read(done_read, 1)  # its connection stays open while the parent looks
        finally:
            os._exit(0)
    os.close(counted_write)  # so a child that fails to count is read as nothing
    child_count = int(os.read(counted_read, 10) or 0)
    parent_count = cache.count_request("forked", "none", 60)
    counting = counting_clients(cache)
    os.write(done_write, b"!")
    os.waitpid(pid, 0)
    assert (child_count, parent_count) == (2, (3, 0))
    assert counting - counting_before == 1  # the child's own connection


def test_concurrent_counts_are_each_counted_once(redis_url):
    # Workers counting the same client at once: every count is distinct, none lost.
    cache = RedisCache(redis_url, {})
    with ThreadPoolExecutor(max_workers=16) as pool:
        counts = list(pool.map(lambda _: cache.count_request("now", "before", 60), range(64)))
    assert sorted(current for current, _ in counts) == list(range(1, 65))
    assert {previous for _, previous in counts} == {0}
    assert cache.get("now") == 64  # a plain integer, readable by get()


@pytest.fixture
def redis_default_cache(redis_url, settings):
    """Redis as the default cache, as production configures it (REDIS_URL)."""
    settings.CACHES = {"default": {"BACKEND": "kbase.core.cache.RedisCache",
                                   "LOCATION": redis_url}}
    cache = RedisCache(redis_url, {})
    cache.clear()
    return cache


@pytest.mark.parametrize("throttle_class", [AnonymousRateThrottle, AccountRateThrottle])
def test_a_burst_of_concurrent_requests_gets_exactly_the_rate(redis_default_cache,
                                                              monkeypatch, throttle_class):
    # DRF's throttles read a client's history and write it back: requests arriving
    # together each read the same history, and more than the rate get through.
    monkeypatch.setattr(throttle_class, "THROTTLE_RATES", {"anon": "5/minute",
                                                           "user": "5/minute"})
    user = SimpleNamespace(is_authenticated=throttle_class is AccountRateThrottle, pk=7)
    request = RequestFactory().get("/api/v1/topics/", REMOTE_ADDR="203.0.113.9")
    request.user = user

    def ask(_):
        throttle = throttle_class()
        return throttle.allow_request(request, view=None), throttle

    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(ask, range(40)))
    assert sum(allowed for allowed, _ in answers) == 5
    refused = next(throttle for allowed, throttle in answers if not allowed)
    assert 1 <= refused.wait() <= 60


def test_a_throttled_request_costs_one_redis_round_trip(redis_default_cache, monkeypatch):
    monkeypatch.setattr(AnonymousRateThrottle, "THROTTLE_RATES", {"anon": "5/minute"})
    server = redis_default_cache._cache.get_client()
    request = RequestFactory().get("/api/v1/topics/", REMOTE_ADDR="203.0.113.9")
    request.user = SimpleNamespace(is_authenticated=False)
    throttle = AnonymousRateThrottle()
    throttle.allow_request(request, view=None)  # loads the script
    server.config_resetstat()
    assert throttle.allow_request(request, view=None)
    calls = {name: stats["calls"] for name, stats in server.info("commandstats").items()
             if not name.startswith("cmdstat_config")}
    # One script call; commandstats also count the commands the script runs inside.
    assert calls.pop("cmdstat_evalsha") == 1
    assert set(calls) <= {"cmdstat_incrby", "cmdstat_expire", "cmdstat_get"}


@pytest.mark.django_db
def test_reads_go_on_while_redis_is_unreachable(settings, api, monkeypatch, caplog):
    # Throttling protects the service; a restarting Redis must not take reads down.
    settings.CACHES = {"default": {"BACKEND": "kbase.core.cache.RedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{free_port()}/0"}}
    monkeypatch.setattr(AnonymousRateThrottle, "THROTTLE_RATES", {"anon": "5/minute"})
    monkeypatch.setattr(throttles, "_last_warning", -throttles._WARN_EVERY_SECONDS)
    api.raise_request_exception = False
    responses = [api.get("/api/v1/topics/") for _ in range(3)]
    assert [response.status_code for response in responses] == [200] * 3
    warnings = [record for record in caplog.records if "could not count" in record.message]
    assert len(warnings) == 1  # once, not once a request


def test_a_redis_that_stops_answering_costs_a_count_its_socket_timeout():
    # A server that accepts connections and never replies, as a hung Redis does.
    with socket.create_server(("127.0.0.1", 0)) as silent:
        cache = RedisCache(f"redis://127.0.0.1:{silent.getsockname()[1]}/0", {})
        outcome = []

        def count():
            try:
                cache.count_request("hung", "none", 60)
            except CountUnavailable as error:
                outcome.append(error)

        counting = threading.Thread(target=count, daemon=True)
        counting.start()
        counting.join(2)  # kbase's timeout is half a second; redis-py's own is seconds
        assert not counting.is_alive() and outcome


def anonymous_request(address="203.0.113.9"):
    request = RequestFactory().get("/api/v1/topics/", REMOTE_ADDR=address)
    request.user = SimpleNamespace(is_authenticated=False)
    return request


@pytest.fixture
def one_window(monkeypatch):
    """Every request in the same minute, whenever the test runs."""
    monkeypatch.setattr(AnonymousRateThrottle, "timer", lambda self: 60 * 1_000_000 + 30.0)


def test_a_worker_sends_a_clients_counts_a_batch_at_a_time(redis_default_cache, monkeypatch,
                                                            one_window):
    # 1,000 a minute: batches of 10. The first nine requests of a client in this
    # worker cost no round trip; the tenth adds all ten to the shared counter.
    monkeypatch.setattr(AnonymousRateThrottle, "THROTTLE_RATES", {"anon": "1000/minute"})
    monkeypatch.setattr(throttles, "_local_counts", throttles.LocalCounts())
    server = redis_default_cache._cache.get_client()
    server.config_resetstat()
    for _ in range(9):
        assert AnonymousRateThrottle().allow_request(anonymous_request(), view=None)
    assert "cmdstat_evalsha" not in server.info("commandstats")
    assert AnonymousRateThrottle().allow_request(anonymous_request(), view=None)
    assert server.info("commandstats")["cmdstat_evalsha"]["calls"] == 1
    key = AnonymousRateThrottle().get_cache_key(anonymous_request(), view=None)
    assert redis_default_cache.get(f"{key}:1000000") == 10


def test_workers_counting_in_batches_hold_the_rate_within_their_batches(
        redis_default_cache, monkeypatch, one_window):
    # 500 a minute: batches of 5. Three workers take turns with one client's
    # requests: together they let through at least the rate, and at most the rate and
    # a batch less one for each worker.
    monkeypatch.setattr(AnonymousRateThrottle, "THROTTLE_RATES", {"anon": "500/minute"})
    workers = [throttles.LocalCounts() for _ in range(3)]
    allowed = []
    for number in range(700):
        monkeypatch.setattr(throttles, "_local_counts", workers[number % 3])
        allowed.append(AnonymousRateThrottle().allow_request(anonymous_request(), view=None))
    assert 500 <= sum(allowed) <= 500 + 3 * 4
    assert not any(allowed[-50:])  # a client past its rate stays refused
    # Another client is counted apart, from its first request.
    assert AnonymousRateThrottle().allow_request(anonymous_request("198.51.100.7"), view=None)


def test_a_batch_that_could_not_be_sent_is_sent_with_the_next(redis_default_cache,
                                                              monkeypatch, one_window):
    monkeypatch.setattr(AnonymousRateThrottle, "THROTTLE_RATES", {"anon": "200/minute"})
    counts = throttles.LocalCounts()
    sent = []
    count_request = throttles.count_request

    def unavailable_once(cache, current, previous, *, timeout, amount):
        sent.append(amount)
        if len(sent) == 1:
            raise CountUnavailable("restarting")
        return count_request(cache, current, previous, timeout, amount)

    monkeypatch.setattr(throttles, "count_request", unavailable_once)
    for _ in range(3):  # batches of 2: the first fails, the next request carries it
        with contextlib.suppress(CountUnavailable):
            counts.count(redis_default_cache, "client", 7, timeout=120, batch=2)
    assert sent == [2, 3]
    assert redis_default_cache.get("client:7") == 3
