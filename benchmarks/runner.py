"""`make bench`: builds the scale data at 1/10 and at full size in databases of their
own, counts each page's queries at both sizes, serves the full size with gunicorn and
loads every page with wrk beside a trivial view, and writes docs/performance.md.

The phases that need Django on a bench database run as subprocesses of manage.py with
DATABASE_URL pointing at it, so the portal's settings stay as they are.
"""

import copy
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg

from frivillig.lib import cluster

from . import load, report, scaling

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]
SIZES = (("1/10", 0.1, "_small"), ("full", 1.0, ""))

MISSING_DATABASE = """\
The benchmark needs PostgreSQL: set DATABASE_URL to a PostgreSQL server, for example

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/frivillig make bench

It creates (and recreates on every run) its own databases next to the one named there,
frivillig_bench and frivillig_bench_small, and never touches the one in the URL."""


class BenchmarkError(Exception):
    pass


def bench_urls(database_url: str, name: str) -> dict[str, str]:
    parts = urllib.parse.urlsplit(database_url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql", "postgis"):
        raise BenchmarkError(MISSING_DATABASE)
    return {
        suffix: urllib.parse.urlunsplit(parts._replace(path=f"/{name}{suffix}"))
        for _label, _scale, suffix in SIZES
    }


def _admin_connection(database_url: str):
    parts = urllib.parse.urlsplit(database_url)
    url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    return psycopg.connect(url, autocommit=True)


def _database_name(url: str) -> str:
    return urllib.parse.urlsplit(url).path.lstrip("/")


class Runner:
    def __init__(
        self,
        *,
        database_url,
        name,
        port,
        seconds,
        threads,
        connections,
        workers,
        output,
        reuse_data=False,
        only_cluster=False,
        log=print,
    ):
        self.urls = bench_urls(database_url, name)
        self.database_url = database_url
        self.port = port
        self.seconds = seconds
        self.threads = threads
        self.connections = connections
        self.workers = workers
        self.output = Path(output)
        self.log = log
        self.reuse_data = reuse_data
        self.only_cluster = only_cluster
        self.timings = {}

    def env(self, suffix: str, **extra) -> dict:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.urls[suffix],
            # The benchmark's commands and /ping (frivillig/settings.py).
            BENCHMARK="1",
            DEBUG="0",
            PRODUCTION="1",
            SECRET_KEY=env.get("BENCH_SECRET_KEY", "benchmark-only-" + "x" * 50),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            # Production refuses to start without it; the mail goes nowhere (locmem).
            SITE_URL="https://localhost",
            CONN_MAX_AGE="600",
            TASKS_BACKEND="immediate",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            LOG_LEVEL="ERROR",
            # No worker is recycled (gunicorn.conf.py's max_requests) inside a measured run.
            GUNICORN_MAX_REQUESTS="0",
        )
        env.update(extra)
        return env

    def manage(self, suffix, *args, capture=False):
        result = subprocess.run(
            MANAGE + list(args),
            env=self.env(suffix),
            cwd=ROOT,
            text=True,
            capture_output=capture,
        )
        if result.returncode:
            raise BenchmarkError(
                f"manage.py {' '.join(args)} failed" + (f":\n{result.stderr}" if capture else "")
            )
        return result.stdout

    def step(self, label):
        self.log(f"\n== {label}")
        self.timings[label] = time.monotonic()

    # --- the run --------------------------------------------------------------------

    def run(self) -> str:
        started = time.monotonic()
        if not Path(load.WRK).exists() and not shutil.which("wrk"):
            raise BenchmarkError("wrk is needed for the load test: apt-get install wrk")
        if self.only_cluster:
            return self.run_cluster_only(started)
        self.step("databases and data")
        if self.reuse_data:
            self.log("  reusing the bench databases of the last run (--reuse-data)")
        else:
            self.prepare_data()
        # Pages render with production settings (the manifest of hashed static files) from
        # the query counts on, so a fresh clone needs the files collected first.
        self.step("collectstatic")
        self.manage("", "collectstatic", "--noinput", "-v0")
        self.step("query counts at both sizes")
        counts = {}
        for label, _scale, suffix in SIZES:
            out = self.manage(
                suffix,
                "run_benchmark",
                "--phase",
                "queries",
                "--fresh",
                "0" if suffix else "480",
                capture=True,
            )
            counts[label] = json.loads(out.strip().splitlines()[-1])
            self.log(f"  {label}: {len(counts[label]['rows'])} pages")
        self.step("the deck's files, made as the worker makes them")
        deck_made = self.deck_made(counts["full"])
        self.step("load under gunicorn")
        with self.gunicorn():
            loads = self.load(counts["full"])
        loads["deck_made"] = deck_made
        self.step("one and two instances through nginx")
        loads["scaling"] = scaling.measure(self, counts["full"])
        size = {
            label: json.loads(
                self.manage(suffix, "run_benchmark", "--phase", "size", capture=True)
                .strip()
                .splitlines()[-1]
            )
            for label, _scale, suffix in SIZES
        }
        text = report.render(
            counts=counts,
            loads=loads,
            size=size,
            settings={
                "cores": os.cpu_count(),
                "workers": self.workers,
                "seconds": self.seconds,
                "threads": self.threads,
                "connections": self.connections,
                "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                "runtime": time.monotonic() - started,
            },
        )
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.output.write_text(text, encoding="utf-8")
        return text

    def deck_made(self, full: dict) -> dict:
        """The worker's time to make the deck's PDF and PowerPoint file from scratch
        (manage.py bench_deck), which the downloads under gunicorn then find made."""
        url = next(row["url"] for row in full["rows"] if row["name"] == "deck PDF")
        survey = re.search(r"/(\d+)/", url).group(1)
        out = self.manage("", "bench_deck", "--survey", survey, "--json", capture=True)
        made = json.loads(out.strip().splitlines()[-1])
        for fmt, times in made.items():
            self.log(f"  {fmt}: made in {times['made_s']:.2f} s")
        return made

    def full_counts(self) -> dict:
        out = self.manage("", "run_benchmark", "--phase", "queries", capture=True)
        return json.loads(out.strip().splitlines()[-1])

    def run_cluster_only(self, started) -> str:
        """--only-cluster: the instances' part alone, on the full-size bench database of
        an earlier run; its section of docs/performance.md is replaced, the rest kept."""
        self.step("collectstatic")
        if not cluster.static_files_current():
            self.manage("", "collectstatic", "--noinput", "-v0")
        self.step("sessions and pages on the full size")
        full = self.full_counts()
        self.step("one and two instances through nginx")
        result = scaling.measure(self, full)
        text = report.replace_scaling(
            self.output.read_text(encoding="utf-8") if self.output.exists() else "",
            report.scaling_lines(result, seconds=self.seconds, runtime=time.monotonic() - started),
        )
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.output.write_text(text, encoding="utf-8")
        return "\n".join(report.scaling_lines(result, seconds=self.seconds)) + "\n"

    def through(self, port: int) -> "Runner":
        """This runner's load generators aimed at another port (nginx's)."""
        other = copy.copy(self)
        other.port = port
        return other

    def prepare_data(self):
        """Recreates both bench databases: migrate once, copy the empty schema as a
        template, then fill each with its size."""
        small, full = self.urls["_small"], self.urls[""]
        if self.database_url.rstrip("/") in (small, full):
            raise BenchmarkError("DATABASE_URL names a bench database; name your own database.")
        try:
            with _admin_connection(self.database_url) as admin:
                for url in (small, full):
                    admin.execute(f'DROP DATABASE IF EXISTS "{_database_name(url)}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{_database_name(small)}"')
        except psycopg.OperationalError as error:
            raise BenchmarkError(
                f"Cannot reach PostgreSQL ({error}).\n\n{MISSING_DATABASE}"
            ) from error
        self.log("  migrating the empty schema")
        self.manage("_small", "migrate", "--noinput", "-v0")
        with _admin_connection(self.database_url) as admin:
            admin.execute(
                f'CREATE DATABASE "{_database_name(full)}" TEMPLATE "{_database_name(small)}"'
            )
        for label, scale, suffix in SIZES:
            self.log(f"  generating {label}")
            self.manage(suffix, "generate_scale_data", "--scale", str(scale))

    # --- gunicorn ---------------------------------------------------------------------

    def gunicorn(self):
        runner = self

        class Server:
            def __enter__(self):
                command = [
                    str(Path(sys.executable).parent / "gunicorn"),
                    "frivillig.wsgi",
                    "-w",
                    str(runner.workers),
                    "-b",
                    f"127.0.0.1:{runner.port}",
                    "--access-logfile",
                    "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
                    "--error-logfile",
                    "-",
                    "--log-level",
                    "warning",
                    "--timeout",
                    "120",
                ]
                self.process = subprocess.Popen(command, env=runner.env(""), cwd=ROOT)
                client = runner.client()
                for _ in range(100):
                    try:
                        if client.request("GET", "/ping")[0] == 200:
                            return self
                    except OSError:
                        pass
                    if self.process.poll() is not None:
                        raise BenchmarkError("gunicorn did not start")
                    time.sleep(0.2)
                raise BenchmarkError("gunicorn did not answer /ping")

            def __exit__(self, *exc):
                self.process.terminate()
                self.process.wait(timeout=30)

        return Server()

    def client(self, cookie: str = "") -> load.Client:
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https"}
        if cookie:
            headers["Cookie"] = cookie
        return load.Client("127.0.0.1", self.port, headers)

    def settle(self):
        """Waits until the server is idle again (the trivial view answers at once), so
        one page's load does not spill into the next page's run."""
        client = self.client()
        for _ in range(600):
            ms, _response = load.timed(client.request, "GET", "/ping")
            if ms < 20:
                return
            time.sleep(0.1)

    def wrk(self, path, cookie=""):
        headers = {"X-Forwarded-Proto": "https"}
        if cookie:
            headers["Cookie"] = cookie
        self.settle()
        try:
            return load.wrk(
                f"http://127.0.0.1:{self.port}{path}",
                headers,
                seconds=self.seconds,
                threads=self.threads,
                connections=self.connections,
            )
        except (subprocess.CalledProcessError, AttributeError) as error:
            return load.Load(0, 0, 0, 0, 1, f"wrk failed: {error}")

    def warm(self, full: dict) -> None:
        """Every worker renders every page once before anything is measured (templates,
        translations, database connections), the workers' share in parallel."""
        sessions = full["sessions"]
        with ThreadPoolExecutor(self.workers) as pool:
            for row in full["rows"]:
                if row.get("method", "GET") != "GET" or row["kind"] == "export":
                    continue
                client = self.client(f"sessionid={sessions[row['role']]}")
                list(
                    pool.map(
                        lambda _n, c=client, u=row["url"]: c.request("GET", u), range(self.workers)
                    )
                )
            list(pool.map(lambda _n: self.client().request("GET", "/ping"), range(50)))

    def load(self, full: dict) -> dict:
        from . import posts

        sessions = full["sessions"]
        self.log("  warming every worker on every page")
        self.warm(full)
        first = self.wrk("/ping")
        self.log(f"  trivial view: {first.rps:.0f} requests/s")
        result = {"pages": {}, "exports": {}}
        for row in full["rows"]:
            cookie = f"sessionid={sessions[row['role']]}"
            key = (row["role"], row["name"])
            if row["kind"] == "export":
                self.settle()
                result["exports"][key] = posts.time_requests(self.client(cookie), row["url"])
                self.log(f"  {row['role']}: {row['name']}: {result['exports'][key]['ms']:.0f} ms")
            elif row.get("method", "GET") == "GET":
                result["pages"][key] = self.wrk(row["url"], cookie)
                self.log(
                    f"  {row['role']}: {row['name']}: {result['pages'][key].rps:.0f} requests/s"
                )
        result.update(posts.post_loads(self, full))
        last = self.wrk("/ping")
        self.log(f"  trivial view again: {last.rps:.0f} requests/s")
        # The machine may be busier at the start or at the end: the ratios use the mean.
        result["trivial"] = load.Load(
            (first.rps + last.rps) / 2,
            (first.p50_ms + last.p50_ms) / 2,
            (first.p99_ms + last.p99_ms) / 2,
            first.requests + last.requests,
            first.errors + last.errors,
            f"{first.rps:,.0f} at the start, {last.rps:,.0f} at the end",
        )
        return result
