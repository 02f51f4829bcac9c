import pytest
from django.contrib.auth.models import Group, Permission
from rest_framework.test import APIClient

from kbase.core import throttles
from kbase.core.services import api_token_create
from kbase.facts.roles import roles_ensure
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fresh_local_throttle_counts():
    """Each test a new worker: a worker's unsent throttle counts (kbase.core.throttles)
    would otherwise carry one test's requests into the next."""
    throttles._local_counts.forget()


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def _client_for(user) -> APIClient:
    client = APIClient()
    _token, key = api_token_create(user=user, name="tests")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    client.user = user
    return client


def _user_in(group_name: str):
    # Browser tests run in flushed transactions, which empty the groups table.
    roles_ensure(Group, Permission)
    user = UserFactory(username=group_name)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def reader(db) -> APIClient:
    """A token whose user may read drafts but write nothing."""
    return _client_for(_user_in("reader"))


@pytest.fixture
def editor(db) -> APIClient:
    """A token whose user writes and publishes facts."""
    return _client_for(_user_in("editor"))


@pytest.fixture
def admin_api(db) -> APIClient:
    return _client_for(UserFactory(username="root", is_staff=True, is_superuser=True))


@pytest.fixture
def clients(api, reader, editor, admin_api) -> dict[str, APIClient]:
    return {"anonymous": api, "reader": reader, "editor": editor, "admin": admin_api}
