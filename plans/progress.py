"""The progress overview: per municipality, the goals nobody carries out and the
measures past their deadline. Built from two queries whatever the number of goals."""

from dataclasses import dataclass, field

from accounts.models import Municipality

from .models import Goal, Measure


@dataclass
class MunicipalityProgress:
    municipality: Municipality
    goal_count: int = 0
    without_measure: list[Goal] = field(default_factory=list)
    without_centre: list[Goal] = field(default_factory=list)
    overdue: list[Measure] = field(default_factory=list)


def progress_by_municipality(goals, overdue_measures) -> list[MunicipalityProgress]:
    """`goals` annotated by Goal.objects.with_progress(), with plan__municipality
    selected; `overdue_measures` with plan__municipality selected."""
    rows: dict[int, MunicipalityProgress] = {}

    def row_for(municipality):
        if municipality.pk not in rows:
            rows[municipality.pk] = MunicipalityProgress(municipality)
        return rows[municipality.pk]

    for goal in goals:
        row = row_for(goal.plan.municipality)
        row.goal_count += 1
        if not goal.has_measure:
            row.without_measure.append(goal)
        if not goal.has_centre:
            row.without_centre.append(goal)
    for measure in overdue_measures:
        row_for(measure.plan.municipality).overdue.append(measure)
    return sorted(rows.values(), key=lambda row: row.municipality.name)
