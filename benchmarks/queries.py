"""Query counts per page, measured in-process with Django's test client against the
database the process is configured for; also the sessions the load generator logs in
with. Run by `run_benchmark --phase queries`, once per data size."""

import time
from urllib.parse import urlencode

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.backends import USER_BACKEND

from . import pages as bench_pages

CONTROL = {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"}


def session_for(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = USER_BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _client(user) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user, backend=USER_BACKEND)
    return client


def _count(call, *args, **kwargs):
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = call(*args, **kwargs)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        elapsed = (time.perf_counter() - started) * 1000
    # Transaction control (BEGIN, COMMIT, savepoints) is not a query: counted apart.
    statements = [q for q in captured.captured_queries if q["sql"].split(" ", 1)[0] not in CONTROL]
    response.transactions = sum(1 for q in captured.captured_queries if q["sql"] == "BEGIN")
    return response, len(statements), elapsed, statements


def measure(submit_sessions: int = 0) -> dict:
    users = bench_pages.users()
    clients = {role: _client(user) for role, user in users.items()}
    rows = []
    for page in bench_pages.pages():
        client = clients[page.role]
        client.get(page.url, secure=True)  # warm: caches, translations, first connection
        response, queries, ms, _sql = _count(client.get, page.url, secure=True)
        rows.append(
            {
                **page.as_dict(),
                "status": response.status_code,
                "queries": queries,
                "ms": ms,
                "transactions": response.transactions,
            }
        )
    survey, fresh = bench_pages.open_round_responses()
    response_row, leader = fresh[-1]
    data = bench_pages.full_answers(survey)
    client = _client(leader)
    url = f"/undersokelser/{survey.pk}/svar/{response_row.centre.slug}/"
    client.get(url, secure=True)
    save_url = f"/undersokelser/{survey.pk}/svar/{response_row.centre.slug}/lagre/"
    body = urlencode({**data, "revision": 0}, doseq=True)
    form = "application/x-www-form-urlencoded"
    response, queries, ms, _sql = _count(
        client.post, save_url, body, content_type=form, secure=True
    )
    rows.append(_post_row("save draft (autosave)", save_url, response, queries, ms))
    revision = response.json().get("revision", 0)
    body = urlencode({**data, "revision": revision, "action": "submit"}, doseq=True)
    response, queries, ms, _sql = _count(client.post, url, body, content_type=form, secure=True)
    rows.append(_post_row("submit: answers + confirmation", url, response, queries, ms))
    revision = response.context["response"].revision if response.context else revision + 1
    body = urlencode({"revision": revision, "action": "confirm"}, doseq=True)
    response, queries, ms, sql = _count(client.post, url, body, content_type=form, secure=True)
    response_row.refresh_from_db()
    rows.append(
        _post_row(
            "submit: confirm (send inn)",
            url,
            response,
            queries,
            ms,
            submitted=response_row.is_submitted,
            sql=[q["sql"][:200] for q in sql],
        )
    )
    sessions = {role: session_for(user) for role, user in users.items()}
    fresh_sessions = [
        {"slug": r.centre.slug, "session": session_for(u)} for r, u in fresh[:-1][:submit_sessions]
    ]
    from django.conf import settings
    from django.template import engines

    def cached(loaders) -> bool:
        # Django's cached loader, on top or wrapped by another loader.
        return any(
            type(loader).__module__ == "django.template.loaders.cached"
            or cached(getattr(loader, "loaders", []))
            for loader in loaders
        )

    return {
        "cached_templates": cached(engines["django"].engine.template_loaders),
        "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
        "prepare_threshold": settings.DATABASES["default"]
        .get("OPTIONS", {})
        .get("prepare_threshold"),
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "debug": settings.DEBUG,
        "rows": rows,
        "sessions": sessions,
        "survey": survey.pk,
        "answers": data,
        "fresh": fresh_sessions,
    }


def _post_row(name, url, response, queries, ms, **extra) -> dict:
    """A row for one of the leader's POSTs to the answer form."""
    return {
        "role": "leader@Storby",
        "name": name,
        "url": url,
        "kind": "form",
        "method": "POST",
        "status": response.status_code,
        "transactions": response.transactions,
        "queries": queries,
        "ms": ms,
        **extra,
    }
