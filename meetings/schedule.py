"""The formal interaction between a municipality and its centres, year by year.

Seed 000: one common meeting each year in the first quarter and one visit to each
centre in the third. For a year this tells, per expected meeting, whether it is held,
planned, overdue or not planned yet; two queries whatever the number of centres.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .models import Meeting, quarter_end


class Status(models.TextChoices):
    HELD = "held", _("Gjennomført")
    PLANNED = "planned", _("Planlagt")
    OVERDUE = "overdue", _("Forsinket")
    DUE = "due", _("Ikke planlagt ennå")


@dataclass(frozen=True)
class ScheduleItem:
    kind: str
    centre: object | None
    status: str
    meeting: Meeting | None
    due: datetime.date

    @property
    def status_label(self) -> str:
        return Status(self.status).label


@dataclass(frozen=True)
class Schedule:
    year: int
    common: ScheduleItem
    visits: list[ScheduleItem]

    def visit_for(self, centre) -> ScheduleItem | None:
        return next((item for item in self.visits if item.centre.pk == centre.pk), None)

    def count(self, status: str) -> int:
        return sum(1 for item in self.visits if item.status == status)

    @property
    def held_count(self) -> int:
        return self.count(Status.HELD)

    @property
    def planned_count(self) -> int:
        return self.count(Status.PLANNED)

    @property
    def overdue_count(self) -> int:
        return self.count(Status.OVERDUE)

    def most_urgent(self, n: int) -> list[ScheduleItem]:
        """The n visits to see to first: overdue, not planned yet, planned (soonest
        first), then held (latest first); by centre name within each."""
        rank = {Status.OVERDUE: 0, Status.DUE: 1, Status.PLANNED: 2, Status.HELD: 3}

        def key(item):
            day = item.meeting.date.toordinal() if item.meeting else 0
            return (rank[item.status], -day if item.status == Status.HELD else day)

        return sorted(self.visits, key=key)[:n]


def _item(kind, centre, meetings, due, today) -> ScheduleItem:
    held = [m for m in meetings if m.date <= today]
    if held:
        return ScheduleItem(kind, centre, Status.HELD, held[-1], due)
    if meetings:
        return ScheduleItem(kind, centre, Status.PLANNED, meetings[0], due)
    status = Status.OVERDUE if today > due else Status.DUE
    return ScheduleItem(kind, centre, status, None, due)


def formal_schedule(municipality, year: int, today: datetime.date, centres=None) -> Schedule:
    """The year's common meeting and a visit per active centre, each with its status.

    One query for the meetings: a row per meeting and centre it is for, so no prefetch of
    the centres. Given `centres` (a centre's page), only their visits are read.
    """
    meetings = Meeting.objects.filter(
        municipality=municipality,
        date__year=year,
        kind__in=[Meeting.Kind.COMMON, Meeting.Kind.VISIT],
    )
    if centres is None:
        # Every active centre of the municipality (500 in the largest): only what a visit
        # in the schedule shows, its centre's name and link.
        centres = (
            municipality.centres.filter(active=True)
            .only("pk", "municipality_id", "name", "slug", "active")
            .order_by("name")
        )
    else:
        meetings = meetings.filter(Q(kind=Meeting.Kind.COMMON) | Q(centres__in=centres))
    by_pk: dict[int, Meeting] = {}
    visits_by_centre: dict[int, list[Meeting]] = {}
    # The fields a schedule item shows (its date and link), not each meeting's notes.
    rows = (
        meetings.only("pk", "municipality_id", "kind", "title", "date", "start_time")
        .annotate(centre_pk=F("centres__id"))
        .order_by("date", "start_time", "pk")
    )
    for row in rows:
        meeting = by_pk.setdefault(row.pk, row)
        if meeting.kind == Meeting.Kind.VISIT and row.centre_pk is not None:
            visits_by_centre.setdefault(row.centre_pk, []).append(meeting)
    common = _item(
        Meeting.Kind.COMMON,
        None,
        [m for m in by_pk.values() if m.kind == Meeting.Kind.COMMON],
        quarter_end(year, municipality.common_meeting_quarter),
        today,
    )
    visit_due = quarter_end(year, municipality.visit_quarter)
    visits = [
        _item(Meeting.Kind.VISIT, centre, visits_by_centre.get(centre.pk, []), visit_due, today)
        for centre in centres
    ]
    return Schedule(year=year, common=common, visits=visits)
