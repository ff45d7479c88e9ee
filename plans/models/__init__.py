"""The municipality's plan hierarchy: plans hold numbered goals, goals hold numbered
strategies, strategies hold focus areas (seed 004: "Innsatsområder som må ivaretas når
strategiene skal operasjonaliseres i tiltak"). Measures live only in the plans that
choose and carry out actions; hearings record the inputs a plan received."""

from .hearing import Hearing, HearingInput, HearingQuerySet
from .plan import (
    FocusArea,
    Goal,
    GoalQuerySet,
    Measure,
    MeasureQuerySet,
    Plan,
    PlanQuerySet,
    Strategy,
)

__all__ = [
    "FocusArea",
    "Goal",
    "GoalQuerySet",
    "Hearing",
    "HearingInput",
    "HearingQuerySet",
    "Measure",
    "MeasureQuerySet",
    "Plan",
    "PlanQuerySet",
    "Strategy",
]
