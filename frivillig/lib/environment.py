"""Reading the deployment's environment for frivillig/settings.py: the database, the
shared cache, the uploaded files' storage and the log. Plain functions of the
environment, imported by the settings module before Django is set up, so nothing here
imports Django's settings or an app."""

import os
from pathlib import Path

import dj_database_url


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database(base_dir: Path) -> dict:
    """PostgreSQL from DATABASE_URL; SQLite in the project folder when it is unset or
    empty, tuned so that the dev server and a second process never meet "database is
    locked"."""
    url = os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{base_dir / 'db.sqlite3'}"
    config = dj_database_url.parse(
        url,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
    if config["ENGINE"] == "django.db.backends.postgresql" and os.environ.get(
        "DATABASE_PREPARED_STATEMENTS", "1"
    ) not in ("0", ""):
        # Parameters bound by the server, and a statement run 5 times on a connection is
        # prepared (psycopg's own mechanism): PostgreSQL then plans a page's joins once
        # per connection, not on every request (3 ms of the agreement page's 25).
        # DATABASE_PREPARED_STATEMENTS=0 behind a pooler in transaction mode that cannot
        # keep prepared statements (PgBouncer before 1.21).
        config["OPTIONS"] = {
            **config.get("OPTIONS", {}),
            "server_side_binding": True,
            "prepare_threshold": 5,
        }
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    return config


def caches(*, redis_url: str, table: str, timeout: int) -> dict:
    """The cache every process of the deployment shares, never one process's memory:
    Redis when REDIS_URL is set (every app server on the same Redis), else a table in the
    database, which every process on one machine (and every server on the same
    PostgreSQL) sees. The table is made by the migration
    frivillig/migrations/0001_cache_table.py, so a fresh database has it."""
    if redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
                # Several deployments (or the tests) may share one Redis.
                "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "frivillig"),
                "TIMEOUT": timeout,
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": table,
            "TIMEOUT": timeout,
            # Room for every logged-in person's session beside the cached pages' data.
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "20000"))},
        }
    }


def media_storage() -> dict:
    """Uploaded files on MEDIA_ROOT, a folder every app server mounts; with
    AWS_STORAGE_BUCKET_NAME set, in that S3 bucket instead (django-storages; any
    S3-compatible store through AWS_S3_ENDPOINT_URL), private, read back by the same
    access-checked views. The keys may also come from the machine's role (boto3's usual
    chain)."""
    bucket = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


def logging(*, security_log_file: str) -> dict:
    """Everything to the console; the security log (accounts/security.py) to
    security_log_file as well when it is set (reopened after logrotate moves it)."""
    handlers = {"console": {"class": "logging.StreamHandler", "formatter": "timed"}}
    if security_log_file:
        handlers["security_file"] = {
            "class": "logging.handlers.WatchedFileHandler",
            "filename": security_log_file,
            "formatter": "timed",
        }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"timed": {"format": "{asctime} {levelname} {name} {message}", "style": "{"}},
        "handlers": handlers,
        "loggers": {
            "frivillig.security": {
                "handlers": ["security_file"] if security_log_file else [],
                "level": "INFO",
            },
        },
        "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    }
