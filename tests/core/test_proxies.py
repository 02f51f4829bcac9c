"""The client's address, through the proxies KBASE_TRUSTED_PROXIES trusts and no
others: what the throttles count and what django-axes locks out."""

import ipaddress
import os
import runpy
from pathlib import Path

import pytest
import yaml
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory

from kbase.core.proxies import client_address, trusted_proxies
from kbase.core.throttles import AnonymousRateThrottle

PROJECT_DIR = Path(__file__).resolve().parents[2]
PROXY = "172.18.0.5"  # the compose network's nginx, as kbase sees it
RIGHT_PASSWORD = "the-right-password-42"


@pytest.fixture
def fresh_throttle_counts(db):
    cache.clear()  # throttle counts live in the shared cache, which outlives a test


@pytest.fixture
def anonymous_rate(monkeypatch, fresh_throttle_counts):
    monkeypatch.setattr(AnonymousRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})


def test_a_client_varying_x_forwarded_for_is_refused_when_no_proxy_is_trusted(api,
                                                                              anonymous_rate):
    statuses = [api.get("/api/v1/topics/", REMOTE_ADDR="203.0.113.9",
                        HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
                for n in range(3)]
    assert statuses == [200, 200, 429]


def test_clients_behind_one_trusted_proxy_are_counted_apart(api, anonymous_rate, settings):
    settings.KBASE_TRUSTED_PROXIES = 1

    def ask(forwarded: str) -> int:
        return api.get("/api/v1/topics/", REMOTE_ADDR=PROXY,
                       HTTP_X_FORWARDED_FOR=forwarded).status_code

    # Whatever a client writes before the proxy's entry changes nothing.
    first = [ask(f"10.9.9.{n}, 198.51.100.1") for n in range(3)]
    second = [ask("198.51.100.2") for _ in range(2)]
    assert first == [200, 200, 429]
    assert second == [200, 200]


def _request(remote: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_trusted_proxies_the_client_is_the_peer(settings):
    settings.KBASE_TRUSTED_PROXIES = 0
    assert client_address(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_through_two_trusted_proxies_the_client_is_the_second_address_from_the_right(
        settings):
    settings.KBASE_TRUSTED_PROXIES = 2
    request = _request("10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.7")
    assert client_address(request) == "198.51.100.1"


def test_a_request_that_bypassed_the_trusted_proxy_is_its_peer(settings):
    settings.KBASE_TRUSTED_PROXIES = 1
    assert client_address(_request("203.0.113.9")) == "203.0.113.9"


def test_trusted_networks_are_skipped_from_the_right_up_to_the_client(settings):
    settings.KBASE_TRUSTED_PROXIES = (ipaddress.ip_network("10.0.0.0/8"),
                                      ipaddress.ip_network("2001:db8::/32"))
    request = _request("10.0.0.2", "6.6.6.6, 198.51.100.1, 2001:db8::7, 10.1.2.3")
    assert client_address(request) == "198.51.100.1"


def test_a_peer_outside_the_trusted_networks_is_the_client(settings):
    settings.KBASE_TRUSTED_PROXIES = (ipaddress.ip_network("10.0.0.0/8"),)
    assert client_address(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_a_forwarded_entry_that_is_no_address_is_never_the_client(settings):
    settings.KBASE_TRUSTED_PROXIES = (ipaddress.ip_network("10.0.0.0/8"),)
    assert client_address(_request("10.0.0.2", "<script>, 10.0.0.3")) == "10.0.0.3"



def test_the_same_request_is_read_again_under_other_trusted_proxies(settings):
    # A worker remembers what it read of an address and its header, and for whom.
    request = _request("10.0.0.2", "198.51.100.1, 10.0.0.3")
    for trusted, client in [(0, "10.0.0.2"), (1, "10.0.0.3"), (2, "198.51.100.1"),
                            ((ipaddress.ip_network("10.0.0.0/8"),), "198.51.100.1"),
                            ((ipaddress.ip_network("10.0.0.2/32"),), "10.0.0.3"), (1, "10.0.0.3")]:
        settings.KBASE_TRUSTED_PROXIES = trusted
        assert client_address(request) == client, trusted

def _log_in(client: Client, password: str, *, forwarded: str | None = None) -> int:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client.post("/admin/login/", {"username": "admin", "password": password},
                       REMOTE_ADDR=PROXY, **extra).status_code


@pytest.fixture
def admin_account(django_user_model):
    return django_user_model.objects.create_superuser("admin", "", RIGHT_PASSWORD)


def test_a_lockout_behind_the_trusted_proxy_locks_the_attacker_out_not_the_admin(
        admin_account, settings):
    settings.KBASE_TRUSTED_PROXIES = 1
    attacker, admin = Client(), Client()
    statuses = [_log_in(attacker, "wrong", forwarded="198.51.100.66") for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert _log_in(attacker, RIGHT_PASSWORD, forwarded="198.51.100.66") == 429
    assert "_auth_user_id" not in attacker.session

    assert _log_in(admin, RIGHT_PASSWORD, forwarded="198.51.100.1") == 302
    assert admin.session["_auth_user_id"] == str(admin_account.pk)


def test_a_forged_x_forwarded_for_does_not_escape_a_lockout_without_trusted_proxies(
        admin_account, settings):
    settings.KBASE_TRUSTED_PROXIES = 0
    attacker = Client()
    statuses = [_log_in(attacker, "wrong", forwarded=f"198.51.100.{n}") for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert _log_in(attacker, RIGHT_PASSWORD, forwarded="198.51.100.200") == 429
    assert "_auth_user_id" not in attacker.session


def test_the_compose_proxy_sets_the_forwarded_headers_rather_than_passing_them_on():
    lines = [line.split("#")[0].strip()
             for line in (PROJECT_DIR / "docker" / "nginx.conf").read_text().splitlines()]
    headers = {line.split()[1]: line.split()[2].rstrip(";")
               for line in lines if line.startswith("proxy_set_header")}
    assert headers["X-Forwarded-For"] == "$remote_addr"
    assert headers["X-Real-IP"] == "$remote_addr"
    assert headers["X-Forwarded-Proto"] == "$scheme"


def test_the_compose_web_service_trusts_exactly_its_one_proxy():
    compose = yaml.safe_load((PROJECT_DIR / "docker-compose.yml").read_text())
    environment = compose["services"]["web"]["environment"]
    assert environment["KBASE_TRUSTED_PROXIES"] == "1"
    # gunicorn's trust follows from it (below), not from a second setting.
    assert "FORWARDED_ALLOW_IPS" not in environment


@pytest.mark.parametrize(("trusted", "allowed"), [
    (None, ""), ("0", ""), ("1", "*"), ("10.0.0.0/8, 192.0.2.7", "10.0.0.0/8,192.0.2.7/32")])
def test_gunicorn_believes_x_forwarded_proto_from_the_trusted_proxies_alone(
        monkeypatch, trusted, allowed):
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    if trusted is None:
        monkeypatch.delenv("KBASE_TRUSTED_PROXIES", raising=False)
    else:
        monkeypatch.setenv("KBASE_TRUSTED_PROXIES", trusted)
    config = runpy.run_path(os.fspath(PROJECT_DIR / "gunicorn.conf.py"))
    assert config["forwarded_allow_ips"] == allowed


@pytest.mark.parametrize("value", ["10.0.0.0/33", "one", "-1"])
def test_a_trusted_proxies_setting_that_is_neither_a_count_nor_networks_refuses_to_start(
        value):
    with pytest.raises(ImproperlyConfigured, match="KBASE_TRUSTED_PROXIES"):
        trusted_proxies(value)
