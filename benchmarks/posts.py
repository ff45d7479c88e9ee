"""The measurements that cannot be a wrk run: exports and PDFs timed request by request,
and the POSTs of answering a survey (each needs the revision the last save returned,
and a submit needs a response that is not yet submitted)."""

import json
import re
import secrets
import statistics
import time
from urllib.parse import urlencode

from . import load

CSRF = "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(32))


def time_requests(client, url: str, repeat: int = 3) -> dict:
    times, size, status = [], 0, None
    for _ in range(repeat):
        ms, (status, body) = load.timed(client.request, "GET", url)
        times.append(ms)
        size = len(body)
    # The PDFs are cached by their HTML after the first request (frivillig.lib.pdf.render_pdf):
    # the first request is the rendering, the median mostly the cache.
    return {"ms": statistics.median(times), "first_ms": times[0], "status": status, "bytes": size}


def _post_headers(runner, session: str) -> dict:
    return {
        "Cookie": f"sessionid={session}; csrftoken={CSRF}",
        "X-CSRFToken": CSRF,
        "Origin": f"https://127.0.0.1:{runner.port}",
    }


def post_loads(runner, full: dict) -> dict:
    """The trivial view with this same client (so the POSTs have a fair ratio), the
    draft autosave in a loop per leader, and real submits of fresh responses."""
    survey = full["survey"]
    answers = full["answers"]
    fresh = list(full["fresh"])
    threads = runner.connections
    seconds = runner.seconds

    def trivial(deadline, record, _n):
        client = runner.client()
        while time.monotonic() < deadline:
            ms, (status, _body) = load.timed(client.request, "GET", "/ping")
            record(ms, status == 200)

    result = {"python_trivial": load.run_threads(trivial, threads=threads, seconds=seconds)}
    runner.log(f"  trivial view (Python client): {result['python_trivial'].rps:.0f} requests/s")

    autosavers, fresh = fresh[:threads], fresh[threads:]

    def autosave(deadline, record, n):
        if n >= len(autosavers):
            return
        item = autosavers[n]
        client = runner.client()
        path = f"/undersokelser/{survey}/svar/{item['slug']}/lagre/"
        headers = _post_headers(runner, item["session"])
        revision = 0
        while time.monotonic() < deadline:
            body = urlencode({**answers, "revision": revision}, doseq=True)
            ms, (status, data) = load.timed(client.request, "POST", path, body, headers)
            ok = status == 200
            if ok:
                revision = json.loads(data)["revision"]
            record(ms, ok)

    result["autosave"] = load.run_threads(autosave, threads=threads, seconds=seconds)
    runner.log(f"  save draft: {result['autosave'].rps:.0f} requests/s")

    queue = list(fresh)
    confirm_times = []

    def submit(deadline, record, _n):
        client = runner.client()
        while time.monotonic() < deadline:
            try:
                item = queue.pop()
            except IndexError:
                return
            path = f"/undersokelser/{survey}/svar/{item['slug']}/"
            headers = _post_headers(runner, item["session"])
            body = urlencode({**answers, "revision": 0, "action": "submit"}, doseq=True)
            ms, (status, page) = load.timed(client.request, "POST", path, body, headers)
            match = re.search(rb'name="revision" value="(\d+)"', page)
            record(ms, status == 200 and match is not None)
            if not match:
                continue
            body = urlencode({"revision": match.group(1).decode(), "action": "confirm"})
            ms, (status, _page) = load.timed(client.request, "POST", path, body, headers)
            confirm_times.append(ms)
            record(ms, status == 302)

    result["submit"] = load.run_threads(submit, threads=threads, seconds=seconds)
    result["submit"].note = (
        f"{len(confirm_times)} responses submitted; confirm p50 "
        f"{statistics.median(confirm_times) if confirm_times else 0:.0f} ms"
    )
    runner.log(f"  submit: {result['submit'].rps:.0f} requests/s ({result['submit'].note})")
    return result
