import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import translation
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


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request activates its language in the test's thread and leaves it active: a
    test after a Korean one would otherwise read Korean messages, or English ones,
    depending on which tests ran before it in the same process."""
    yield
    translation.deactivate()


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def _client_for(user) -> APIClient:
    client = APIClient()
    _token, key = api_token_create(user=user, name="tests")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    client.user = user
    client.key = key  # for requests made outside the test client (a live server)
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


def editor_without_publish_user():
    """Staff with every permission of the editor role but publishing."""
    roles_ensure(Group, Permission)
    user = UserFactory(username="editor-without-publish", is_staff=True)
    user.user_permissions.set(Group.objects.get(name="editor").permissions
                              .exclude(codename="publish_fact"))
    return user


def staff_without_permissions_user():
    """May log in to the admin, and has been given nothing."""
    return UserFactory(username="staff-without-permissions", is_staff=True)


@pytest.fixture
def editor_without_publish(db) -> APIClient:
    """A token whose user writes facts but may not publish, retract or supersede."""
    return _client_for(editor_without_publish_user())


@pytest.fixture
def staff_without_permissions(db) -> APIClient:
    """A token whose user is staff without any permission."""
    return _client_for(staff_without_permissions_user())


@pytest.fixture
def admin_api(db) -> APIClient:
    return _client_for(UserFactory(username="root", is_staff=True, is_superuser=True))


@pytest.fixture
def clients(api, reader, editor, editor_without_publish, staff_without_permissions,
            admin_api) -> dict[str, APIClient]:
    return {"anonymous": api, "reader": reader, "editor": editor,
            "editor_without_publish": editor_without_publish,
            "staff_without_permissions": staff_without_permissions, "admin": admin_api}
