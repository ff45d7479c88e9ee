"""`make serve`: the portal's processes side by side, stopped together.

    .venv/bin/python scripts/serve.py HOST:PORT

Runs gunicorn (gunicorn.conf.py) on HOST:PORT and `manage.py db_worker`, the background
worker (e-mail, the deck's files). At the start, and then every EMAIL_SWEEP_SECONDS
(300), it also runs `manage.py send_queued_emails`, which sends whatever e-mail is due
that no task sent (a worker killed mid-send, say). Ctrl+C or SIGTERM stops both gracefully: the
children run in a process group of their own, so each is told once, from here. If
either stops by itself, the other is stopped and this exits with its code. Production
runs the same under systemd instead (deploy/systemd/).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SWEEP_SECONDS = int(os.environ.get("EMAIL_SWEEP_SECONDS", "300"))
# How long each process may take to finish what it is doing before it is killed: above
# gunicorn's graceful_timeout (30 s).
STOP_SECONDS = 40


def start(command: list[str]) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=ROOT, start_new_session=True)


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for process in processes:
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(bind: str) -> int:
    stopping = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda signum, frame: stopping.append(signum))
    servers = {
        "gunicorn": start(
            [str(BIN / "gunicorn"), "frivillig.wsgi", "-c", "gunicorn.conf.py", "-b", bind]
        ),
        "db_worker": start([sys.executable, "manage.py", "db_worker", "--no-reload"]),
    }
    sweep, next_sweep = None, time.monotonic()
    code = 0
    while not stopping:
        ended = {name: p.returncode for name, p in servers.items() if p.poll() is not None}
        if ended:
            name, code = next(iter(ended.items()))
            print(f"serve: {name} stopped ({code}); stopping the others", file=sys.stderr)
            break
        # The sweep runs beside the others, one at a time; a slow or failed one stops
        # nothing (the e-mail it did not send is still due for the next).
        if time.monotonic() >= next_sweep and (sweep is None or sweep.poll() is not None):
            sweep = start([sys.executable, "manage.py", "send_queued_emails", "-v0"])
            next_sweep = time.monotonic() + SWEEP_SECONDS
        time.sleep(1)
    stop([*servers.values(), *([sweep] if sweep else [])])
    return code


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
