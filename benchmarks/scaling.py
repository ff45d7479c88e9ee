"""Two app servers against one: the same pages through nginx (make cluster's
configuration, frivillig.lib.cluster) with one gunicorn instance and then with two, each
with the benchmark's workers, on the full-size data; the factor is the figure."""

import shutil
import tempfile
from pathlib import Path

from frivillig.lib import cluster

from . import load

# The trivial view and a typical municipality's read pages (they do not grow with the
# data), so the factor is about serving, not about one slow page.
ROLE = "coordinator@Mellomby"
PAGES = ("dashboard", "centre page", "survey results", "agreement page")
TARGET = 1.6


def pages(full: dict) -> list[dict]:
    return [
        row
        for row in full["rows"]
        if row["role"] == ROLE and row["name"] in PAGES and row.get("method", "GET") == "GET"
    ]


def _env(runner) -> dict:
    # nginx sets X-Forwarded-Proto to the plain HTTP it is spoken to, so no redirect to
    # HTTPS; X-Forwarded-For is believed from nginx only, as in a deployment.
    return runner.env(
        "", SECURE_SSL_REDIRECT="0", TRUSTED_PROXIES="127.0.0.1", GUNICORN_MAX_REQUESTS="0"
    )


def _measure_through(runner, instances: int, rows: list[dict], sessions: dict) -> dict:
    front = runner.port + 100
    ports = [front + n for n in range(1, instances + 1)]
    folder = Path(tempfile.mkdtemp(prefix="frivillig-bench-cluster-"))
    env = {**_env(runner), "WEB_CONCURRENCY": str(runner.workers)}
    running = cluster.Cluster(port=front, env=env, folder=folder, log=lambda _line: None)
    for n, port in enumerate(ports, start=1):
        running.add_instance(f"web{n}", port)
    running.add_nginx([f"127.0.0.1:{p}" for p in ports])
    result = {}
    try:
        running.start_all()
        via = runner.through(front)
        via.warm({"rows": rows, "sessions": sessions})
        # A second of load on each page first: the data's pages in PostgreSQL's memory
        # and every cache filled, so the first configuration measured pays no more for
        # them than the second.
        for row in rows:
            load.wrk(
                f"http://127.0.0.1:{front}{row['url']}",
                {"Cookie": f"sessionid={sessions[row['role']]}"},
                seconds=1,
                threads=runner.threads,
                connections=runner.connections,
            )
        result["trivial"] = via.wrk("/ping")
        runner.log(f"  {instances} instance(s): trivial view {result['trivial'].rps:.0f}/s")
        for row in rows:
            measured = via.wrk(row["url"], f"sessionid={sessions[row['role']]}")
            result[row["name"]] = measured
            runner.log(f"  {instances} instance(s): {row['name']}: {measured.rps:.0f}/s")
    except cluster.ClusterError as error:
        result["error"] = str(error)
        runner.log(f"  {instances} instance(s): {error}")
    finally:
        running.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return result


def measure(runner, full: dict) -> dict:
    rows = pages(full)
    return {
        "rows": rows,
        "one": _measure_through(runner, 1, rows, full["sessions"]),
        "two": _measure_through(runner, 2, rows, full["sessions"]),
        "workers": runner.workers,
    }
