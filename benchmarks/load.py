"""Load generators: wrk for GET pages, a small threaded HTTP client for the POSTs (a
submit changes data, so every request needs its own response and revision)."""

import http.client
import re
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field

WRK = "/usr/bin/wrk"


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int = 0
    note: str = ""


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url: str, headers: dict, *, seconds: int, threads: int, connections: int) -> Load:
    # A long timeout: a request wrk gives up on is still served, and the backlog would
    # slow down the next page's run.
    command = [
        WRK,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "60s",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))

    def latency(key):
        value, unit = re.match(r"([\d.]+)(\w+)", p[key]).groups()
        return _ms(value, unit)

    requests = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = int(bad.group(1)) if bad else 0
    socket_errors = re.search(r"Socket errors:.*", out)
    return Load(
        rps,
        latency("50"),
        latency("99"),
        requests,
        errors,
        socket_errors.group(0) if socket_errors else "",
    )


@dataclass
class Client:
    """One HTTP/1.0-style request per connection (gunicorn's sync workers close it)."""

    host: str
    port: int
    headers: dict = field(default_factory=dict)

    def request(self, method: str, path: str, body: str | None = None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=300)
        try:
            all_headers = {**self.headers, **(headers or {})}
            if body is not None:
                all_headers["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


def run_threads(worker, *, threads: int, seconds: float) -> Load:
    """Runs `worker(deadline, record)` in threads; `record(ms, ok)` is called per request."""
    latencies, errors = [], [0]
    lock = threading.Lock()

    def record(ms: float, ok: bool):
        with lock:
            latencies.append(ms)
            if not ok:
                errors[0] += 1

    started = time.monotonic()
    deadline = started + seconds
    pool = [threading.Thread(target=worker, args=(deadline, record, n)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.monotonic() - started
    if not latencies:
        return Load(0, 0, 0, 0, errors[0], "no request completed")
    ordered = sorted(latencies)
    return Load(
        len(latencies) / elapsed,
        statistics.median(ordered),
        ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
        len(latencies),
        errors[0],
    )


def timed(call, *args):
    started = time.perf_counter()
    result = call(*args)
    return (time.perf_counter() - started) * 1000, result
