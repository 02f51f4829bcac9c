"""gunicorn settings for kbase, read from the environment.

Workers are processes (each with its own database connection); with
`preload_app` the code is imported once and shared copy-on-write, and
`gc.freeze()` keeps the garbage collector from touching (and so copying)
those shared pages.
"""

import gc
import multiprocessing
import os

from kbase.core.proxies import forwarded_allow_ips_for, trusted_proxies

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
preload_app = True
# GUNICORN_ACCESSLOG="" turns access logs off (when the load balancer keeps them).
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
# The peers whose X-Forwarded-Proto says the request came over HTTPS: the proxies
# KBASE_TRUSTED_PROXIES trusts (none by default), unless FORWARDED_ALLOW_IPS says.
forwarded_allow_ips = os.environ.get(
    "FORWARDED_ALLOW_IPS",
    forwarded_allow_ips_for(trusted_proxies(os.environ.get("KBASE_TRUSTED_PROXIES", ""))))
# Request-line and header limits: kbase has no reason to accept huge URLs.
limit_request_line = 8190


def when_ready(server):
    gc.freeze()
