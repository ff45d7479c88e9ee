"""The plan pages as the municipality's users read them, who sees what, and what they cost.
Who may open each plan page (the whole cast) is tests/security/test_url_access.py."""

import datetime

import pytest
from django.urls import reverse

from plans import services as plans_services

from ..factories import (
    GoalFactory,
    GoalPeriodFactory,
    MeasureFactory,
    PeriodGoalFactory,
    PlanFactory,
    StrategyFactory,
)


def test_another_municipality_sees_none_of_the_plans_in_its_lists(
    client_for, other_coordinator, strategy_plan, goal, overdue_measure
):
    client = client_for(other_coordinator)
    assert strategy_plan.title not in client.get(reverse("plans:list")).content.decode()
    progress = client.get(reverse("plans:progress")).content.decode()
    assert goal.title not in progress
    assert overdue_measure.text not in progress


def test_plan_list_shows_the_hierarchy_with_period_status_and_owner(
    client_for, reader, strategy_plan, thematic_plan
):
    strategy_plan.owner = "Kultur"
    strategy_plan.document_url = "https://www.skien.kommune.no/plan.pdf"
    strategy_plan.save()
    page = client_for(reader).get(reverse("plans:list")).content.decode()
    parent_at = page.index("Kommunedelplan for kultur")
    child_at = page.index("Strategisk plan for frivillighet")
    assert parent_at < child_at
    # The thematic plan is nested inside its parent's list item.
    assert page.index('<ul class="plan-tree">', parent_at) < child_at
    assert "2020–2029" in page and "Vedtatt" in page and "Eier: Kultur" in page
    assert 'href="https://www.skien.kommune.no/plan.pdf"' in page


def test_plan_page_shows_goals_strategies_and_focus_areas_as_a_numbered_tree(
    client_for, leader_a, strategy_plan, goal, hearing
):
    from ..factories import FocusAreaFactory

    FocusAreaFactory(strategy=goal.strategies.get(number=1), text="Forenkle søknadsprosesser")
    page = client_for(leader_a).get(reverse("plans:detail", args=[strategy_plan.pk]))
    text = page.content.decode()
    assert "Frivilligheten i Skien har gode vekstvilkår" in text
    assert "Strategi 3:" in text
    assert "Forenkle søknadsprosesser" in text
    assert reverse("plans:hearing", args=[hearing.pk]) in text
    assert "Kommunedelplan har ikke tiltak." in text


def test_thematic_plan_page_lists_its_measures_and_flags_the_overdue(
    client_for, coordinator, thematic_plan, overdue_measure
):
    text = client_for(coordinator).get(reverse("plans:detail", args=[thematic_plan.pk]))
    text = text.content.decode()
    assert overdue_measure.text in text
    assert "Forsinket" in text


def test_goal_page_shows_measures_and_the_centres_working_for_it(
    client_for, reader, goal, overdue_measure, klyve_goal, centre_b
):
    # Gulset works for the goal itself; Klyve through strategy 3.
    gulset_goal = PeriodGoalFactory(
        period=GoalPeriodFactory(centre=centre_b), text="Økt rekruttering av frivillige"
    )
    gulset_goal.municipal_goals.add(goal)
    text = client_for(reader).get(reverse("plans:goal", args=[goal.pk])).content.decode()
    assert overdue_measure.text in text
    assert "2 sentraler har mål for perioden som peker hit." in text
    assert "Klyve nærmiljøsenter" in text and "via strategi 3" in text
    assert "Gulset nærmiljøsenter" in text and "Økt rekruttering av frivillige" in text


def test_hearing_page_reads_like_the_report_with_counts(client_for, coordinator, hearing, goal):
    text = client_for(coordinator).get(reverse("plans:hearing", args=[hearing.pk]))
    text = text.content.decode()
    assert "Høringsperiode 15.6.–17.9.2023" in text
    assert "3 innspill" in text
    assert "2 innarbeidet, 1 ikke innarbeidet" in text
    assert "Hvordan innspillene er innarbeidet" in text
    assert "Hvorfor det ikke er innarbeidet:" in text
    assert "Frivillig Drammen" in text
    assert reverse("plans:goal", args=[goal.pk]) in text


def test_progress_overview_names_goals_without_measure_or_centre_and_overdue_measures(
    client_for, coordinator, strategy_plan, goal, overdue_measure, klyve_goal
):
    lonely = GoalFactory(plan=strategy_plan, number=2, title="Et mål ingen arbeider for")
    text = client_for(coordinator).get(reverse("plans:progress")).content.decode()
    assert "Mål uten tiltak (1)" in text
    assert "Mål ingen sentral arbeider for (1)" in text
    assert "Tiltak over fristen (1)" in text
    assert lonely.title in text
    assert overdue_measure.text in text


def _goal_with_everything(plan, thematic, centre, number):
    goal = GoalFactory(plan=plan, number=number)
    strategy = StrategyFactory(goal=goal, number=1)
    MeasureFactory(plan=thematic, goal=goal, strategy=strategy, deadline=datetime.date(2020, 1, 1))
    centre_goal = PeriodGoalFactory(period=GoalPeriodFactory(centre=centre, start_year=number))
    centre_goal.municipal_strategies.add(strategy)
    centre_goal.municipal_goals.add(goal)
    return goal


def test_progress_overview_costs_the_same_queries_for_3_and_300_goals(
    client_for, coordinator, municipality, centre_a, query_count
):
    client = client_for(coordinator)
    plan = PlanFactory(municipality=municipality)
    thematic = PlanFactory(municipality=municipality, kind="thematic")
    for number in range(1, 4):
        _goal_with_everything(plan, thematic, centre_a, number)
    small = query_count.get(client, reverse("plans:progress"))
    for number in range(4, 301):
        GoalFactory(plan=plan, number=number) if number % 2 else _goal_with_everything(
            plan, thematic, centre_a, number
        )
    assert plan.goals.count() == 300
    large = query_count.get(client, reverse("plans:progress"))
    assert small == large
    assert large <= 8


@pytest.mark.parametrize("page", ["list", "plan", "goal", "hearing"])
def test_plan_pages_cost_the_same_queries_at_two_sizes(
    page, client_for, coordinator, municipality, centre_a, centre_b, hearing, query_count
):
    client = client_for(coordinator)
    plan = PlanFactory(municipality=municipality)
    thematic = PlanFactory(municipality=municipality, kind="thematic", parent=plan)
    goal = _goal_with_everything(plan, thematic, centre_a, 1)
    url = {
        "list": reverse("plans:list"),
        "plan": reverse("plans:detail", args=[plan.pk]),
        "goal": reverse("plans:goal", args=[goal.pk]),
        "hearing": reverse("plans:hearing", args=[hearing.pk]),
    }[page]
    small = query_count.get(client, url)
    for number in range(2, 31):
        _goal_with_everything(plan, thematic, centre_a, number)
        StrategyFactory(goal=goal, number=number)
        MeasureFactory(plan=thematic, goal=goal)
        PlanFactory(municipality=municipality, kind="unit", parent=thematic)
        centre_goal = PeriodGoalFactory(
            period=GoalPeriodFactory(centre=centre_b, start_year=number)
        )
        centre_goal.municipal_goals.add(goal)
    from ..factories import HearingInputFactory

    HearingInputFactory.create_batch(30, hearing=hearing)
    # As the admin does after an edit: the plan page's goal tree is built again.
    plans_services.goals_changed(plan_ids=[plan.pk])
    large = query_count.get(client, url)
    assert small == large
    # The coordinator's change log reads the plan's or the goal's own rows (one query);
    # their parts are in the full log.
    assert large <= 14 + {"plan": 1, "goal": 1}.get(page, 0)
