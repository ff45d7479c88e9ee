"""What several processes share: the cache (Redis with REDIS_URL, else the database's
table every process sees), sessions kept in the database and read through the cache,
and uploaded files (MEDIA_ROOT, or S3 with AWS_STORAGE_BUCKET_NAME). The settings are
read in a process of their own, from the environment given."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings

from frivillig.lib.cache import cached

from .test_deploy_check import production_env, run

SHARED = ("REDIS_URL", "CACHE_KEY_PREFIX", "AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL")

SHOW = (
    "from django.conf import settings as s; from django.core.files.storage import "
    "default_storage as d; d._setup(); c = s.CACHES['default']; "
    "print(c['BACKEND'], c['LOCATION'], c.get('KEY_PREFIX', '-'), s.SESSION_ENGINE, "
    "type(d._wrapped).__name__, getattr(d, 'bucket_name', '-'), "
    "getattr(d, 'endpoint_url', '-'), getattr(d, 'default_acl', '-'))"
)


def settings_with(**extra) -> list[str]:
    env = {k: v for k, v in production_env().items() if k not in SHARED}
    env.update(extra)
    result = run(["shell", "-c", SHOW], env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].split()


def test_without_redis_the_cache_is_the_database_table_and_files_a_folder():
    backend, location, _prefix, sessions, storage, *_s3 = settings_with()
    assert (backend, location) == ("django.core.cache.backends.db.DatabaseCache", "frivillig_cache")
    assert sessions == "django.contrib.sessions.backends.cached_db"
    assert storage == "FileSystemStorage"


def test_redis_url_gives_the_redis_cache_under_the_deployment_prefix():
    backend, location, prefix, sessions, *_ = settings_with(
        REDIS_URL="redis://127.0.0.1:6379/3", CACHE_KEY_PREFIX="kommune-a"
    )
    assert backend == "django.core.cache.backends.redis.RedisCache"
    assert (location, prefix) == ("redis://127.0.0.1:6379/3", "kommune-a")
    assert sessions == "django.contrib.sessions.backends.cached_db"


def test_a_bucket_name_puts_uploads_on_s3_privately():
    *_, storage, bucket, endpoint, acl = settings_with(
        AWS_STORAGE_BUCKET_NAME="frivillig-filer", AWS_S3_ENDPOINT_URL="https://s3.example.no"
    )
    assert (storage, bucket, endpoint, acl) == (
        "S3Storage",
        "frivillig-filer",
        "https://s3.example.no",
        "private",
    )


DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "frivillig_cache",
    }
}


@pytest.mark.django_db
def test_the_migrations_make_the_database_cache_table_and_it_keeps_values():
    assert "frivillig_cache" in connection.introspection.table_names()
    with override_settings(CACHES=DATABASE_CACHE):
        caches["default"].clear()
        assert cached("probe", 1, build=lambda: {"svar": 3}) == {"svar": 3}
        assert cached("probe", 1, build=lambda: {"svar": 4}) == {"svar": 3}
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM frivillig_cache")
            assert cursor.fetchone()[0] == 1
