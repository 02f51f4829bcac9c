import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from kbase.core.services import admin_ensure


@pytest.mark.django_db
def test_it_creates_the_admin_with_the_configured_password():
    assert admin_ensure(username="admin", password="a-long-chosen-password") is None
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password("a-long-chosen-password")


@pytest.mark.django_db
def test_it_generates_a_password_once_and_keeps_it_afterwards():
    generated = admin_ensure(username="admin")
    assert generated and len(generated) >= 12
    assert admin_ensure(username="admin") is None
    assert get_user_model().objects.get(username="admin").check_password(generated)


@pytest.mark.django_db
def test_the_command_prints_a_generated_password(capsys, settings):
    settings.KBASE_ADMIN_PASSWORD = ""
    call_command("ensure_admin")
    out = capsys.readouterr().out
    assert "generated password" in out
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()
