"""The login lockout holds in the server as production runs it: gunicorn with
gunicorn.conf.py and PRODUCTION=1, reached directly rather than through the proxy. Eight
wrong passwords, each with a different made-up X-Forwarded-For, lock the username out
from the client's real address, and the right password after them is refused.

The server runs on a SQLite file of its own, migrated first (on SQLite, a copy of the
test database, which is migrated already). It differs from `make
serve` in one thing: static files are not collected (a minute of compressing, into the
project's own staticfiles/), so it uses the plain static storage, as the test suite does.
"""

import http.client
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from contextlib import closing
from pathlib import Path

import pytest
from django.db import connection
from django.utils.crypto import get_random_string

from .test_killed_server import free_port

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_SHIM = """\
from frivillig.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
"""
# What the test's environment may hold that production would not.
NOT_PASSED_ON = ("DEBUG", "DATABASE_URL", "BEHIND_PROXY", "FORWARDED_ALLOW_IPS", "PYTHONPATH")
NOT_PASSED_ON_PREFIXES = ("DJANGO_", "AXES_", "TRUSTED_", "SECURE_", "GUNICORN_", "PYTEST")


def production_env(folder: Path, **extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in NOT_PASSED_ON and not key.startswith(NOT_PASSED_ON_PREFIXES)
    }
    env.update(
        PRODUCTION="1",
        CONN_MAX_AGE="60",  # as `make serve` sets it
        SECRET_KEY=get_random_string(60),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="https://127.0.0.1",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        DJANGO_SETTINGS_MODULE="server_settings",
        PYTHONPATH=str(folder),
        WEB_CONCURRENCY="2",  # a shared machine; the lockout is in the database anyway
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    env.update(extra)
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def copy_of_the_test_database(target: Path) -> bool:
    """On SQLite, the test process's own database, migrated already, written to `target`
    by SQLite's backup API: the same tables as `migrate` makes, without a minute of
    running the migrations in a new process. Other databases: False."""
    if connection.vendor != "sqlite":
        return False
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
    return True


@pytest.fixture(scope="module")
def migrated(tmp_path_factory, django_db_setup, django_db_blocker) -> Path:
    """A migrated database with kari in it, copied for each server."""
    folder = tmp_path_factory.mktemp("migrated")
    (folder / "server_settings.py").write_text(SETTINGS_SHIM)
    env = production_env(folder)
    with django_db_blocker.unblock():
        copied = copy_of_the_test_database(folder / "db.sqlite3")
    # Either way `migrate` runs: after the copy it finds every migration applied.
    manage(env, "migrate", "--noinput", "-v0")
    assert copied or connection.vendor != "sqlite"
    manage(
        env,
        "shell",
        "-c",
        "from accounts.models import User; "
        "User.objects.create_user('kari', password='riktig-passord')",
    )
    return folder


class Gunicorn:
    """The server as `make serve` starts it, in its own process group."""

    def __init__(self, folder: Path, env: dict):
        self.port = free_port()
        self.errors = folder / "gunicorn.log"
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "frivillig.wsgi",
                "-c",
                "gunicorn.conf.py",
                "-b",
                f"127.0.0.1:{self.port}",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=self.errors.open("w"),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.errors.read_text()
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError(f"gunicorn did not answer /healthz: {self.errors.read_text()}")

    def request(self, method, path, headers=None, body=None) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})})
            response = conn.getresponse()
            return response.status, response.read().decode()
        finally:
            conn.close()

    def log_in(self, password, forwarded_for) -> tuple[int, str]:
        """A login over plain HTTP, saying it came through the proxy over HTTPS (which a
        client reaching gunicorn directly can say), with a made-up X-Forwarded-For."""
        token = get_random_string(32)
        body = {"username": "kari", "password": password, "csrfmiddlewaretoken": token}
        return self.request(
            "POST",
            "/konto/logg-inn/",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={token}",
                "Origin": "https://127.0.0.1",
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": forwarded_for,
            },
            body=urllib.parse.urlencode(body),
        )

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            self.process.wait(30)


@pytest.mark.parametrize(
    "environment",
    [{}, {"TRUSTED_PROXIES": "192.0.2.1"}],
    ids=["as-make-serve-starts-it", "with-the-proxy-elsewhere"],
)
def test_made_up_forwarded_addresses_do_not_escape_the_lockout(migrated, tmp_path, environment):
    (tmp_path / "server_settings.py").write_text(SETTINGS_SHIM)
    shutil.copy(migrated / "db.sqlite3", tmp_path / "db.sqlite3")
    server = Gunicorn(tmp_path, production_env(tmp_path, **environment))
    try:
        tries = [server.log_in("feil", f"203.0.113.{n}") for n in range(8)]
        assert "Feil brukernavn eller passord" in tries[0][1]
        assert [status for status, _page in tries] == [200] * 4 + [429] * 4
        status, page = server.log_in("riktig-passord", "198.51.100.7")
    finally:
        server.stop()
    assert status == 429
    assert "For mange mislykkede innlogginger" in page
