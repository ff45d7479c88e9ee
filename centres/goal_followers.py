"""The centres that work towards a municipal goal, on the goal's page (plans.followers)."""

from django.db.models import Prefetch, Q

from plans import followers
from plans.models import Strategy

from . import access
from .models import PeriodGoal


def centre_goals(user, goal):
    """The period goals of the centres the user sees that point to the goal or to one of
    its strategies."""
    return (
        PeriodGoal.objects.filter(
            Q(municipal_goals=goal) | Q(municipal_strategies__goal=goal),
            period__centre__in=access.visible_centres(user),
        )
        .select_related("period__centre")
        .prefetch_related(
            Prefetch("municipal_strategies", queryset=Strategy.objects.filter(goal=goal))
        )
        .distinct()
        .order_by("period__centre__name", "-period__start_year", "order", "pk")
    )


def register_parts() -> None:
    followers.register("centre_goals", centre_goals)
