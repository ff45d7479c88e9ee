"""The progress overview counts every goal and measure but lists the first ten of each
list, with a link to the whole list a page at a time."""

import datetime

from django.urls import reverse

from plans.views import PROGRESS_ITEMS, PROGRESS_PER_PAGE

from ..factories import (
    GoalFactory,
    GoalPeriodFactory,
    MeasureFactory,
    PeriodGoalFactory,
    PlanFactory,
    StrategyFactory,
)


def test_the_overview_lists_ten_of_each_list_and_counts_all(
    client_for, coordinator, municipality, query_count
):
    plan = PlanFactory(municipality=municipality)
    thematic = PlanFactory(municipality=municipality, kind="thematic")
    goals = [GoalFactory(plan=plan, number=n, title=f"Ensomt mål {n}") for n in range(1, 16)]
    for n in range(12):
        MeasureFactory(plan=thematic, goal=goals[0], deadline=datetime.date(2020, 1, n + 1))
    client = client_for(coordinator)
    with query_count(at_most=8):
        text = client.get(reverse("plans:progress")).content.decode()
    assert "Mål uten tiltak (14)" in text
    assert "Mål ingen sentral arbeider for (15)" in text
    assert "Tiltak over fristen (12)" in text
    assert text.count(": Ensomt mål") == 2 * PROGRESS_ITEMS  # the goal links
    assert 'href="/planer/fremdrift/?liste=uten-tiltak">Vis alle 14' in text
    assert 'href="/planer/fremdrift/?liste=uten-sentral">Vis alle 15' in text
    assert 'href="/planer/fremdrift/?liste=over-fristen">Vis alle 12' in text
    # The earliest deadlines first.
    assert "1.1.2020" in text and "12.1.2020" not in text


def test_a_list_of_its_own_goes_a_page_at_a_time(client_for, reader, municipality, query_count):
    plan = PlanFactory(municipality=municipality)
    for n in range(1, 31):
        GoalFactory(plan=plan, number=n, title=f"Ensomt mål {n}")
    client = client_for(reader)
    url = reverse("plans:progress")
    with query_count(at_most=8):
        text = client.get(url, {"liste": "uten-tiltak"}).content.decode()
    assert "<h1>Mål uten tiltak</h1>" in text and "30 i alt." in text
    assert text.count("Ensomt mål") == PROGRESS_PER_PAGE
    assert 'href="?liste=uten-tiltak&amp;side=2"' in text
    second = client.get(url, {"liste": "uten-tiltak", "side": 2}).content.decode()
    assert second.count("Ensomt mål") == 30 - PROGRESS_PER_PAGE


def test_a_goal_a_centre_works_for_through_a_strategy_is_carried(
    client_for, coordinator, municipality, centre_a
):
    plan = PlanFactory(municipality=municipality)
    strategy = StrategyFactory(goal=GoalFactory(plan=plan, number=1, title="Båret mål"))
    GoalFactory(plan=plan, number=2, title="Ensomt mål")
    centre_goal = PeriodGoalFactory(period=GoalPeriodFactory(centre=centre_a, start_year=2025))
    centre_goal.municipal_strategies.add(strategy)
    text = client_for(coordinator).get(reverse("plans:progress")).content.decode()
    assert "Mål ingen sentral arbeider for (1)" in text
