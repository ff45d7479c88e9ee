import pytest


@pytest.fixture
def benchmark_installed(settings):
    """What BENCHMARK=1 does in frivillig/settings.py, for one test: the benchmark's app
    (its commands) and its URLs (/ping). The rest of the suite runs as a deployment does,
    without them, so the URL matrix (tests/security/test_url_access.py) has no /ping row."""
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "benchmarks"]
    settings.ROOT_URLCONF = "benchmarks.urls"
