import io
import os
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from .factories import (
    CentreFactory,
    CoordinatorFactory,
    LeaderFactory,
    MeetingFactory,
    MunicipalityFactory,
    ReaderFactory,
    UserFactory,
)

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def media_root(tmp_path_factory):
    """Uploaded files (deck images, accounts) of this test process: never the project's
    media/ folder, and never a folder another pytest-xdist worker writes to."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _fast_and_plain(settings, media_root):
    settings.PASSWORD_HASHERS = FAST_HASHER
    settings.MEDIA_ROOT = media_root
    # The manifest storage needs collectstatic; tests serve static files from the finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # The language middleware activates the request's language in the thread and leaves
    # it there: a test that asked for English must not turn the next test English.
    translation.activate(settings.LANGUAGE_CODE)


def _test_caches() -> dict:
    """The cache of this test process. With REDIS_URL, Redis as in production, under a
    prefix of this pytest-xdist worker's own; else the process's memory (the live
    server's thread shares it), not the database cache of development: its queries would
    count in every page's query_count. tests/test_shared_state.py tries the database cache."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    if settings.REDIS_URL:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": settings.REDIS_URL,
                "KEY_PREFIX": f"frivillig-test-{worker}",
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"frivillig-test-{worker}",
        }
    }


TEST_CACHES = _test_caches()


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """Every test starts from an empty cache of its own: what one test cached (results of
    a survey whose id the next test's survey reuses) must not answer for another."""
    settings.CACHES = TEST_CACHES
    if settings.REDIS_URL:
        # Only this worker's keys: clear() would empty the other workers' too.
        prefix = TEST_CACHES["default"]["KEY_PREFIX"]
        client = cache._cache.get_client(write=True)
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)
    else:
        cache.clear()


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Skien", slug="skien")


@pytest.fixture
def other_municipality(db):
    return MunicipalityFactory(name="Drammen", slug="drammen")


@pytest.fixture
def centre_a(municipality):
    return CentreFactory(municipality=municipality, name="Klyve nærmiljøsenter", slug="klyve")


@pytest.fixture
def centre_b(municipality):
    return CentreFactory(municipality=municipality, name="Gulset nærmiljøsenter", slug="gulset")


@pytest.fixture
def other_centre(other_municipality):
    return CentreFactory(municipality=other_municipality, name="Drammen sentral", slug="drammen-s")


@pytest.fixture
def coordinator(municipality):
    return CoordinatorFactory(username="koordinator", municipality=municipality)


@pytest.fixture
def other_coordinator(other_municipality):
    return CoordinatorFactory(username="koordinator-annen", municipality=other_municipality)


@pytest.fixture
def leader_a(centre_a):
    return LeaderFactory(username="leder-a", centre=centre_a)


@pytest.fixture
def leader_b(centre_b):
    return LeaderFactory(username="leder-b", centre=centre_b)


@pytest.fixture
def reader(municipality):
    return ReaderFactory(username="leser", municipality=municipality)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def common_meeting(municipality, centre_a, centre_b):
    return MeetingFactory(municipality=municipality, centres=[centre_a, centre_b])


@pytest.fixture
def visit_b(municipality, centre_b):
    return MeetingFactory(
        municipality=municipality, kind="visit", title="Besøk på Gulset", centres=[centre_b]
    )


# The cast, in the order the access matrices write their columns.
ROLES = ["anonymous", "coordinator", "other_coordinator", "leader_a", "leader_b", "reader", "admin"]


@pytest.fixture
def cast(coordinator, other_coordinator, leader_a, leader_b, reader, admin_user):
    """The suite's one cast of users, by the name the matrices use (ROLES): Skien's
    coordinator, Drammen's, the leaders of Klyve (A) and Gulset (B) in Skien, Skien's
    reader and the administrator."""
    return {
        "anonymous": None,
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
        "leader_a": leader_a,
        "leader_b": leader_b,
        "reader": reader,
        "admin": admin_user,
    }


@pytest.fixture
def person(db):
    """Someone who logs in through the login page with a password: kari."""
    user = UserFactory(username="kari")
    user.set_password("riktig-passord")
    user.save()
    return user


class QueryCount:
    """The suite's one way to count SQL queries (Django's CaptureQueriesContext, as
    pytest-django's django_assert_max_num_queries counts them).

    `with query_count(at_most=12) as queries: ...` fails above the ceiling, listing the
    SQL (`exactly=` fails on any other number); without either it only counts
    (`len(queries)`, `queries.captured_queries`).
    `query_count.get(client, url)` GETs a page that must answer 200, reads a streamed
    download to the end, and returns how many queries that took."""

    @contextmanager
    def __call__(self, *, at_most: int | None = None, exactly: int | None = None):
        with CaptureQueriesContext(connection) as queries:
            yield queries
        count = len(queries)
        if at_most is not None and count > at_most:
            self._fail(queries, f"{count} queries, more than {at_most}")
        if exactly is not None and count != exactly:
            self._fail(queries, f"{count} queries, not {exactly}")

    @staticmethod
    def _fail(queries, message: str):
        sql = "\n".join(f"{n}. {q['sql']}" for n, q in enumerate(queries.captured_queries, 1))
        pytest.fail(f"{message}:\n{sql}", pytrace=False)

    def get(self, client, url, params=None, *, at_most: int | None = None) -> int:
        with self(at_most=at_most) as queries:
            response = client.get(url, params)
            assert response.status_code == 200, url
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
        return len(queries)


@pytest.fixture
def status_only_responses(monkeypatch):
    """For a test that reads only its responses' status and content: the test client
    otherwise records every template a response rendered with a copy of its context
    (django.test.utils.instrumented_test_render), a quarter of the time a form of many
    rows takes to render, for a response.context nobody reads."""
    from django.template import Template
    from django.test.utils import _TestState

    monkeypatch.setattr(Template, "_render", _TestState.saved_data.template_render)


@pytest.fixture
def query_count() -> QueryCount:
    return QueryCount()


@pytest.fixture
def client_for(client):
    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


# --- the demo, built once per test process ---------------------------------------------

# Made by migrate and kept by it, not by seed_demo: never copied.
NOT_DEMO_ROWS = {"contenttypes.ContentType", "auth.Permission"}


@pytest.fixture(scope="session")
def demo_rows(django_db_setup, django_db_blocker, media_root):
    """The rows `seed_demo` writes, built once per test process (under xdist once per
    worker, each with its own database) in a transaction that is rolled back, so the
    database stays empty for the tests that do not ask for the demo. Loading these rows
    (the `demo` fixture) costs a fifth of running seed_demo's services again."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=FAST_HASHER,
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            MEDIA_ROOT=media_root,
        ),
        translation.override(settings.LANGUAGE_CODE),
        transaction.atomic(),
    ):
        models = [
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and model._meta.label not in NOT_DEMO_ROWS
        ]
        # Rows a data migration wrote are there for every test already.
        before = {model: list(model._base_manager.values_list("pk", flat=True)) for model in models}
        call_command("seed_demo", stdout=io.StringIO())
        rows = []
        for model in models:
            objects = model._base_manager.exclude(pk__in=before[model]).order_by("pk")
            if objects.exists():
                rows.append((model, serializers.serialize("python", objects)))
        transaction.set_rollback(True)
    return rows


def load_demo(rows) -> None:
    """Writes the demo's rows as seed_demo left them (the same primary keys), in one
    transaction so their foreign keys are checked at its end."""
    with transaction.atomic():
        for model, data in rows:
            model._base_manager.bulk_create(
                item.object for item in serializers.deserialize("python", data)
            )
        # PostgreSQL's sequences go on after the copied keys (SQLite needs nothing).
        statements = connection.ops.sequence_reset_sql(no_style(), [m for m, _ in rows])
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


@pytest.fixture
def demo(db, demo_rows):
    """The demo, for a test that reads it: its own copy of the rows, which the test's
    rollback (or, for a transactional test, its flush) removes again. A test that must
    run seed_demo itself (on another day, say) does not ask for this."""
    load_demo(demo_rows)


# --- the order of the run ------------------------------------------------------------

# The longest tests first: pytest-xdist's worksteal hands each worker a slice of the
# collection and lets an idle worker take the end of a busy worker's queue, so a long
# test left at the end of a slice would run alone while the other core waits.
LONG_RUNNING = (
    "tests/browser/test_every_page.py",
    "tests/browser/",
    "tests/security/test_malformed_ids.py",
    "tests/security/test_url_access.py",
)


def pytest_collection_modifyitems(items):
    def rank(item) -> int:
        path = item.nodeid.split("::")[0]
        return next(
            (i for i, prefix in enumerate(LONG_RUNNING) if path.startswith(prefix)),
            len(LONG_RUNNING),
        )

    items.sort(key=rank)
