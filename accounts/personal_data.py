"""The parts of a person's data export that other apps hold.

`accounts` sits below the apps that keep records about a person, so it cannot ask them
itself: each app registers its parts from its AppConfig.ready() (see
centres/personal_data.py) and the export asks every registered part. `position` keeps
the export's sections in the order the file has always had, whatever the order the apps
load in.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class _Part:
    position: int
    name: str
    export: Callable


_SECTIONS: dict[str, _Part] = {}
_NAMED_IN: dict[str, _Part] = {}


def register(name: str, export: Callable, *, position: int) -> None:
    """A section of the export: `export(user)` gives what the app holds about the user."""
    _SECTIONS[name] = _Part(position, name, export)


def register_named_in(name: str, find: Callable, *, position: int) -> None:
    """A list under "named_in": `find(full_name)` gives the records naming the person in
    free text."""
    _NAMED_IN[name] = _Part(position, name, find)


def _in_order(parts: dict[str, _Part]) -> list[_Part]:
    return sorted(parts.values(), key=lambda part: part.position)


def sections(user) -> dict:
    return {part.name: part.export(user) for part in _in_order(_SECTIONS)}


def named_in(full_name: str) -> dict:
    """Every registered list, empty for a person without a name to match."""
    return {part.name: part.export(full_name) if full_name else [] for part in _in_order(_NAMED_IN)}


def rows(queryset, *fields) -> list[dict]:
    return list(queryset.values(*fields))
