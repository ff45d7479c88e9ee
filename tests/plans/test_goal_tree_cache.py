"""The plan page's goal tree is rendered once per plan and page of goals and kept in the
cache until the plan changes: the next reader's page costs fewer queries, and a goal,
strategy or focus area changed in the admin shows on the plan page at once."""

from django.core.cache import cache
from django.urls import reverse

from ..factories import FocusAreaFactory, GoalFactory, PlanFactory, StrategyFactory
from .test_admin import _management


def _page(client, plan, **params) -> str:
    response = client.get(reverse("plans:detail", args=[plan.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_next_reader_gets_the_goal_tree_without_its_three_queries(
    client_for, reader, strategy_plan, query_count
):
    client = client_for(reader)
    _page(client, strategy_plan)
    cache.clear()
    client.get(reverse("plans:list"))  # the session back in the cache
    with query_count() as built:
        _page(client, strategy_plan)
    with query_count() as cached:
        page = _page(client, strategy_plan)
    # The goals, their strategies and the strategies' focus areas come from the cache.
    assert len(cached) == len(built) - 3
    assert "Frivilligheten i Skien har gode vekstvilkår" in page
    assert page.count('class="strategy-label"') == 3


def test_a_goal_renamed_in_the_admin_shows_on_the_plan_page_at_once(
    client_for, admin_user, reader, goal
):
    plan = goal.plan
    assert "Frivilligheten i Skien har gode vekstvilkår" in _page(client_for(reader), plan)
    data = {
        "plan": plan.pk,
        "number": 1,
        "title": "Frivilligheten i Skien har svært gode vekstvilkår",
        "description": "",
        **_management("strategies", 0, 0),
        **_management("measures", 0, 0),
    }
    admin = client_for(admin_user)
    response = admin.post(f"/admin/plans/goal/{goal.pk}/change/", data)
    assert response.status_code == 302
    page = _page(client_for(reader), plan)
    assert "Frivilligheten i Skien har svært gode vekstvilkår" in page
    assert "Frivilligheten i Skien har gode vekstvilkår" not in page


def test_a_goal_moved_to_another_plan_leaves_the_first_plans_page(
    client_for, admin_user, reader, municipality, goal
):
    first, other = goal.plan, PlanFactory(municipality=municipality, title="Temaplan")
    client = client_for(reader)
    assert "Frivilligheten i Skien" in _page(client, first)
    assert "Frivilligheten i Skien" not in _page(client, other)
    data = {
        "plan": other.pk,
        "number": 1,
        "title": goal.title,
        "description": "",
        **_management("strategies", 0, 0),
        **_management("measures", 0, 0),
    }
    assert client_for(admin_user).post(f"/admin/plans/goal/{goal.pk}/change/", data).status_code
    client = client_for(reader)
    assert "Frivilligheten i Skien" not in _page(client, first)
    assert "Frivilligheten i Skien" in _page(client, other)


def test_a_focus_area_added_to_a_strategy_in_the_admin_shows_at_once(
    client_for, admin_user, reader, municipality
):
    plan = PlanFactory(municipality=municipality)
    strategy = StrategyFactory(goal=GoalFactory(plan=plan, number=1), number=1, text="Rom")
    assert "Lokaler i skolene" not in _page(client_for(reader), plan)
    data = {
        "goal": strategy.goal.pk,
        "number": 1,
        "text": "Rom",
        **_management("focus_areas", 1, 0),
        "focus_areas-0-strategy": strategy.pk,
        "focus_areas-0-order": 1,
        "focus_areas-0-text": "Lokaler i skolene",
    }
    response = client_for(admin_user).post(f"/admin/plans/strategy/{strategy.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"]
    assert "Lokaler i skolene" in _page(client_for(reader), plan)


def test_a_goal_deleted_in_the_admin_leaves_the_plan_page(client_for, admin_user, reader, goal):
    plan = goal.plan
    assert "Frivilligheten i Skien" in _page(client_for(reader), plan)
    response = client_for(admin_user).post(f"/admin/plans/goal/{goal.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert "Frivilligheten i Skien" not in _page(client_for(reader), plan)


def test_each_page_of_goals_and_each_language_is_cached_apart(client_for, reader, municipality):
    plan = PlanFactory(municipality=municipality)
    for n in range(1, 26):
        FocusAreaFactory(strategy=StrategyFactory(goal=GoalFactory(plan=plan, number=n)))
    client = client_for(reader)
    assert "Mål 1:" in _page(client, plan)
    assert "Mål 21:" in _page(client, plan, side=2)
    assert "Mål 1:" not in _page(client, plan, side=2)
    client.cookies["django_language"] = "en"
    english = _page(client, plan)
    assert "Goal 1:" in english and "Mål 1:" not in english
