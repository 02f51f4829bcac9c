"""API tokens: stored as a digest under a visible prefix, named, expiring, revocable."""

from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from psycopg import sql
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FACTS = "/api/v1/facts/"
TOKENS = "/admin/core/apitoken/"


def new_key(user, *options: str) -> str:
    out = StringIO()
    call_command("create_api_token", user.username, *options, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def client_with(header: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    return client


def new_fact() -> dict:
    return {"text_ko": "전문가는 38명뿐이다", "text_en": "Only 38 experts"}


def token_row(key: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, prefix, expires_at, last_used_at, revoked_at "
                       "FROM core_apitoken WHERE prefix = %s", [key[:12]])
        columns = [column.name for column in cursor.description]
        return dict(zip(columns, cursor.fetchone(), strict=True))


def set_columns(key: str, assignments: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE core_apitoken SET {assignments} WHERE prefix = %s", [key[:12]])


def tables_holding(text: str) -> list[str]:
    """The tables of the database with a row whose text holds `text`."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = [name for (name,) in cursor.fetchall()]
        holding = []
        for table in tables:
            cursor.execute(sql.SQL("SELECT EXISTS (SELECT FROM {table} AS row "
                                   "WHERE strpos(row::text, %s) > 0)").format(
                table=sql.Identifier(table)), [text])
            if cursor.fetchone()[0]:
                holding.append(table)
        return holding


@pytest.fixture
def writer():
    return UserFactory(username="newsdesk", is_superuser=True)


def test_the_database_holds_no_copy_of_the_key(writer):
    key = new_key(writer)
    assert tables_holding(key) == []
    assert tables_holding(key[12:]) == []  # nor the secret part after the prefix
    assert tables_holding(key[:12]) == ["core_apitoken"]


def test_a_key_starts_with_its_visible_prefix(writer):
    key = new_key(writer)
    assert key.startswith("kb_") and len(key) == 3 + 64
    assert token_row(key)["prefix"] == key[:12]


@pytest.mark.parametrize("scheme", ["Token", "Bearer", "bearer"])
def test_the_key_is_accepted_after_token_and_after_bearer(writer, scheme):
    key = new_key(writer)
    response = client_with(f"{scheme} {key}").post(FACTS, new_fact(), format="json")
    assert response.status_code == 201


def test_a_user_may_hold_two_named_tokens_and_use_both(writer):
    laptop = new_key(writer, "--name", "laptop")
    newsroom = new_key(writer, "--name", "newsroom app")
    assert {token_row(laptop)["name"], token_row(newsroom)["name"]} == {
        "laptop", "newsroom app"}
    for key in (laptop, newsroom):
        assert client_with(f"Token {key}").post(FACTS, new_fact()).status_code == 201


def test_an_expired_token_is_refused_with_a_problem_saying_so(writer):
    key = new_key(writer, "--expires", "30")
    assert client_with(f"Token {key}").get(FACTS).status_code == 200
    set_columns(key, "expires_at = now() - interval '1 minute'")
    response = client_with(f"Token {key}").get(FACTS)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"].startswith(f"This token ({key[:12]}) expired at ")
    assert "Token" in response["WWW-Authenticate"]


def test_a_revoked_token_is_refused_with_a_problem_saying_so(writer):
    key = new_key(writer)
    new_key(writer, "--revoke", key[:12])
    response = client_with(f"Bearer {key}").get(FACTS)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == (
        f"This token ({key[:12]}) was revoked; ask for a new one.")


@pytest.mark.parametrize("key", ["kb_unknown000000000000", "short", "kb_\u0000nul000000000"])
def test_an_unknown_or_malformed_key_is_refused(key):
    response = client_with(f"Token {key}").get(FACTS)
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid token."


def test_last_used_is_written_on_use_but_not_on_every_request(writer, settings):
    settings.KBASE_TOKEN_LAST_USED_SECONDS = 300
    key = new_key(writer)
    assert token_row(key)["last_used_at"] is None
    client = client_with(f"Token {key}")
    assert client.get(FACTS).status_code == 200
    first_use = token_row(key)["last_used_at"]
    assert first_use is not None

    with CaptureQueriesContext(connection) as queries:
        assert client.get(FACTS).status_code == 200
    assert token_row(key)["last_used_at"] == first_use
    assert not [query for query in queries if "UPDATE \"core_apitoken\"" in query["sql"]]

    set_columns(key, "last_used_at = now() - interval '301 seconds'")
    assert client.get(FACTS).status_code == 200
    assert token_row(key)["last_used_at"] > first_use


# --- the management command ------------------------------------------------------------

def test_the_command_creates_a_named_expiring_token(writer):
    key = new_key(writer, "--name", "fact-check bot", "--expires", "7")
    row = token_row(key)
    assert row["name"] == "fact-check bot"
    days = (row["expires_at"] - timezone.now()).total_seconds() / 86400
    assert 6.9 < days <= 7
    assert client_with(f"Token {key}").post(FACTS, new_fact()).status_code == 201


def test_the_command_refuses_an_expiry_of_no_days(writer):
    with pytest.raises(CommandError, match="1 or more"):
        new_key(writer, "--expires", "0")


def test_the_command_revokes_one_token_by_its_prefix(writer):
    kept, revoked = new_key(writer, "--name", "kept"), new_key(writer, "--name", "revoked")
    new_key(writer, "--revoke", revoked[:12])
    assert client_with(f"Token {revoked}").get(FACTS).status_code == 401
    assert client_with(f"Token {kept}").post(FACTS, new_fact()).status_code == 201


def test_the_command_revokes_all_of_a_users_tokens_but_no_one_elses(writer):
    other = new_key(UserFactory(username="other", is_superuser=True))
    keys = [new_key(writer, "--name", "a"), new_key(writer, "--name", "b")]
    assert new_key(writer, "--revoke") == "revoked 2"
    assert [client_with(f"Token {key}").get(FACTS).status_code for key in keys] == [401, 401]
    assert client_with(f"Token {other}").get(FACTS).status_code == 200


# --- the admin -------------------------------------------------------------------------

def staff(username: str, *permissions: str) -> Client:
    user = UserFactory(username=username, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="core", codename__in=permissions))
    browser = Client()
    browser.force_login(user)
    browser.user = user
    return browser


def pk_of(key: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM core_apitoken WHERE prefix = %s", [key[:12]])
        return cursor.fetchone()[0]


def test_the_admin_lists_prefixes_and_never_keys(writer):
    key = new_key(writer, "--name", "laptop")
    browser = staff("chief", "view_apitoken")
    page = browser.get(TOKENS).content.decode()
    assert key[:12] in page and "laptop" in page and key not in page


def test_staff_without_the_permission_see_only_their_own_tokens(writer):
    others = new_key(writer, "--name", "someone else's")
    browser = staff("reporter")
    own = new_key(browser.user, "--name", "my laptop")
    response = browser.get(TOKENS)
    assert response.status_code == 200
    assert [token.name for token in response.context["cl"].result_list] == ["my laptop"]
    assert browser.get(f"{TOKENS}{pk_of(others)}/change/").status_code == 302
    assert own[:12] in response.content.decode()


def test_staff_with_the_permission_revoke_another_users_token(writer):
    key = new_key(writer)
    browser = staff("security desk", "view_apitoken", "change_apitoken")
    response = browser.post(TOKENS, {"action": "revoke", "_selected_action": [pk_of(key)]},
                            follow=True)
    assert "1 token revoked." in response.content.decode()
    assert token_row(key)["revoked_at"] is not None
    assert client_with(f"Token {key}").get(FACTS).status_code == 401


def test_staff_without_the_permission_cannot_revoke_another_users_token(writer):
    key = new_key(writer)
    browser = staff("reporter")
    own = new_key(browser.user)
    response = browser.post(TOKENS, {"action": "revoke",
                                     "_selected_action": [pk_of(key), pk_of(own)]},
                            follow=True)
    assert response.status_code == 200
    assert "1 token revoked." in response.content.decode()
    assert token_row(key)["revoked_at"] is None
    assert client_with(f"Token {key}").get(FACTS).status_code == 200
    assert client_with(f"Token {own}").get(FACTS).status_code == 401


def test_staff_who_may_only_view_everyones_tokens_revoke_only_their_own(writer):
    key = new_key(writer)
    browser = staff("auditor", "view_apitoken")
    own = new_key(browser.user)
    response = browser.post(TOKENS, {"action": "revoke",
                                     "_selected_action": [pk_of(key), pk_of(own)]},
                            follow=True)
    page = response.content.decode()
    assert "1 token revoked." in page and "1 token of another user was left" in page
    assert token_row(key)["revoked_at"] is None
    assert token_row(own)["revoked_at"] is not None


def test_staff_create_their_own_token_in_the_admin_and_see_its_key_once():
    browser = staff("reporter")
    response = browser.post(f"{TOKENS}add/", {"name": "my laptop", "expires_at_0": "",
                                              "expires_at_1": ""})
    assert response.status_code == 200
    key = response.context["key"]
    assert key.startswith("kb_") and key in response.content.decode()
    assert tables_holding(key) == []
    assert client_with(f"Token {key}").get(FACTS).status_code == 200
    assert key not in browser.get(TOKENS).content.decode()
    assert owner_of(key) == "reporter"


def test_the_admin_refuses_an_expiry_in_the_past():
    browser = staff("reporter")
    response = browser.post(f"{TOKENS}add/", {"name": "old", "expires_at_0": "2020-01-01",
                                              "expires_at_1": "10:00:00"})
    assert response.status_code == 200
    assert "An expiry must be in the future." in response.content.decode()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM core_apitoken")
        assert cursor.fetchone() == (0,)


def owner_of(key: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT u.username FROM core_apitoken t JOIN auth_user u "
                       "ON u.id = t.user_id WHERE t.prefix = %s", [key[:12]])
        return cursor.fetchone()[0]


def test_only_staff_with_the_add_permission_create_tokens_for_others(writer):
    form = {"user": writer.pk, "name": "for the desk", "expires_at_0": "", "expires_at_1": ""}
    reporter = staff("reporter")
    assert owner_of(reporter.post(f"{TOKENS}add/", form).context["key"]) == "reporter"
    chief = staff("chief", "add_apitoken")
    assert owner_of(chief.post(f"{TOKENS}add/", form).context["key"]) == "newsdesk"
