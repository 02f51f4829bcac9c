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



@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop on the test thread; the ORM calls a
    # test makes between browser steps (and the database flush after it) are
    # ordinary synchronous code all the same.
    patch = pytest.MonkeyPatch()
    patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    patch.undo()


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
