"""The cluster test starts `manage.py run_cluster` (nginx, two gunicorn instances, the
task worker) on a PostgreSQL database of its own, frivillig_cluster_test, kept between
runs (migrated and given the demo again at each start), and talks to it over HTTP only.

It runs only with RUN_CLUSTER_TESTS=1 (CI's own step, after the suite): it takes a
minute and all of the machine. With that set, a missing nginx or PostgreSQL fails it
instead of skipping it.
"""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = bool(os.environ.get("RUN_CLUSTER_TESTS"))
READY = "Frivillig-klyngen kjører på"
# The first start on a fresh database migrates it and loads the demo.
START_TIMEOUT = 600


def pytest_collection_modifyitems(config, items):
    if REQUIRED:
        return
    skip = pytest.mark.skip(
        reason="starts nginx, two gunicorn instances and a worker: RUN_CLUSTER_TESTS=1 "
        "(CI runs it in a step of its own)"
    )
    for item in items:
        if "cluster" in item.keywords:
            item.add_marker(skip)


def cluster_database_url() -> str:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        base = "postgres://postgres@127.0.0.1:5432/frivillig"
    parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(parts._replace(path="/frivillig_cluster_test"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def served_by(self) -> str:
        return self.headers.get("X-Served-By", "")

    @property
    def text(self) -> str:
        return self.body.decode()


@dataclass
class Browser:
    """One person's requests through nginx, with their cookies; one connection per
    request, as gunicorn's sync workers close them."""

    port: int
    cookies: dict = field(default_factory=dict)

    def request(self, method, path, data=None, *, timeout=60) -> Reply:
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            body = urllib.parse.urlencode(data, doseq=True)
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            reply = Reply(response.status, response.headers, response.read())
        finally:
            connection.close()
        for header in reply.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return reply

    def get(self, path, **kwargs) -> Reply:
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs) -> Reply:
        return self.request("POST", path, data, **kwargs)

    def login(self, username: str, password: str = "demo") -> "Browser":
        page = self.get("/konto/logg-inn/")
        assert page.status == 200 and "csrftoken" in self.cookies, page.status
        done = self.post(
            "/konto/logg-inn/",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
            },
        )
        assert done.status == 302, (done.status, done.text[:500])
        return self

    def copy(self) -> "Browser":
        return Browser(self.port, dict(self.cookies))


class Cluster:
    """`manage.py run_cluster` as a child, its output kept line by line."""

    def __init__(self):
        self.port = free_port()
        self.instance_ports = [free_port(), free_port()]
        self.database_url = cluster_database_url()
        self.lines: list[str] = []
        self.process = None

    def start(self):
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            # Its own keys in a Redis that others share.
            "CACHE_KEY_PREFIX": "frivillig-cluster-test",
            "WEB_CONCURRENCY": "2",
            # The worker writes each e-mail it sends to its output, which run_cluster relays.
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "LOG_LEVEL": "WARNING",
        }
        for name in ("DJANGO_SETTINGS_MODULE", "PRODUCTION", "DEBUG", "SECRET_KEY"):
            env.pop(name, None)
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "run_cluster",
                "--port",
                str(self.port),
                "--instance-ports",
                ",".join(map(str, self.instance_ports)),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.monotonic() + START_TIMEOUT
        while not any(READY in line for line in self.lines):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail("run_cluster did not start:\n" + "\n".join(self.lines[-40:]))
            time.sleep(0.2)

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip())

    def pid(self, name: str) -> int:
        """The newest process of that child (it is started again when it dies)."""
        started = [line for line in self.lines if line.startswith(f"{name}: started, pid ")]
        return int(started[-1].rsplit(" ", 1)[1])

    def starts(self, name: str) -> int:
        return sum(line.startswith(f"{name}: started, pid ") for line in self.lines)

    def browser(self) -> Browser:
        return Browser(self.port)

    def sql(self, query: str, params=()) -> list[tuple]:
        with psycopg.connect(self.database_url, autocommit=True) as connection:
            cursor = connection.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(90)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)


@pytest.fixture(scope="module")
def cluster():
    missing = []
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        missing.append("nginx (apt-get install nginx)")
    url = cluster_database_url()
    admin = urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path="/postgres"))
    try:
        psycopg.connect(admin, connect_timeout=5).close()
    except psycopg.OperationalError as error:
        missing.append(f"PostgreSQL at {admin} ({error})")
    if missing:
        pytest.fail("The cluster test needs " + " and ".join(missing))
    running = Cluster()
    started = time.monotonic()
    running.start()
    print(f"\n[cluster] started in {time.monotonic() - started:.1f} s")
    yield running
    running.stop()
