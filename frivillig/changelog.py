"""The whole change log of one object ("Endringslogg"), the page the object's own page
links to. The engine and the kinds of log the apps register are in frivillig.lib.changelog.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from .lib.changelog import (
    FULL_LIMIT,
    FULL_WINDOW,
    KINDS,
    changes,
    for_page,  # noqa: F401 (until every view imports it from lib)
    may_see,
)


def changelog_page(request, kind, pk):
    """The object's latest FULL_LIMIT changes."""
    if kind not in KINDS:
        raise Http404
    spec = KINDS[kind]
    obj = spec.load(request.user, pk)
    if not may_see(request.user, spec.municipality(obj)):
        raise PermissionDenied
    found, has_more = changes(spec.sources(obj), limit=FULL_LIMIT, window=FULL_WINDOW)
    return render(
        request,
        "changelog.html",
        {"object": obj, "changes": found, "has_more": has_more, "back": spec.back(obj)},
    )
