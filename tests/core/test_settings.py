import os
import secrets
import subprocess
import sys

import pytest
from django.db import connection

from tests.helpers import PROJECT_DIR


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # A deployment's environment: none of the test run's own variables.
    left_out = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean_env = {k: v for k, v in os.environ.items() if k not in left_out}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT_DIR,
        env={**clean_env, **env}, capture_output=True, text=True, timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", "--settings=kbase.settings.production",
                        env={"ALLOWED_HOSTS": "kbase.example"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_passes_the_deployment_checklist_without_warnings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", "--settings=kbase.settings.production",
        env={"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "kbase.example"},
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_settings_speak_korean_and_english_in_seoul_time(settings):
    assert [code for code, _ in settings.LANGUAGES] == ["ko", "en"]
    assert settings.TIME_ZONE == "Asia/Seoul"
    assert settings.USE_TZ is True


@pytest.mark.django_db
def test_database_sessions_have_a_statement_timeout_and_no_parallel_workers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('statement_timeout'), "
                       "current_setting('max_parallel_workers_per_gather')")
        assert cursor.fetchone() == ("15s", "0")


def run_python(code: str, *, env: dict[str, str]) -> subprocess.CompletedProcess:
    left_out = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "KBASE_TRUSTED_PROXIES"}
    clean_env = {k: v for k, v in os.environ.items() if k not in left_out}
    return subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR,
                          env={**clean_env, **env}, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("module", ["kbase.wsgi", "kbase.asgi"])
def test_the_served_application_defaults_to_the_production_settings(module):
    result = run_python(f"import {module}; from django.conf import settings; "
                        "print(settings.SETTINGS_MODULE)",
                        env={"SECRET_KEY": secrets.token_urlsafe(50),
                             "ALLOWED_HOSTS": "kbase.example"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "kbase.settings.production"


@pytest.mark.parametrize("module", ["kbase.wsgi", "kbase.asgi"])
def test_the_served_application_refuses_to_start_without_a_secret_key(module):
    result = run_python(f"import {module}", env={"ALLOWED_HOSTS": "kbase.example"})
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_believes_no_forwarded_scheme_itself():
    # gunicorn says whether a request came over HTTPS, believing X-Forwarded-Proto
    # from the trusted proxies alone; SECURE_PROXY_SSL_HEADER would believe anyone.
    result = run_python("import django; django.setup(); from django.conf import settings; "
                        "print(settings.SECURE_PROXY_SSL_HEADER)",
                        env={"DJANGO_SETTINGS_MODULE": "kbase.settings.production",
                             "SECRET_KEY": secrets.token_urlsafe(50),
                             "ALLOWED_HOSTS": "kbase.example", "KBASE_TRUSTED_PROXIES": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None"
