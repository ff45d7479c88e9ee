"""The portal runs in a real server process (gunicorn) on the test database while a leader
submits one survey after another; the server is killed with SIGKILL in the middle of the
series. Every submit the server answered with success must be stored, with all its
answers, and no half-written response may exist. Then the server starts again and serves.
"""

import http.client
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.db.models import Count
from django.http import HttpRequest
from django.test import Client
from django.utils.crypto import get_random_string

from surveys.models import Answer, Survey, SurveyResponse

from ..factories import SurveyFactory, SurveyResponseFactory
from ..surveys.conftest import answer_url, full_answers, in_days, seed_questions
from .conftest import postgres_only

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
RESPONSES = 12
KILLS = 1
SUBMITS_BEFORE_KILL = 5  # then the kill lands inside the next requests
ANSWERS = 5  # full_answers fills five of the seed's six questions (one follow-up is hidden)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    """The test database (test_<name>), for the server process."""
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "")
    password = ":" + urllib.parse.quote(db["PASSWORD"]) if db["PASSWORD"] else ""
    host = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
    return f"postgres://{user}{password}@{host}/{db['NAME']}"


class Server:
    """gunicorn with two workers in its own process group, so SIGKILL takes all of it."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "DEBUG": "1",  # static files from the finders: no collectstatic needed
            "SECRET_KEY": settings.SECRET_KEY,
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "CONN_MAX_AGE": "0",
        }
        env.pop("PRODUCTION", None)
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "frivillig.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--preload",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "gunicorn exited at start"
            try:
                if self.request("GET", "/healthz").status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("gunicorn did not answer /healthz within 30 s")

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def request(self, method, path, *, body=None, cookies=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        headers = {"Host": "127.0.0.1"}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = cookies["csrftoken"]
            body = urllib.parse.urlencode(body, doseq=True)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.text = response.read().decode()
            return response
        finally:
            conn.close()


def messages_in(response) -> list[str]:
    """The flash messages a redirect carries in its cookie, as the next page would show."""
    cookie = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookie.load(header)
    if "messages" not in cookie:
        return []
    stored = CookieStorage(HttpRequest())._decode(cookie["messages"].value) or []
    return [str(m) for m in stored]


def submit_series(server, cookies, series, outcome, stop, tried):
    """Fills in and submits one response after another, as a leader does: «Send inn …»
    (saves and shows the confirmation) and then the confirmation. Records what the server
    answered for each response; stops at the first request the server does not answer."""
    for survey, centre, data in series:
        if stop.is_set():
            return
        tried.append(survey.pk)
        url = answer_url(survey, centre)
        try:
            shown = server.request(
                "POST", url, body={**data, "action": "submit", "revision": 0}, cookies=cookies
            )
            if shown.status != 200 or "Send inn" not in shown.text:
                outcome[survey.pk] = f"confirm page missing ({shown.status})"
                return
            outcome[survey.pk] = "draft saved"
            done = server.request(
                "POST", url, body={"action": "confirm", "revision": 1}, cookies=cookies
            )
        except OSError:  # the server is gone: this submit got no (full) answer
            outcome.setdefault(survey.pk, "no answer")
            return
        said = messages_in(done)
        submitted = done.status == 302 and any("Takk!" in m for m in said)
        outcome[survey.pk] = "submitted" if submitted else f"refused: {done.status} {said}"
        if not submitted:
            return


@pytest.fixture
def series(centre_people):
    """RESPONSES open surveys with the seed's questions, each with the centre's response
    not started, and the answers the leader will give."""
    centre, result = centre_people.centre, []
    for n in range(RESPONSES):
        survey = SurveyFactory(
            municipality=centre_people.municipality,
            round=2030 + n,
            deadline=in_days(14),
            status=Survey.Status.OPEN,
        )
        questions = seed_questions(survey)
        SurveyResponseFactory(
            survey=survey, centre=centre, status=SurveyResponse.Status.NOT_STARTED
        )
        goals = {f"q{questions['goals'].pk}": f"Mål nummer {n}: «inkludering» & fellesskap"}
        result.append((survey, centre, full_answers(questions, **goals)))
    return result


def session_cookies(user) -> dict:
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": get_random_string(32)}


def assert_nothing_partial(series, outcome):
    """Each response is whole in one of three states: not started with no answers, a draft
    with all the answers of «Send inn …», or submitted with all its answers."""
    counts = dict(
        SurveyResponse.objects.filter(survey__in=[s for s, _c, _d in series])
        .annotate(n=Count("answers"))
        .values_list("survey_id", "n")
    )
    for survey, _centre, data in series:
        response = SurveyResponse.objects.get(survey=survey)
        stored = counts[survey.pk]
        state = (response.status, response.revision, stored)
        if response.status == SurveyResponse.Status.NOT_STARTED:
            assert state == (response.status, 0, 0), state
            assert outcome.get(survey.pk) in (None, "no answer")
        elif response.status == SurveyResponse.Status.DRAFT:
            assert state == (response.status, 1, ANSWERS), state
            assert response.submitted_at is None and response.submitted_by is None
            assert outcome.get(survey.pk) in ("draft saved", "no answer")
        else:
            assert state == (SurveyResponse.Status.SUBMITTED, 2, ANSWERS), state
            assert response.submitted_at and response.submitted_by
        if stored:  # whatever is stored is what was typed, not a mix
            goals = response.answers.get(question__order=2).text
            assert goals == data[f"q{survey.questions.get(order=2).pk}"]
        if outcome.get(survey.pk) == "submitted":
            assert response.status == SurveyResponse.Status.SUBMITTED
    duplicates = (
        Answer.objects.values("response", "question").annotate(n=Count("pk")).filter(n__gt=1)
    )
    assert not duplicates.exists()
    assert not Answer.objects.filter(response__isnull=True).exists()
    connection.check_constraints()  # foreign keys and deferred constraints hold


def test_a_killed_server_loses_no_answered_submit_and_leaves_nothing_half_written(
    centre_people, series
):
    server = Server()
    cookies = session_cookies(centre_people.leaders[0])
    outcome: dict[int, str] = {}
    remaining = list(series)
    tried, cut_off = [], []
    try:
        for _kill in range(KILLS):
            server.start()
            stop = threading.Event()
            sender = threading.Thread(
                target=submit_series, args=(server, cookies, remaining, outcome, stop, tried)
            )
            before = sum(v == "submitted" for v in outcome.values())
            sender.start()
            # Kill once a few submits went through, at a moment that varies, so the kill
            # lands somewhere inside a request.
            deadline = time.monotonic() + 30
            while sum(v == "submitted" for v in outcome.values()) < before + SUBMITS_BEFORE_KILL:
                assert sender.is_alive(), outcome
                assert time.monotonic() < deadline, "the submits did not go through"
                time.sleep(0.005)
            time.sleep(random.uniform(0, 0.05))
            server.kill()
            stop.set()
            sender.join(30)
            assert_nothing_partial(series, outcome)
            # The submit the kill cut off: what the server had said, what the database holds.
            last = tried[-1]
            if outcome[last] != "submitted":
                status = SurveyResponse.objects.get(survey_id=last).status
                cut_off.append(f"{outcome[last]} → {status}")
            remaining = [s for s in remaining if outcome.get(s[0].pk) in (None, "no answer")]

        # The server comes back and serves: the dashboard, a submitted response, and a
        # submit of a response it never got to.
        server.start()
        assert server.request("GET", "/", cookies=cookies).status == 200
        done = next(s for s in series if outcome.get(s[0].pk) == "submitted")
        page = server.request("GET", answer_url(done[0], done[1]), cookies=cookies)
        assert page.status == 200 and "Svaret er sendt inn" in page.text
        untouched = [s for s in series if SurveyResponse.objects.get(survey=s[0]).revision == 0]
        submit_series(server, cookies, untouched[:1], outcome, threading.Event(), tried)
        assert outcome[untouched[0][0].pk] == "submitted"
    finally:
        if server.process and server.process.poll() is None:
            server.kill()
    assert_nothing_partial(series, outcome)
    submitted = sum(v == "submitted" for v in outcome.values())
    print(
        f"\n[killed server] {KILLS} SIGKILL(s); {len(tried)} submits tried, {submitted} "
        f"answered with success and found stored with all answers; {len(series)} responses "
        f"checked whole; cut off by the kill (server's answer → stored state): {cut_off}"
    )
