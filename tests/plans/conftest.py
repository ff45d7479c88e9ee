import datetime

import pytest

from plans.models import Plan

from ..factories import (
    GoalFactory,
    GoalPeriodFactory,
    HearingFactory,
    HearingInputFactory,
    MeasureFactory,
    PeriodGoalFactory,
    PlanFactory,
    StrategyFactory,
)


@pytest.fixture
def strategy_plan(municipality):
    """Skien's sub-plan: goal 1 with three strategies (seed 000)."""
    plan = PlanFactory(
        municipality=municipality,
        kind=Plan.Kind.SUB_PLAN,
        title="Kommunedelplan for kultur, idrett, friluftsliv og frivillighet",
        start_year=2020,
        end_year=2029,
    )
    goal = GoalFactory(plan=plan, number=1, title="Frivilligheten i Skien har gode vekstvilkår")
    for number, text in enumerate(
        [
            "Sikre gode rammevilkår for lag og foreninger",
            "Stimulere til integrering og mangfold i det frivillige organisasjonslivet",
            "Legge bedre til rette for samspill mellom profesjonelle og frivillige/amatører",
        ],
        1,
    ):
        StrategyFactory(goal=goal, number=number, text=text)
    return plan


@pytest.fixture
def goal(strategy_plan):
    return strategy_plan.goals.get(number=1)


@pytest.fixture
def thematic_plan(municipality, strategy_plan):
    return PlanFactory(
        municipality=municipality,
        kind=Plan.Kind.THEMATIC,
        title="Strategisk plan for frivillighet",
        parent=strategy_plan,
        start_year=2022,
        end_year=2026,
    )


@pytest.fixture
def overdue_measure(thematic_plan, goal):
    return MeasureFactory(
        plan=thematic_plan,
        goal=goal,
        strategy=goal.strategies.get(number=1),
        text="Flytte den kommunale frivilligsentralen fra Menstad til Lie",
        deadline=datetime.date(2020, 6, 30),
    )


@pytest.fixture
def klyve_goal(centre_a, goal):
    """Klyve's period goal, working for strategy 3 of goal 1."""
    period = GoalPeriodFactory(centre=centre_a)
    centre_goal = PeriodGoalFactory(
        period=period, text="Tilrettelegge for gode møteplasser mellom enkeltmennesker"
    )
    centre_goal.municipal_strategies.add(goal.strategies.get(number=3))
    return centre_goal


@pytest.fixture
def hearing(strategy_plan, goal):
    hearing = HearingFactory(plan=strategy_plan)
    first = HearingInputFactory(
        hearing=hearing, number=1, summary="Det må være lett å starte frivillig aktivitet."
    )
    first.changed_goals.add(goal)
    HearingInputFactory(hearing=hearing, number=2)
    HearingInputFactory(
        hearing=hearing,
        number=3,
        summary="Forslag til konkrete tiltak.",
        outcome="not_worked_in",
        assessment="En strategi har ikke tiltak.",
    )
    return hearing
