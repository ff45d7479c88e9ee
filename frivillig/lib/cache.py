"""The one way the portal caches a value: `cached(name, *version, build=…)`.

Cache what does not change between requests, keyed by what would change it;
invalidation happens by the version changing, in the services. A cached value is never
deleted or overwritten by the code that changes the data: the service that changes it
bumps a version stamp in the same transaction (`Survey.results_version`, say), the next
request asks for the new key, misses and builds, and the old entry ages out.

The key holds the active language as well, so a value that carries translated words is
never shown in another language, and the release of the code, so a rendered fragment
kept from before a deploy (in Redis, or the database's cache table) is never served by
the new templates' servers. Whatever else differs between the readers of a value
(the municipality, the role, the centre) must be among the version parts.
"""

import fnmatch
import functools
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

T = TypeVar("T")

# Memcached's limit is 250 characters and Django warns about longer keys on every
# backend; a long key keeps a readable head and hashes the rest.
KEY_LIMIT = 200
PREFIX = "frivillig"

_MISSING = object()


# What a cached value is made by: the project's code, templates and catalogues.
RELEASE_FILES = ("*.py", "*.html", "*.txt", "*.mo")
NOT_RELEASE_FOLDERS = {"node_modules", "tests", "migrations", "staticfiles", "media", "build"}


@functools.cache
def release() -> str:
    """The code's release: settings.RELEASE when the deployment names it (a version or a
    commit), else a digest of the files that make what is cached, the same on every
    server that runs the same code, read once per process."""
    if getattr(settings, "RELEASE", ""):
        return settings.RELEASE
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for folder, subfolders, files in os.walk(root):
        # Pruned in place, and in order, so the walk is the same on every server.
        subfolders[:] = sorted(
            name for name in subfolders if name not in NOT_RELEASE_FOLDERS and name[0] != "."
        )
        for name in sorted(files):
            if any(fnmatch.fnmatch(name, pattern) for pattern in RELEASE_FILES):
                path = Path(folder, name)
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cache_key(name: str, *version) -> str:
    """The key `cached` stores under: the name, each version part, the active language
    and the code's release."""
    language = translation.get_language() or "-"
    key = ":".join([PREFIX, release(), name, *(str(part) for part in version), language])
    if len(key) <= KEY_LIMIT and key.isprintable() and " " not in key:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()
    return f"{PREFIX}:{name[:64]}:{digest}"


def cached(name: str, *version, build: Callable[[], T], timeout: int | None = None) -> T:
    """The value stored under `name` and `version` in the active language, or `build()`'s,
    stored on a miss.

    `timeout` is in seconds; None keeps the cache's own (CACHES' TIMEOUT). A value of
    None is cached like any other. The value must pickle: data (dicts, lists, numbers,
    strings, model instances), not open files or querysets still to be evaluated.
    """
    key = cache_key(name, *version)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        if timeout is None:
            cache.set(key, value)
        else:
            cache.set(key, value, timeout)
    return value
