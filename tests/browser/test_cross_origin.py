"""A browser app on another origin than kbase's, working the API through the generated
TypeScript client: clients/typescript/examples/desk.ts, bundled with the client by
esbuild and served from a second loopback origin, while kbase runs on live_server.
The browser enforces CORS for real: the preflights of the token and If-Match requests,
and the response headers the app may read (ETag, Retry-After, RateLimit, ...)."""

import functools
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache

from tests.factories import FactFactory
from tests.helpers import TYPESCRIPT_DIR, typescript_node_modules


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the page's requests are not the test's output
        pass


@pytest.fixture(scope="session")
def desk_origin(tmp_path_factory):
    """The desk's page and its bundle, served from 127.0.0.1 on a port of its own
    (live_server is http://localhost:<another port>): a second origin."""
    served = tmp_path_factory.mktemp("desk")
    esbuild = typescript_node_modules() / ".bin" / "esbuild"
    subprocess.run([str(esbuild), "examples/desk.ts", "--bundle", "--format=iife",
                    "--global-name=KbaseDesk", "--target=es2022", "--log-level=warning",
                    f"--outfile={served / 'desk.js'}"],
                   cwd=TYPESCRIPT_DIR, check=True, timeout=120)
    shutil.copy(TYPESCRIPT_DIR / "examples" / "desk.html", served / "index.html")
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def user_rate(settings, rate: str) -> None:
    """The account rate, set as KBASE_THROTTLE_USER would set it, counted from nothing."""
    cache.clear()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "user": rate}}


def test_an_app_on_another_origin_lists_searches_edits_and_backs_off_through_the_client(
        browser, live_server, desk_origin, editor, settings):
    wanted = FactFactory(text_ko="인천공항 검역소의 전문 인력은 38명뿐이다.",
                         text_en="Only 38 specialists staff the Incheon Airport quarantine.")
    other = FactFactory(text_ko="서울의 인구는 940만 명이다.",
                        text_en="Seoul has 9.4 million people.")
    fact_id = str(wanted.public_id)
    page = browser.new_page()
    page.goto(f"{desk_origin}/")
    page.evaluate("([api, token]) => { window.desk = KbaseDesk.createDesk("
                  "document.querySelector('main'), api, token); }",
                  [live_server.url, editor.key])

    # Until kbase lists the app's origin, the browser withholds kbase's answers.
    assert page.evaluate("desk.list('ko')")["status"] == 0
    settings.CORS_ALLOWED_ORIGINS = [desk_origin]

    listed = page.evaluate("desk.list('ko')")
    assert (listed["status"], listed.get("language")) == (200, "ko")
    assert sorted(listed["texts"]) == sorted([wanted.text_ko, other.text_ko])
    assert sorted(page.locator("#facts li").all_text_contents()) == sorted(listed["texts"])

    found = page.evaluate("desk.search('검역소', 'ko')")
    assert (found["status"], found.get("ids")) == (200, [fact_id])
    assert page.locator("#facts li").all_text_contents() == [wanted.text_ko]

    opened = page.evaluate("id => desk.open(id, 'ko')", fact_id)
    assert (opened["status"], opened.get("texts")) == (200, [wanted.text_ko])
    assert opened["etag"].startswith('"')
    assert page.locator("#fact").text_content() == wanted.text_ko

    edit = "([id, etag, text]) => desk.edit(id, etag, text)"
    edited = page.evaluate(edit, [fact_id, opened["etag"], "Only 38 specialists remain."])
    assert (edited["status"], edited.get("texts")) == (200, ["Only 38 specialists remain."])
    assert edited["etag"] not in (None, opened["etag"])
    stale = page.evaluate(edit, [fact_id, opened["etag"], "A stale edit."])
    assert (stale["status"], stale.get("code")) == (412, "stale_version")
    assert page.locator("#status").text_content().startswith("412 stale_version: ")
    wanted.refresh_from_db()
    assert wanted.text_en == "Only 38 specialists remain."

    user_rate(settings, "1/minute")
    assert page.evaluate("desk.list('ko')")["status"] == 200
    throttled = page.evaluate("desk.list('ko')")
    assert (throttled["status"], throttled.get("code")) == (429, "throttled")
    assert 1 <= throttled["retryAfter"] <= 60
    assert throttled["rateLimit"] == f'"user";r=0;t={throttled["retryAfter"]}'
    assert page.locator("#status").text_content().endswith(f"({throttled['retryAfter']} s)")
    page.close()
