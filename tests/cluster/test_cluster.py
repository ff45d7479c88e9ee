"""make cluster, driven through nginx as people use it: a demo coordinator logs in and is
served by both instances; the deck is rendered once, by the worker, and both instances
hand out the same file; then one instance is killed with SIGKILL in the middle of 200
autosaves by two demo leaders, 500 page reads by the coordinator and a few invitations.

What is asserted, and why:
- every autosave the cluster acknowledged (200 with its new revision) is stored whole:
  the response's history holds that revision and all four answers with the save's own
  text, and each response ends with all four answers of one save. A save in flight to
  the killed instance may get 502 (nginx never sends a POST twice); at most one per
  leader, since each leader's saves follow one another;
- no page read fails over badly: a GET the killed instance had not begun to answer goes
  to the other one (proxy_next_upstream), so it is a 200 with the whole page. A page the
  killed instance was in the middle of sending is cut off (no proxy can resend a response
  it has begun to pass on): at most one such read per reader, at the moment of the kill;
- no e-mail is lost: every invitation acknowledged has its e-mail task finished by the
  worker and the e-mail sent (the console backend writes it to the worker's output);
- the killed instance is started again by run_cluster and serves again.
"""

import http.client
import json
import os
import re
import signal
import threading
import time
import uuid
from collections import Counter

import pytest

pytestmark = pytest.mark.cluster

COORDINATOR = "koordinator-skien"
LEADERS = ["leder-frogner", "leder-smk"]
SAVES = 200
READS = 500
READERS = 4
INVITATIONS = 5
KILL_AFTER_SAVES = 60
READ_PAGES = ["/", "/sentraler/", "/undersokelser/"]


def served_by_both(browser, path="/healthz", tries=20) -> Counter:
    return Counter(browser.get(path).served_by for _ in range(tries))


def test_requests_through_nginx_are_served_by_both_instances(cluster):
    coordinator = cluster.browser().login(COORDINATOR)
    names = Counter()
    for _ in range(10):
        page = coordinator.get("/")
        assert page.status == 200 and "Logg ut" in page.text
        names[page.served_by] += 1
    assert set(names) == {"web1", "web2"}, names


def test_the_deck_is_rendered_once_by_the_worker_and_served_alike_by_both(cluster):
    coordinator = cluster.browser().login(COORDINATOR)
    [(survey,)] = cluster.sql("SELECT survey_id FROM surveys_deck ORDER BY id LIMIT 1")
    cluster.sql("DELETE FROM surveys_deckfile WHERE survey_id = %s", [survey])
    [(since,)] = cluster.sql("SELECT now()")
    url = f"/undersokelser/{survey}/presentasjon.pdf"

    first = coordinator.get(url)
    assert first.status == 202, first.status  # being made by the worker
    files = {}
    deadline = time.monotonic() + 120
    while set(files) != {"web1", "web2"}:
        assert time.monotonic() < deadline, f"the PDF did not come from both: {set(files)}"
        reply = coordinator.get(url)
        if reply.status == 200:
            files[reply.served_by] = reply.body
        else:
            assert reply.status == 202, reply.status
            time.sleep(0.5)
    assert files["web1"].startswith(b"%PDF") and files["web1"] == files["web2"]
    asked = cluster.sql(
        "SELECT args_kwargs FROM django_tasks_database_dbtaskresult "
        "WHERE task_path LIKE %s AND enqueued_at >= %s",
        ["%render_deck_file", since],
    )
    assert [a["args"][:2] for (a,) in asked] == [[survey, "pdf"]]
    stored = cluster.sql(
        "SELECT count(*) FROM surveys_deckfile WHERE survey_id = %s AND format = 'pdf' "
        "AND data IS NOT NULL",
        [survey],
    )
    assert stored == [(1,)]


def _leader_response(cluster, username):
    [(survey, response, slug)] = cluster.sql(
        "SELECT s.id, r.id, c.slug FROM surveys_surveyresponse r "
        "JOIN surveys_survey s ON s.id = r.survey_id "
        "JOIN centres_centre c ON c.id = r.centre_id "
        "JOIN accounts_user u ON u.centre_id = c.id "
        "WHERE u.username = %s AND s.status = 'open'",
        [username],
    )
    questions = [
        pk
        for (pk,) in cluster.sql(
            "SELECT id FROM surveys_question WHERE survey_id = %s AND kind = 'long_text' "
            'ORDER BY "order"',
            [survey],
        )
    ]
    return survey, response, slug, questions


def _revision(browser, page) -> int:
    for _ in range(30):
        reply = browser.get(page)
        found = re.search(rb'name="revision" value="(\d+)"', reply.body)
        if reply.status == 200 and found:
            return int(found.group(1))
        time.sleep(0.2)
    raise AssertionError(f"the answer page did not load: {reply.status}")


def test_a_killed_instance_loses_no_acknowledged_save_and_reads_fail_over(cluster):
    run = uuid.uuid4().hex[:8]
    [(since,)] = cluster.sql("SELECT now()")
    victim = cluster.pid("web1")
    starts_before = cluster.starts("web1")
    acked = {name: [] for name in LEADERS}  # (text, revision) the cluster acknowledged
    unacked = {name: [] for name in LEADERS}  # (text, status): no answer or a refusal
    reads, invited, errors = [], [], []
    killed = threading.Event()
    saved = Counter()

    def guard(work):
        def run_guarded(*args):
            try:
                work(*args)
            except Exception as error:  # noqa: BLE001 - reported by the main thread
                errors.append(repr(error))

        return run_guarded

    @guard
    def autosave(username, browser):
        survey, _response, slug, questions = _leader_response(cluster, username)
        page = f"/undersokelser/{survey}/svar/{slug}/"
        revision = _revision(browser, page)
        for n in range(SAVES // len(LEADERS)):
            text = f"{run} {username} lagring {n}"
            data = {f"q{pk}": text for pk in questions} | {"revision": revision}
            try:
                reply = browser.post(page + "lagre/", data)
            except OSError as error:
                reply = None
                unacked[username].append((text, repr(error)))
            if reply is not None and reply.status == 200:
                revision = json.loads(reply.body)["revision"]
                acked[username].append((text, revision))
                saved["acked"] += 1
            else:
                if reply is not None:
                    unacked[username].append((text, reply.status))
                revision = _revision(browser, page)  # whether or not it was stored

    @guard
    def read(browser, offset):
        for n in range(READS // READERS):
            path = READ_PAGES[(n + offset) % len(READ_PAGES)]
            try:
                reply = browser.get(path)
            except (OSError, http.client.HTTPException) as error:
                # Cut off while the killed instance was sending it.
                reads.append((killed.is_set(), repr(error), False, None, time.monotonic()))
                continue
            whole = reply.body.rstrip().endswith(b"</html>")
            reads.append((killed.is_set(), reply.status, whole, reply.served_by, time.monotonic()))

    @guard
    def invite(browser):
        for n in range(INVITATIONS):
            email = f"klynge-{run}-{n}@example.no"
            form = browser.get("/konto/personer/inviter/")
            assert form.status == 200, form.status
            reply = browser.post(
                "/konto/personer/inviter/",
                {
                    "first_name": "Klynge",
                    "last_name": f"Test {n}",
                    "email": email,
                    "role": "reader",
                    "csrfmiddlewaretoken": browser.cookies["csrftoken"],
                },
            )
            if reply.status == 302:
                invited.append(email)
            time.sleep(0.5)

    coordinator = cluster.browser().login(COORDINATOR)
    threads = [
        threading.Thread(target=autosave, args=(name, cluster.browser().login(name)))
        for name in LEADERS
    ]
    threads += [threading.Thread(target=read, args=(coordinator.copy(), n)) for n in range(READERS)]
    threads.append(threading.Thread(target=invite, args=(coordinator.copy(),)))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    while saved["acked"] < KILL_AFTER_SAVES and any(t.is_alive() for t in threads[:2]):
        time.sleep(0.01)
    os.killpg(victim, signal.SIGKILL)  # gunicorn's master and its workers at once
    killed_at = time.monotonic()
    killed.set()
    for thread in threads:
        thread.join(180)
    took = time.monotonic() - started
    assert not errors, errors

    # Every acknowledged save is in the response's history, whole; each response now
    # holds all four answers of one save.
    for username in LEADERS:
        _survey, response, _slug, questions = _leader_response(cluster, username)
        revisions = {
            r
            for (r,) in cluster.sql(
                "SELECT revision FROM surveys_historicalsurveyresponse WHERE id = %s",
                [response],
            )
        }
        texts = Counter(
            t
            for (t,) in cluster.sql(
                "SELECT text FROM surveys_historicalanswer WHERE response_id = %s "
                "AND text LIKE %s AND question_id = ANY(%s)",
                [response, f"{run} %", questions],
            )
        )
        for text, revision in acked[username]:
            assert revision in revisions, (username, text, revision)
            assert texts[text] == len(questions), (username, text, texts[text])
        now = cluster.sql(
            "SELECT text FROM surveys_answer WHERE response_id = %s AND question_id = ANY(%s)",
            [response, questions],
        )
        assert len(now) == len(questions) and len({t for (t,) in now}) == 1, now
        assert len(unacked[username]) <= 1, unacked[username]
        assert len(acked[username]) + len(unacked[username]) == SAVES // len(LEADERS)

    # Every read was answered whole; after the kill only web2 could answer until web1
    # was back.
    assert len(reads) == READS
    failed = [r for r in reads if r[1] != 200 or not r[2]]
    in_flight = [r for r in failed if isinstance(r[1], str) and abs(r[4] - killed_at) < 2]
    assert failed == in_flight, failed[:5]
    assert len(in_flight) <= READERS, in_flight
    after = Counter(r[3] for r in reads if r[0])
    assert after["web2"] > 0, after
    back = min((r[4] for r in reads if r[0] and r[3] == "web1"), default=None)

    # The killed instance is started again and serves through nginx again.
    deadline = time.monotonic() + 120
    while cluster.starts("web1") == starts_before or "web1" not in served_by_both(
        coordinator, tries=4
    ):
        assert time.monotonic() < deadline, "web1 did not rejoin:\n" + "\n".join(
            cluster.lines[-20:]
        )
        time.sleep(0.5)
    assert cluster.pid("web1") != victim

    # No e-mail lost: the worker finishes every task asked for since the start, and
    # each invitation's e-mail is sent.
    assert len(invited) >= INVITATIONS - 1, invited  # one may have been in flight
    deadline = time.monotonic() + 120
    while True:
        states = Counter(
            s
            for (s,) in cluster.sql(
                "SELECT status FROM django_tasks_database_dbtaskresult WHERE enqueued_at >= %s",
                [since],
            )
        )
        if not states["READY"] and not states["RUNNING"]:
            break
        assert time.monotonic() < deadline, states
        time.sleep(0.5)
    assert set(states) == {"SUCCESSFUL"}, states
    output = "\n".join(cluster.lines)
    for email in invited:
        assert f"To: {email}" in output, email
    print(
        f"\n[cluster] {SAVES} saves ({sum(map(len, acked.values()))} acknowledged, "
        f"unacknowledged: {unacked}), {len(reads)} reads (after the kill: {dict(after)}), "
        f"{len(invited)} invitations, tasks {dict(states)}; web1 served again "
        f"{f'{back - killed_at:.1f} s' if back else 'after the run'} after the kill; "
        f"run {took:.1f} s"
    )
