"""The hierarchy rules: where measures may live, numbering, ordering, hearing counts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from plans.models import Goal, Hearing, Measure, Plan

from ..factories import GoalFactory, MeasureFactory, PlanFactory, StrategyFactory


@pytest.mark.parametrize("kind", [Plan.Kind.STRATEGY, Plan.Kind.MASTER, Plan.Kind.SUB_PLAN])
def test_a_strategy_or_overarching_plan_holds_no_measures(kind, goal, municipality):
    plan = PlanFactory(municipality=municipality, kind=kind)
    measure = Measure(plan=plan, goal=goal, text="Nytt tiltak")
    with pytest.raises(ValidationError) as error:
        measure.full_clean()
    assert "har ikke tiltak" in error.value.message_dict["plan"][0]


@pytest.mark.parametrize("kind", [Plan.Kind.THEMATIC, Plan.Kind.ACTION, Plan.Kind.UNIT])
def test_thematic_action_and_unit_plans_hold_measures(kind, goal, municipality):
    plan = PlanFactory(municipality=municipality, kind=kind)
    Measure(plan=plan, goal=goal, strategy=goal.strategies.first(), text="Tiltak").full_clean()


def test_a_measure_strategy_must_belong_to_its_goal(thematic_plan, goal):
    other_goal = GoalFactory(plan=goal.plan, number=2)
    measure = Measure(
        plan=thematic_plan, goal=other_goal, strategy=goal.strategies.first(), text="Tiltak"
    )
    with pytest.raises(ValidationError) as error:
        measure.full_clean()
    assert error.value.message_dict["strategy"] == [
        "Strategien må høre til målet tiltaket følger opp."
    ]


def test_a_measure_cannot_carry_out_another_municipalitys_goal(thematic_plan, other_municipality):
    foreign_goal = GoalFactory(plan=PlanFactory(municipality=other_municipality))
    with pytest.raises(ValidationError) as error:
        Measure(plan=thematic_plan, goal=foreign_goal, text="Tiltak").full_clean()
    assert "samme kommune" in error.value.message_dict["goal"][0]


def test_goal_numbers_are_unique_per_plan_with_a_norwegian_message(goal):
    with pytest.raises(ValidationError) as error:
        Goal(plan=goal.plan, number=1, title="Et annet mål").full_clean()
    assert "Planen har allerede et mål med dette nummeret." in str(error.value)
    # Another plan may have its own goal 1.
    Goal(plan=PlanFactory(municipality=goal.plan.municipality), number=1, title="Mål").full_clean()


def test_strategy_numbers_are_unique_per_goal(goal):
    with pytest.raises(IntegrityError):
        StrategyFactory(goal=goal, number=2)


def test_goals_and_strategies_come_in_number_order(strategy_plan):
    GoalFactory(plan=strategy_plan, number=3, title="Tre")
    GoalFactory(plan=strategy_plan, number=2, title="To")
    assert list(strategy_plan.goals.values_list("number", flat=True)) == [1, 2, 3]
    goal = strategy_plan.goals.get(number=2)
    StrategyFactory(goal=goal, number=2)
    StrategyFactory(goal=goal, number=1)
    assert list(goal.strategies.values_list("number", flat=True)) == [1, 2]


def test_end_year_before_start_year_is_refused(municipality):
    plan = Plan(
        municipality=municipality, kind="strategy", title="X", start_year=2030, end_year=2020
    )
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert error.value.message_dict["end_year"] == ["Sluttåret kan ikke være før startåret."]


def test_hearing_counts_inputs_worked_in_and_not(hearing):
    counted = Hearing.objects.with_counts().get(pk=hearing.pk)
    assert (counted.input_count, counted.worked_in_count, counted.not_worked_in_count) == (3, 2, 1)


def test_overdue_measures_are_past_deadline_and_not_done(thematic_plan, goal):
    today = datetime.date(2026, 11, 23)
    late = MeasureFactory(plan=thematic_plan, goal=goal, deadline=datetime.date(2026, 6, 30))
    MeasureFactory(
        plan=thematic_plan, goal=goal, deadline=datetime.date(2026, 6, 30), status="done"
    )
    MeasureFactory(plan=thematic_plan, goal=goal, deadline=datetime.date(2026, 12, 31))
    MeasureFactory(plan=thematic_plan, goal=goal, deadline=None)
    assert list(Measure.objects.overdue(today)) == [late]
    assert late.is_overdue(today)
