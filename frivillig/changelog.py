"""The whole change log of one object ("Endringslogg"), the page the object's own page
links to. The engine and the kinds of log the apps register are in frivillig.lib.changelog.
"""

from django.shortcuts import render

from .lib.changelog import FULL_LIMIT, FULL_WINDOW, changes, get_logged_object_for_user


def changelog_page(request, kind, pk):
    """The object's latest FULL_LIMIT changes."""
    spec, obj = get_logged_object_for_user(request.user, kind, pk)
    found, has_more = changes(spec.sources(obj), limit=FULL_LIMIT, window=FULL_WINDOW)
    return render(
        request,
        "changelog.html",
        {"object": obj, "changes": found, "has_more": has_more, "back": spec.back(obj)},
    )
