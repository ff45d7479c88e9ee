"""The change logs of a plan's page and a goal's page."""

from frivillig.lib.changelog import Kind, register

from . import access
from .models import FocusArea, Goal, Hearing, Measure, Plan, Strategy


def plan_sources(plan):
    goals = Goal.history.filter(plan_id=plan.pk).values("id")
    return [
        Plan.history.filter(id=plan.pk),
        Goal.history.filter(plan_id=plan.pk),
        Strategy.history.filter(goal_id__in=goals),
        Measure.history.filter(plan_id=plan.pk),
        Hearing.history.filter(plan_id=plan.pk),
    ]


def goal_sources(goal):
    strategies = Strategy.history.filter(goal_id=goal.pk).values("id")
    return [
        Goal.history.filter(id=goal.pk),
        Strategy.history.filter(goal_id=goal.pk),
        FocusArea.history.filter(strategy_id__in=strategies),
        Measure.history.filter(goal_id=goal.pk),
    ]


def register_kinds() -> None:
    register(
        "plan",
        Kind(
            lambda user, pk: access.get_plan_for_user(user, pk),
            lambda p: p.municipality_id,
            plan_sources,
            Plan.get_absolute_url,
            on_page=1,
        ),
        hidden=["municipality", "plan"],
    )
    register(
        "mal",
        Kind(
            lambda user, pk: access.get_goal_for_user(
                user, pk, queryset=Goal.objects.select_related("plan")
            ),
            lambda g: g.plan.municipality_id,
            goal_sources,
            Goal.get_absolute_url,
            on_page=1,
        ),
    )
