"""What the apps above centres show on the centres' pages: the visits (meetings) and the
agreements (agreements).

Those apps import centres, so centres may not import them; each registers, from its
AppConfig.ready(), its part of the pages (see meetings/centre_parts.py), and the views
ask every registered part.
"""

from collections.abc import Callable

# (user, centre, today) → the part's names and values for the centre's page.
_ON_DETAIL: list[Callable] = []
# (user, centres, today) → {name: {centre's pk: value}} for the centres of one list page.
_ON_LIST: list[Callable] = []
# (user, centre, today) → the part's names and values for the centre's visit dossier
# (surveys), which agreements, beside surveys, cannot be imported by.
_ON_DOSSIER: list[Callable] = []


def register(
    *,
    on_detail: Callable | None = None,
    on_list: Callable | None = None,
    on_dossier: Callable | None = None,
) -> None:
    # Once each: ready() runs again whenever a test overrides INSTALLED_APPS, and a part
    # registered twice would run (and cost its queries) twice.
    for part, parts in ((on_detail, _ON_DETAIL), (on_list, _ON_LIST), (on_dossier, _ON_DOSSIER)):
        if part is not None and part not in parts:
            parts.append(part)


def for_detail(user, centre, today) -> dict:
    context = {}
    for part in _ON_DETAIL:
        context.update(part(user, centre, today))
    return context


def for_list(user, centres, today) -> dict[str, dict]:
    found = {}
    for part in _ON_LIST:
        found.update(part(user, centres, today))
    return found


def for_dossier(user, centre, today) -> dict:
    context = {}
    for part in _ON_DOSSIER:
        context.update(part(user, centre, today))
    return context
