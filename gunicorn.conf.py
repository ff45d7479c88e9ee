"""gunicorn's settings for `make serve` and production, read from the environment.

The reverse proxy in front terminates HTTPS and sets X-Forwarded-Proto and
X-Forwarded-For. Django trusts X-Forwarded-Proto with PRODUCTION=1, and X-Forwarded-For
only from the proxies in TRUSTED_PROXIES (see README.md, "Configuration").
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, 2 × cores + 1 by default, as gunicorn's documentation suggests.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A PDF or an XLSX export can take some seconds on a busy machine.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Recycle workers now and then, so a slow leak never grows without bound. 0 turns it off
# (make bench does, so that no worker restarts inside a measured run), jitter included.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10 if max_requests > 0 else 0
# The proxies gunicorn believes about the scheme (X-Forwarded-Proto): the ones Django
# believes about the client's address, unless set apart.
forwarded_allow_ips = (
    os.environ.get("FORWARDED_ALLOW_IPS") or os.environ.get("TRUSTED_PROXIES") or "127.0.0.1,::1"
)
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
