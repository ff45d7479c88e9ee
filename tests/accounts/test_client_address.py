"""The client's address behind (or without) a reverse proxy, through the real login page:
X-Forwarded-For counts only when the request comes from a configured proxy, so a client
that reaches the server directly can neither spread its guesses over made-up addresses
nor lock someone else out; and a username failing from many addresses is stopped too.

Each test runs with the lockout and proxy settings frivillig/settings.py computes with
PRODUCTION=1 and the environment given, as a production server would."""

import logging
import os
import runpy
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

LOGIN = reverse("login")
LOCKED = "For mange mislykkede innlogginger"
SETTINGS_FILE = Path(__file__).resolve().parents[2] / "frivillig" / "settings.py"
NGINX = "127.0.0.1"  # a proxy on the same machine, as in README's example
ATTACKER = "198.51.100.66"  # reaches the server directly, past the proxy
VICTIM = "203.0.113.5"


# Without DJANGO_ALLOW_ASYNC_UNSAFE, a test after the browser tests (whose Playwright loop
# runs in this thread until the session ends) may not touch the database.
KEPT = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


@pytest.fixture
def production(settings, monkeypatch):
    """configure(**environment): the AXES_* and TRUSTED_* settings of production."""

    def configure(**environment):
        for name in list(os.environ):
            if name in KEPT:
                continue  # how the test process runs, not a setting of the server
            if name.startswith(("AXES_", "TRUSTED_", "DJANGO_")) or name in {
                "DEBUG",
                "BEHIND_PROXY",
            }:
                monkeypatch.delenv(name)
        monkeypatch.setenv("PRODUCTION", "1")
        monkeypatch.setenv("SECRET_KEY", "x" * 60)
        monkeypatch.setenv("SITE_URL", "https://frivillig.example.no")
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        computed = runpy.run_path(str(SETTINGS_FILE))
        for name, value in computed.items():
            if name.startswith(("AXES_", "TRUSTED_")):
                setattr(settings, name, value)

    return configure


def attempt(client, peer, forwarded=None, password="feil"):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return client.post(
        LOGIN, {"username": "kari", "password": password}, REMOTE_ADDR=peer, **headers
    )


def logged_addresses(caplog) -> set[str]:
    return {r.ip for r in caplog.records if r.name == "frivillig.security"}


@pytest.mark.parametrize(
    "environment",
    [{}, {"TRUSTED_PROXIES": "127.0.0.1,::1"}],
    ids=["no-proxy-configured", "proxy-on-loopback"],
)
def test_a_forged_forwarded_for_from_an_untrusted_peer_is_ignored(
    client, person, production, caplog, environment
):
    production(**environment)
    caplog.set_level(logging.INFO, logger="frivillig.security")
    statuses = [attempt(client, ATTACKER, f"192.0.2.{n}").status_code for n in range(8)]
    assert statuses == [200] * 4 + [429] * 4
    response = attempt(client, ATTACKER, "192.0.2.99", password="riktig-passord")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    assert logged_addresses(caplog) == {ATTACKER}


def test_the_address_a_trusted_proxy_reports_is_honoured(client, person, production, caplog):
    production(TRUSTED_PROXIES="127.0.0.1,::1")
    caplog.set_level(logging.INFO, logger="frivillig.security")
    # The client writes an X-Forwarded-For of its own; nginx appends the address it saw.
    for n in range(5):
        attempt(client, NGINX, f"8.8.4.{n}, {VICTIM}")
    assert AccessAttempt.objects.get().ip_address == VICTIM
    assert logged_addresses(caplog) == {VICTIM}
    assert attempt(client, NGINX, VICTIM, password="riktig-passord").status_code == 429
    # Another person behind the same proxy logs in as kari.
    assert attempt(client, NGINX, "198.51.100.7", password="riktig-passord").status_code == 302


@pytest.mark.parametrize(
    ("environment", "peer", "forwarded"),
    [
        ({"TRUSTED_PROXIES": "127.0.0.1,10.0.0.0/8"}, NGINX, f"8.8.4.4, {VICTIM}, 10.1.2.3"),
        ({"TRUSTED_PROXY_COUNT": "2"}, "10.0.0.2", f"8.8.4.4, {VICTIM}, 10.0.0.1"),
    ],
    ids=["trusted-proxies", "proxy-count"],
)
def test_through_two_proxies_the_client_is_the_address_the_first_one_saw(
    client, person, production, caplog, environment, peer, forwarded
):
    production(**environment)
    caplog.set_level(logging.INFO, logger="frivillig.security")
    attempt(client, peer, forwarded)
    assert AccessAttempt.objects.get().ip_address == VICTIM
    assert logged_addresses(caplog) == {VICTIM}


def test_a_victim_cannot_be_locked_out_by_forging_their_address(client, person, production):
    production(TRUSTED_PROXIES="127.0.0.1,::1")
    for _ in range(8):
        attempt(client, ATTACKER, VICTIM)
    assert attempt(client, ATTACKER, VICTIM, password="riktig-passord").status_code == 429
    # kari herself, through the proxy from the address the attacker named.
    assert attempt(client, NGINX, VICTIM, password="riktig-passord").status_code == 302


def test_a_guess_spread_over_many_addresses_is_stopped_until_the_cool_off(
    client, person, production
):
    production(TRUSTED_PROXIES="127.0.0.1,::1")
    for n in range(19):
        assert attempt(client, NGINX, f"192.0.2.{n}").status_code == 200
    # Below the username's limit kari still logs in (which clears only her own address).
    assert attempt(client, NGINX, VICTIM, password="riktig-passord").status_code == 302
    client.logout()
    assert attempt(client, NGINX, "192.0.2.19").status_code == 429  # the 20th failure
    for address in ("192.0.2.20", VICTIM):
        refused = attempt(client, NGINX, address, password="riktig-passord")
        assert refused.status_code == 429
        assert LOCKED in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # Not a permanent lock: once the failures are older than the cool-off, it lifts.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert attempt(client, NGINX, VICTIM, password="riktig-passord").status_code == 302
