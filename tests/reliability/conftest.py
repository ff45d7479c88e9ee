"""Helpers for the reliability tests: a PostgreSQL mark, the people of one centre, and a
race of calls that start together, each on its own thread and database connection.

The tests that need other connections (threads, a server process) to see their rows are
transactional: nothing is wrapped in a test transaction, and the tables are emptied after
each test. That flush costs a few seconds on PostgreSQL, so such tests are few and each
runs many rounds."""

import threading
import time
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connections

from ..factories import CentreFactory, CoordinatorFactory, LeaderFactory, MunicipalityFactory

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

postgres_only = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="needs PostgreSQL (real parallel transactions, row locks); CI runs it there",
)


@pytest.fixture
def centre_people(transactional_db):
    """A municipality with one centre, its two leaders and two coordinators, committed so
    that every connection sees them."""
    municipality = MunicipalityFactory()
    centre = CentreFactory(municipality=municipality)
    return SimpleNamespace(
        municipality=municipality,
        centre=centre,
        leaders=[LeaderFactory(centre=centre) for _ in range(2)],
        coordinators=[CoordinatorFactory(municipality=municipality) for _ in range(2)],
    )


@dataclass
class Outcome:
    value: object = None
    error: BaseException | None = None
    started: float = 0.0
    ended: float = 0.0


def race(*calls, timeout: float = 30) -> list[Outcome]:
    """Runs every call on its own thread; a barrier releases them together so their
    requests overlap. Each thread closes its own database connection when done."""
    barrier = threading.Barrier(len(calls))
    outcomes = [Outcome() for _ in calls]

    def run(call, outcome):
        try:
            barrier.wait(timeout)
            outcome.started = time.monotonic()
            outcome.value = call()
        except BaseException as error:  # reported to the test, not lost in the thread
            outcome.error = error
        finally:
            outcome.ended = time.monotonic()
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=pair) for pair in zip(calls, outcomes, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(t.is_alive() for t in threads), "a racing request never finished"
    for outcome in outcomes:
        if outcome.error is not None:
            raise outcome.error
    return outcomes


def overlapped(outcomes: list[Outcome]) -> bool:
    """Whether all the requests were running at one moment."""
    return max(o.started for o in outcomes) < min(o.ended for o in outcomes)
