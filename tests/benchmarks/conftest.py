import pytest


@pytest.fixture
def benchmark_urls(settings):
    """The URLs BENCHMARK=1 serves (frivillig/settings.py): the portal's and /ping, for
    one test. The rest of the suite runs as a deployment does, without them, so the URL
    matrix (tests/security/test_url_access.py) has no /ping row.

    The benchmark's app is not added to INSTALLED_APPS here: that would run every app's
    ready() again, and what they register (centre page parts, change-log kinds) would be
    registered twice for the tests after. Its commands are called as objects instead."""
    settings.ROOT_URLCONF = "benchmarks.urls"
