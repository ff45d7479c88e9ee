"""What the apps above meetings show on a meeting's page: the survey whose results the
dialogue meeting presents, with links to its results and deck (surveys).

surveys imports meetings, so meetings may not import surveys; surveys registers its part
from its AppConfig.ready() (surveys/meeting_parts.py) and the meeting page asks every
registered part, as centres.page_parts does for the centre pages.
"""

from collections.abc import Callable

# (user, meeting) → the part's names and values for the meeting's page.
_ON_DETAIL: list[Callable] = []


def register(*, on_detail: Callable) -> None:
    # Once: ready() runs again whenever a test overrides INSTALLED_APPS.
    if on_detail not in _ON_DETAIL:
        _ON_DETAIL.append(on_detail)


def for_detail(user, meeting) -> dict:
    context = {}
    for part in _ON_DETAIL:
        context.update(part(user, meeting))
    return context
