"""A plan of hundreds of goals and measures shows them a page at a time: the goals with
their strategies, the measures in their table, each list with its own page links."""

import datetime

from django.urls import reverse

from plans.views import PLAN_GOALS, PLAN_MEASURES

from ..factories import GoalFactory, MeasureFactory, PlanFactory, StrategyFactory


def test_a_plan_of_45_goals_shows_20_with_their_strategies_and_pages_on(
    client_for, reader, municipality, query_count
):
    plan = PlanFactory(municipality=municipality)
    for n in range(1, 46):
        StrategyFactory(goal=GoalFactory(plan=plan, number=n, title=f"Målet nummer {n}"))
    client = client_for(reader)
    url = reverse("plans:detail", args=[plan.pk])
    with query_count(at_most=15):
        text = client.get(url).content.decode()
    assert text.count("Målet nummer") == PLAN_GOALS
    assert text.count('class="strategy-label"') == PLAN_GOALS
    assert "Planen har 45 mål." in text
    assert 'aria-label="Sider med mål"' in text and 'href="?side=3"' in text

    last = client.get(url, {"side": 3}).content.decode()
    assert last.count("Målet nummer") == 45 - 2 * PLAN_GOALS
    assert "Mål 45: Målet nummer 45" in last
    assert '<ol class="goal-tree" start="41">' in last


def test_a_plan_of_30_measures_shows_25_soonest_first_and_keeps_the_goal_page(
    client_for, coordinator, municipality
):
    plan = PlanFactory(municipality=municipality, kind="thematic")
    GoalFactory.create_batch(25, plan=plan)
    for n in range(30):
        MeasureFactory(
            plan=plan,
            goal=plan.goals.first(),
            text=f"Tiltaket {n:02d}",
            deadline=datetime.date(2030, 1, 1) + datetime.timedelta(days=n),
        )
    client = client_for(coordinator)
    url = reverse("plans:detail", args=[plan.pk])
    text = client.get(url).content.decode()
    assert text.count("Tiltaket ") == PLAN_MEASURES
    assert "Tiltaket 00" in text and "Tiltaket 29" not in text
    assert "Planen har 30 tiltak." in text
    assert 'aria-label="Sider med tiltak"' in text and 'href="?tiltak=2"' in text

    # Paging the measures keeps the page of goals, and the other way round.
    second = client.get(url, {"side": 2, "tiltak": 2}).content.decode()
    assert second.count("Tiltaket ") == 30 - PLAN_MEASURES
    assert 'href="?side=1&amp;tiltak=2"' in second
    assert 'href="?side=2&amp;tiltak=1"' in second
