"""Who follows a municipal goal up, for the goal's page: the centres' period goals that
serve it and the agreements' clauses that name it.

Those records belong to apps above plans (centres, agreements), which plans may not
import; each registers, from its AppConfig.ready(), what the page shows of its own
(see centres/goal_followers.py), and the page asks every registered part.
"""

from collections.abc import Callable

# The name the goal page's template reads → (user, goal) → a queryset, read by the page.
_PARTS: dict[str, Callable] = {}


def register(name: str, part: Callable) -> None:
    _PARTS[name] = part


def for_goal(user, goal) -> dict:
    return {name: part(user, goal) for name, part in _PARTS.items()}
