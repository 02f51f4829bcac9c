"""The shared cache on Redis (REDIS_URL), as production runs it: a real
redis-server, started for these tests."""

import os
import shutil
import subprocess
import time

import pytest

from kbase.core.cache import RedisCache
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
