"""Where one request's time goes: `python -m devtools.profile_request PATH [-n N]`.

Serves PATH N times in this process through kbase.wsgi's application (the
production settings, as bench.database.server_environment sets them, on the
database DATABASE_URL names, with Redis as the cache when REDIS_URL is set), after
a warm-up, under pyinstrument, and prints the call tree and the CPU per request.
As the benchmark asks: anonymous, over HTTPS from a trusted proxy, with wrk's
Accept header.

    python3 scripts/localdb.py exec -- .venv/bin/python -m devtools.profile_request \\
        /api/v1/facts/<id>/ -n 2000
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from urllib.parse import urlsplit


def environ(path: str) -> dict:
    parts = urlsplit(path)
    return {"REQUEST_METHOD": "GET", "PATH_INFO": parts.path, "QUERY_STRING": parts.query,
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "443", "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1", "HTTP_X_FORWARDED_PROTO": "https",
            # gunicorn has read X-Forwarded-Proto from the trusted proxy.
            "HTTP_ACCEPT": "application/json, text/csv", "wsgi.url_scheme": "https",
            "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "wsgi.version": (1, 0),
            "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
            "SERVER_PROTOCOL": "HTTP/1.1"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("-n", "--requests", type=int, default=2000)
    args = parser.parse_args()
    from bench.database import server_environment

    os.environ.update(server_environment(
        os.environ["DATABASE_URL"], KBASE_THROTTLE_ANON="1000000/second",
        KBASE_THROTTLE_DUMP="1000000/second", KBASE_THROTTLE_MATCH="1000000/second"))
    from pyinstrument import Profiler

    from kbase.wsgi import application

    statuses: list[str] = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    def serve() -> None:
        body = application(environ(args.path), start_response)
        b"".join(body)
        getattr(body, "close", lambda: None)()

    for _ in range(200):  # connections, prepared statements, imports
        serve()
    if not statuses[-1].startswith("200"):
        raise SystemExit(f"{args.path} answered {statuses[-1]}")
    started = time.process_time()
    for _ in range(args.requests):
        serve()
    cpu = (time.process_time() - started) / args.requests
    with Profiler(interval=0.0002) as profiler:
        for _ in range(args.requests):
            serve()
    profiler.print(show_all=False, short_mode=False)
    print(f"{args.requests} requests, {cpu * 1e6:.0f} us of this process's CPU each "
          "(without the profiler; PostgreSQL's time is not in it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
