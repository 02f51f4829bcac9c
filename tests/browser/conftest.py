"""Real headless Chromium (Debian's package) driven by Playwright, against a live
kbase served by pytest-django's live_server on the test database."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.factories import UserFactory

CHROMIUM = os.environ.get("KBASE_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic",
                 "--no-first-run"]

# Playwright's sync API runs an event loop; the ORM calls the tests make between
# browser steps are ordinary synchronous code on the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def screenshot(request):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def editor_account(transactional_db):
    return UserFactory(username="editor-in-chief", is_staff=True, is_superuser=True,
                       password="a-long-test-password")


def log_in(page, live_server, username: str, password: str = "a-long-test-password"):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
