"""The security log records logins, logouts, failed logins, lockouts and every 403 with
the username, the address and the path."""

import ast
import logging
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

LOGIN = reverse("login")


class SecurityLog:
    def __init__(self, caplog):
        self.caplog = caplog
        caplog.set_level(logging.INFO, logger="frivillig.security")

    def __call__(self):
        return [r for r in self.caplog.records if r.name == "frivillig.security"]

    def clear(self):
        """Forget the test's own force_login."""
        self.caplog.clear()


@pytest.fixture
def security_log(caplog):
    return SecurityLog(caplog)


def log_in(client, password="riktig-passord"):
    return client.post(LOGIN, {"username": "kari", "password": password}, REMOTE_ADDR="192.0.2.10")


def test_a_login_is_logged_with_username_address_and_path(client, person, security_log):
    log_in(client)
    [record] = security_log()
    assert (record.event, record.username, record.ip, record.path) == (
        "login",
        "kari",
        "192.0.2.10",
        LOGIN,
    )
    assert record.levelno == logging.INFO
    assert record.getMessage() == f'login user="kari" ip="192.0.2.10" path="{LOGIN}"'


def test_a_failed_login_is_logged_as_a_warning(client, person, security_log):
    log_in(client, password="feil")
    [record] = security_log()
    assert (record.event, record.username, record.ip) == ("login_failed", "kari", "192.0.2.10")
    assert record.levelno == logging.WARNING
    assert "feil" not in record.getMessage()


def test_a_lockout_is_logged(client, person, security_log):
    for _ in range(5):
        log_in(client, password="feil")
    events = [r.event for r in security_log()]
    assert events.count("login_failed") == 5
    assert "login_locked_out" in events


def test_a_logout_is_logged(client, person, security_log):
    log_in(client)
    client.post(reverse("logout"), REMOTE_ADDR="192.0.2.10")
    assert [(r.event, r.username) for r in security_log()] == [
        ("login", "kari"),
        ("logout", "kari"),
    ]


def test_a_403_is_logged_and_shown_in_the_portals_layout(
    client_for, leader_b, centre_a, security_log
):
    url = reverse("centres:edit", args=[centre_a.slug])
    client = client_for(leader_b)
    security_log.clear()
    response = client.get(url)
    assert response.status_code == 403
    assert "Ingen tilgang" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()
    [record] = security_log()
    assert (record.event, record.username, record.path) == ("forbidden", "leder-b", url)
    assert record.levelno == logging.WARNING


def test_a_stale_csrf_token_is_a_logged_403_with_a_norwegian_page(person, security_log):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    security_log.clear()
    response = client.post(reverse("password_change"), {"csrfmiddlewaretoken": "x" * 64})
    assert response.status_code == 403
    assert "Skjemaet kunne ikke sendes" in response.content.decode()
    assert [(r.event, r.username) for r in security_log()] == [("forbidden", "kari")]


def test_other_pages_write_nothing(client_for, leader_a, security_log):
    client = client_for(leader_a)
    security_log.clear()
    assert client.get(reverse("dashboard")).status_code == 200
    assert security_log() == []


# A value as `quoted()` writes it: a double-quoted token with every quote escaped.
QUOTED = r'"(?:[^"\\]|\\.)*"'
SECURITY_LINE = re.compile(rf"(\w+) user=({QUOTED}) ip=({QUOTED}) path=({QUOTED})")


def written(records) -> list[str]:
    """The lines the records make in a log file, through the portal's own formatter."""
    formatter = logging.Formatter(**_formatter_config())
    return "\n".join(formatter.format(record) for record in records).splitlines()


def _formatter_config() -> dict:
    config = settings.LOGGING["formatters"]["timed"]
    return {"fmt": config["format"], "style": config["style"]}


def test_a_forged_username_path_or_user_agent_cannot_write_a_line_or_a_field(
    client, person, caplog
):
    caplog.set_level(logging.INFO)  # every logger: the security log and django-axes' own
    username = 'kari\nlogin user="admin" ip=1.2.3.4 path=/\r ip=1.2.3.4 \u2028\\'
    path = LOGIN + "?next=/%0D%0Alogin%20user=admin%20ip=1.2.3.4%0A"
    client.post(
        path,
        {"username": username, "password": "feil"},
        REMOTE_ADDR="192.0.2.10",
        HTTP_USER_AGENT="Firefox\r\nlogin user=admin ip=1.2.3.4",
    )
    records = caplog.records
    assert len(written(records)) == len(records)
    for record in records:
        assert record.getMessage().isprintable(), record.getMessage()
    [record] = [r for r in records if r.name == "frivillig.security"]
    event, *values = SECURITY_LINE.fullmatch(record.getMessage()).groups()
    assert event == "login_failed"
    # Each value reads back as it came, and the structured fields hold it unescaped.
    assert [ast.literal_eval(v) for v in values] == [username, "192.0.2.10", path]
    assert (record.username, record.ip, record.path) == (username, "192.0.2.10", path)
    axes_lines = [r.getMessage() for r in records if r.name.startswith("axes")]
    assert any('user_agent: "Firefox\\r\\nlogin user=admin ip=1.2.3.4"' in m for m in axes_lines)
