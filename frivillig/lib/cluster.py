"""Several app servers on this machine: nginx (from deploy/nginx/frivillig.conf) in front
of gunicorn instances, and the task worker, each a child process that this one watches,
restarts when it dies and stops on Ctrl+C. `manage.py run_cluster` (make cluster) and the
benchmark's cluster runs use it; the children run manage.py and gunicorn, so this module
needs nothing of the project's apps.
"""

import ctypes
import http.client
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "deploy" / "nginx" / "frivillig.conf"
MANAGE = [sys.executable, str(ROOT / "manage.py")]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
# A child that dies sooner than this after its start, before it ever answered, is broken,
# not unlucky: the cluster stops instead of starting it again and again. One that had
# answered (an instance killed under load) is started again however young it was.
SHORTEST_LIFE = 10.0
RESTART_AFTER = 1.0

# The frame Debian's /etc/nginx/nginx.conf gives a site; here every path is in the
# cluster's own folder, so no system configuration, log or pid file is touched.
NGINX_MAIN = """\
daemon off;
{user}
worker_processes 1;
pid {folder}/nginx.pid;
error_log stderr warn;
events {{
    worker_connections 512;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder}/access.log;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/frivillig.conf;
}}
"""


class ClusterError(Exception):
    pass


def nginx_site(*, listen: str, upstreams: list[str], server_name: str = "_") -> str:
    """The deployment example with this cluster's values; comments keep their
    placeholders, as the example shows them."""
    values = {
        "LISTEN": listen,
        "SERVER_NAME": server_name,
        "UPSTREAM_SERVERS": "\n".join(
            f"    server {address} max_fails=1 fail_timeout=5s;" for address in upstreams
        ),
    }
    lines = []
    for line in TEMPLATE.read_text(encoding="utf-8").splitlines():
        if not line.lstrip().startswith("#"):
            line = re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], line)
        lines.append(line)
    return "\n".join(lines) + "\n"


_prctl = ctypes.CDLL(None, use_errno=True).prctl
PR_SET_PDEATHSIG = 1


def _die_with_parent():
    """Runs in the child before exec: Linux sends it SIGTERM when this process dies, so
    a cluster killed without its Ctrl+C leaves no server behind."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@dataclass
class Child:
    name: str
    command: list[str]
    env: dict
    health_port: int | None = None
    stop_signal: int = signal.SIGTERM
    process: subprocess.Popen | None = None
    started: float = 0.0
    starts: int = 0
    answered: bool = False
    reader: threading.Thread | None = field(default=None, repr=False)


class Cluster:
    def __init__(self, *, port: int, env: dict, folder: Path, log=print):
        self.port = port
        self.env = env
        self.folder = Path(folder)
        self.log = log
        self.children: list[Child] = []
        self.lock = threading.Lock()

    # --- the parts ----------------------------------------------------------------------

    def add_instance(self, name: str, port: int) -> Child:
        env = {**self.env, "INSTANCE_NAME": name, "GUNICORN_BIND": f"127.0.0.1:{port}"}
        command = [GUNICORN, "frivillig.wsgi", "-c", str(ROOT / "gunicorn.conf.py")]
        # gunicorn's control socket is one per user by default (~/.gunicorn): each
        # instance gets its own, so that one's start does not take another's.
        self.folder.mkdir(parents=True, exist_ok=True)
        command += ["--control-socket", str(self.folder / f"{name}.ctl")]
        return self._add(Child(name, command, env, health_port=port))

    def add_worker(self, name: str = "worker") -> Child:
        return self._add(Child(name, [*MANAGE, "db_worker", "--no-reload"], dict(self.env)))

    def add_nginx(self, upstreams: list[str]) -> Child:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise ClusterError(
                "nginx is needed: apt-get install nginx (make cluster does it as root)"
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        # nginx's workers run as nobody when the master is root: they must reach the
        # temporary folders inside this one.
        self.folder.chmod(0o755)
        site = nginx_site(listen=f"127.0.0.1:{self.port}", upstreams=upstreams)
        (self.folder / "frivillig.conf").write_text(site, encoding="utf-8")
        user = "user nobody nogroup;" if os.geteuid() == 0 else ""
        main = NGINX_MAIN.format(folder=self.folder, user=user)
        (self.folder / "nginx.conf").write_text(main, encoding="utf-8")
        command = [
            nginx,
            "-p",
            str(self.folder),
            "-c",
            str(self.folder / "nginx.conf"),
            "-e",
            "stderr",
        ]
        # SIGQUIT: nginx finishes the requests it has, then stops.
        child = Child("nginx", command, dict(os.environ), self.port, stop_signal=signal.SIGQUIT)
        return self._add(child)

    def _add(self, child: Child) -> Child:
        self.children.append(child)
        return child

    # --- running ------------------------------------------------------------------------

    def start(self, child: Child, *, wait: float = 120) -> None:
        child.process = subprocess.Popen(
            child.command,
            cwd=ROOT,
            env=child.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            # Its own process group: Ctrl+C reaches this process only, which stops the
            # children in order, and a test can kill one instance's whole group.
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        child.started = time.monotonic()
        child.starts += 1
        child.answered = False
        child.reader = threading.Thread(
            target=self._relay, args=(child, child.process), daemon=True
        )
        child.reader.start()
        self.log(f"{child.name}: started, pid {child.process.pid}")
        if child.health_port and wait:
            self.wait_healthy(child, wait)

    def _relay(self, child: Child, process: subprocess.Popen) -> None:
        for line in process.stdout:
            self.log(f"{child.name:>6} | {line.rstrip()}")

    def wait_healthy(self, child: Child, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if child.process.poll() is not None:
                raise ClusterError(
                    f"{child.name} stopped at start (exit {child.process.returncode})"
                )
            if healthy(child.health_port):
                child.answered = True
                self.log(f"{child.name}: answers on 127.0.0.1:{child.health_port}")
                return
            time.sleep(0.2)
        raise ClusterError(f"{child.name} did not answer /healthz within {seconds:.0f} s")

    def start_all(self, *, wait: float = 120) -> None:
        """All at once (Django's start takes some seconds each), then nginx once the
        app servers answer."""
        nginx = [c for c in self.children if c.name == "nginx"]
        others = [c for c in self.children if c.name != "nginx"]
        for child in others:
            self.start(child, wait=0)
        for child in others:
            if child.health_port:
                self.wait_healthy(child, wait)
        for child in nginx:
            self.start(child, wait=wait)

    def watch(self) -> None:
        """One look at the children: a dead one is started again (as systemd's
        Restart=on-failure would), unless it died right after its start."""
        for child in self.children:
            code = child.process.poll() if child.process else None
            if code is None:
                continue
            lived = time.monotonic() - child.started
            how = f"signal {-code}" if code < 0 else f"exit {code}"
            if lived < SHORTEST_LIFE and not child.answered:
                raise ClusterError(f"{child.name} stopped {lived:.0f} s after its start ({how})")
            self.log(f"{child.name}: stopped ({how}); starting it again")
            time.sleep(RESTART_AFTER)
            self.start(child)

    def stop(self) -> None:
        """nginx first (it stops taking requests), then the app servers, the worker
        last, so nothing is asked of a server that is gone."""
        order = sorted(self.children, key=lambda c: c.name != "nginx")
        for child in order:
            if child.process and child.process.poll() is None:
                os.killpg(child.process.pid, child.stop_signal)
                try:
                    child.process.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(child.process.pid, signal.SIGKILL)
                    child.process.wait(10)
                self.log(f"{child.name}: stopped")


def healthy(port: int, path: str = "/healthz") -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def static_files_current() -> bool:
    """collectstatic hashes and compresses every file again, minutes on a busy machine:
    skipped when no file it would collect is newer than the manifest it last wrote."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return False
    written = manifest.stat().st_mtime
    for finder in finders.get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            if os.path.getmtime(storage.path(path)) > written:
                return False
    return True


def local_production_env(*, port: int, secret_key: str = "") -> dict:
    """Production settings (PRODUCTION=1) for plain HTTP on 127.0.0.1: no HTTPS redirect,
    no Secure cookies, no HSTS, X-Forwarded-For trusted from nginx on 127.0.0.1 only; the
    background work in the database's queue, for the worker."""
    env = dict(os.environ)
    env.update(
        PRODUCTION="1",
        DEBUG="0",
        SECRET_KEY=secret_key or env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        SITE_URL=f"http://127.0.0.1:{port}",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        TRUSTED_PROXIES="127.0.0.1",
        TASKS_BACKEND="database",
    )
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    env.setdefault("CONN_MAX_AGE", "60")
    env.setdefault("GUNICORN_ACCESS_LOG", "/dev/null")
    return env
