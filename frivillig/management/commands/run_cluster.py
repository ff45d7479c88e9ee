import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse
from pathlib import Path

import psycopg
from django.core.management.base import BaseCommand, CommandError

from frivillig.lib import cluster

MISSING_DATABASE = """\
make cluster runs on PostgreSQL: set DATABASE_URL, e.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/frivillig_cluster make cluster

The database is made when it is missing, then migrated and given the demo data."""


class Command(BaseCommand):
    help = (
        "make cluster: on 127.0.0.1, nginx (deploy/nginx/frivillig.conf) in front of two "
        "gunicorn instances (INSTANCE_NAME web1, web2) and one task worker, with "
        "production settings over plain HTTP, on the PostgreSQL of DATABASE_URL and the "
        "Redis of REDIS_URL; migrated, static files collected, the demo loaded. A child "
        "that dies is started again; Ctrl+C stops them all."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("CLUSTER_PORT", "8080")))
        parser.add_argument(
            "--instance-ports",
            default=os.environ.get("CLUSTER_INSTANCE_PORTS", "8101,8102"),
            help="the gunicorn instances' ports, one per instance (default 8101,8102)",
        )
        parser.add_argument("--no-demo", action="store_true", help="skip seed_demo")

    def handle(self, *args, **options):
        try:
            self.run(**options)
        except KeyboardInterrupt:  # Ctrl+C before the children started
            raise CommandError("Stopped before the cluster started.") from None

    def run(self, *, port, instance_ports, no_demo, **options):
        database_url = os.environ.get("DATABASE_URL", "")
        if urllib.parse.urlsplit(database_url).scheme not in ("postgres", "postgresql"):
            raise CommandError(MISSING_DATABASE)
        ports = [int(p) for p in instance_ports.split(",") if p.strip()]
        env = cluster.local_production_env(port=port)
        _check_redis(env["REDIS_URL"])
        if _create_database(database_url):
            self.stdout.write(f"Made the database {_name(database_url)}.")
        started = time.monotonic()
        _manage(env, "migrate", "--noinput", "-v0")
        if not cluster.static_files_current():
            _manage(env, "collectstatic", "--noinput", "-v0")
        if not no_demo:
            # The demo app is there only without PRODUCTION, as for `make run` and CI.
            demo_env = {k: v for k, v in env.items() if k not in ("PRODUCTION", "SECRET_KEY")}
            _manage(demo_env, "seed_demo", quiet=True)
        self.stdout.write(f"Database ready in {time.monotonic() - started:.0f} s.")

        folder = Path(tempfile.mkdtemp(prefix="frivillig-cluster-"))
        running = cluster.Cluster(
            port=port, env=env, folder=folder, log=lambda line: print(line, flush=True)
        )
        running.add_worker()
        for number, instance_port in enumerate(ports, start=1):
            running.add_instance(f"web{number}", instance_port)
        running.add_nginx([f"127.0.0.1:{p}" for p in ports])

        def stop(_signum, _frame):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)  # also when started in the background
        try:
            running.start_all()
            print(
                f"\nFrivillig-klyngen kjører på http://127.0.0.1:{port}/ "
                f"(nginx, {len(ports)} gunicorn, 1 worker; logger i {folder}). "
                "Ctrl+C stopper.",
                flush=True,
            )
            while True:
                running.watch()
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        except cluster.ClusterError as error:
            raise CommandError(str(error)) from error
        finally:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C waits too
            running.stop()


def _name(database_url: str) -> str:
    return urllib.parse.urlsplit(database_url).path.lstrip("/")


def _create_database(database_url: str) -> bool:
    parts = urllib.parse.urlsplit(database_url)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    name = _name(database_url)
    try:
        with psycopg.connect(admin, autocommit=True) as connection:
            found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if found.fetchone():
                return False
            connection.execute(f'CREATE DATABASE "{name}"')
            return True
    except psycopg.OperationalError as error:
        raise CommandError(f"Cannot reach PostgreSQL ({error}).\n\n{MISSING_DATABASE}") from error


def _check_redis(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), 3).close()
    except OSError as error:
        raise CommandError(
            f"Cannot reach Redis at {url} ({error}): start it (apt-get install redis-server) "
            "or set REDIS_URL."
        ) from error


def _manage(env: dict, *args: str, quiet: bool = False) -> None:
    result = subprocess.run(
        [*cluster.MANAGE, *args],
        cwd=cluster.ROOT,
        env=env,
        stdout=subprocess.DEVNULL if quiet else None,
    )
    if result.returncode:
        raise CommandError(f"manage.py {' '.join(args)} failed")
