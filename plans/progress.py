"""The progress overview: per municipality, the goals nobody carries out and the
measures past their deadline, counted in the database, with the first few of each list.
Five queries whatever the number of goals and measures."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from accounts.models import Municipality

from .models import Goal, Measure


@dataclass
class MunicipalityProgress:
    municipality: Municipality  # its pk and name
    goal_count: int = 0
    without_measure_count: int = 0
    without_centre_count: int = 0
    overdue_count: int = 0
    without_measure: list[Goal] = field(default_factory=list)
    without_centre: list[Goal] = field(default_factory=list)
    overdue: list[Measure] = field(default_factory=list)


# The lists of the overview, by the name of their own page (?liste=): goals or measures
# from the querysets `progress_by_municipality` is given.
GOALS_WITHOUT_MEASURE, GOALS_WITHOUT_CENTRE, OVERDUE = "uten-tiltak", "uten-sentral", "over-fristen"


def goal_order():
    return [F("plan__title").asc(), F("number").asc(), F("pk").asc()]


def measure_order():
    return [F("deadline").asc(nulls_last=True), F("text").asc(), F("pk").asc()]


def full_list(name: str, goals, overdue_measures):
    """One of the lists for its own page, in the order the overview shows it."""
    if name == GOALS_WITHOUT_MEASURE:
        return goals.filter(has_measure=False).order_by(*goal_order())
    if name == GOALS_WITHOUT_CENTRE:
        return goals.filter(has_centre=False).order_by(*goal_order())
    return overdue_measures.order_by(*measure_order())


def _first(queryset, limit: int, order):
    """The first `limit` rows per municipality, in one query."""
    nth = Window(RowNumber(), partition_by=F("plan__municipality"), order_by=order)
    return queryset.annotate(nth=nth).filter(nth__lte=limit).order_by(*order)


def progress_by_municipality(goals, overdue_measures, limit: int) -> list[MunicipalityProgress]:
    """`goals` annotated by Goal.objects.with_progress(), with plan__municipality
    selected; `overdue_measures` with plan__municipality selected. Each list holds its
    first `limit` items; the counts are of all."""
    rows: dict[int, MunicipalityProgress] = {}

    def row_for(pk, name):
        if pk not in rows:
            rows[pk] = MunicipalityProgress(Municipality(pk=pk, name=name))
        return rows[pk]

    by_municipality = ("plan__municipality", "plan__municipality__name")
    counts = (
        goals.order_by()
        .values(*by_municipality)
        .annotate(
            goals=Count("pk"),
            without_measure=Count("pk", filter=Q(has_measure=False)),
            without_centre=Count("pk", filter=Q(has_centre=False)),
        )
    )
    for count in counts:
        row = row_for(*(count[key] for key in by_municipality))
        row.goal_count = count["goals"]
        row.without_measure_count = count["without_measure"]
        row.without_centre_count = count["without_centre"]
    overdue_counts = overdue_measures.order_by().values(*by_municipality)
    for count in overdue_counts.annotate(n=Count("pk")):
        row_for(*(count[key] for key in by_municipality)).overdue_count = count["n"]

    lists = [
        (_first(goals.filter(has_measure=False), limit, goal_order()), "without_measure"),
        (_first(goals.filter(has_centre=False), limit, goal_order()), "without_centre"),
        (_first(overdue_measures, limit, measure_order()), "overdue"),
    ]
    for shown, attribute in lists:
        for item in shown:
            getattr(rows[item.plan.municipality_id], attribute).append(item)
    return sorted(rows.values(), key=lambda row: row.municipality.name)
