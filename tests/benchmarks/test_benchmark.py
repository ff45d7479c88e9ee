"""The benchmark's own pieces: the trivial view, the refusals without PostgreSQL, and (on
PostgreSQL) a tiny run of the scale data with every measured page answering its role.
The benchmark itself is `make bench`, never a timed test. Outside it (BENCHMARK unset)
neither its app nor /ping is installed."""

import importlib.util
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from accounts.models import Municipality
from benchmarks import pages, queries, scale
from benchmarks.management.commands import generate_scale_data, run_benchmark

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the scale data is for PostgreSQL"
)
TINY = [
    "--scale", "0.01", "--municipalities", "3", "--centres", "3", "--goals", "3",
    "--rounds", "2", "--questions", "7", "--versions", "2",
]  # fmt: skip


SETTINGS = Path(__file__).resolve().parents[2] / "frivillig" / "settings.py"
pytestmark = pytest.mark.usefixtures("benchmark_urls")


def test_the_trivial_view_answers_anyone_without_touching_the_database(client):
    # No django_db mark: any query would fail the test.
    response = client.get("/ping", secure=True)
    assert response.status_code == 200
    assert response.content == b"pong\n"


@pytest.mark.django_db
def test_the_trivial_view_answers_every_role(client, cast):
    for role, user in cast.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get("/ping", secure=True)
        assert (response.status_code, response.content) == (200, b"pong\n"), role


def _settings_under(monkeypatch, **env):
    """frivillig/settings.py read afresh with this environment (no other setting)."""
    with monkeypatch.context() as patch:
        for name in ("BENCHMARK", "PRODUCTION", "DEBUG", "SECRET_KEY", "SITE_URL"):
            patch.delenv(name, raising=False)
        for name, value in env.items():
            patch.setenv(name, value)
        spec = importlib.util.spec_from_file_location("settings_read_afresh", SETTINGS)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return module


def test_the_benchmark_and_the_demo_are_installed_only_where_they_run(monkeypatch):
    plain = _settings_under(monkeypatch)
    assert plain.ROOT_URLCONF == "frivillig.urls"
    assert "benchmarks" not in plain.INSTALLED_APPS and "demo" in plain.INSTALLED_APPS
    bench = _settings_under(monkeypatch, BENCHMARK="1")
    assert bench.ROOT_URLCONF == "benchmarks.urls" and "benchmarks" in bench.INSTALLED_APPS
    production = {"PRODUCTION": "1", "SECRET_KEY": "x" * 50, "SITE_URL": "https://f.example.no"}
    served = _settings_under(monkeypatch, **production)
    assert served.ROOT_URLCONF == "frivillig.urls"
    assert "benchmarks" not in served.INSTALLED_APPS and "demo" not in served.INSTALLED_APPS


def test_the_benchmark_without_a_database_url_says_it_needs_postgresql(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command(run_benchmark.Command())


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite only")
@pytest.mark.django_db
def test_the_scale_data_refuses_sqlite():
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command(generate_scale_data.Command(), *TINY)


@on_postgresql
@pytest.mark.django_db
def test_the_scale_data_is_rebuilt_in_its_own_municipalities_only(municipality):
    call_command(generate_scale_data.Command(), *TINY)
    call_command(generate_scale_data.Command(), *TINY)
    names = set(Municipality.objects.values_list("name", flat=True))
    assert names == {"Skien", "Skala Storby", "Skala Mellomby", "Skala 003"}
    scale.wipe()
    assert list(Municipality.objects.values_list("name", flat=True)) == ["Skien"]


@on_postgresql
@pytest.mark.django_db
def test_every_measured_page_answers_its_role(client):
    call_command(generate_scale_data.Command(), *TINY)
    users = pages.users()
    for page in pages.pages():
        if page.kind == pages.EXPORT:
            continue  # the PDFs are slow; the benchmark times them
        client.force_login(users[page.role], backend=queries.USER_BACKEND)
        assert client.get(page.url, secure=True).status_code == 200, page
