"""The formal interaction between a municipality and its centres, year by year.

Seed 000: one common meeting each year in the first quarter and one visit to each
centre in the third. For a year this tells, per expected meeting, whether it is held,
planned, overdue or not planned yet; two queries whatever the number of centres.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality
from centres.models import Centre
from frivillig.lib.cache import cached

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


@dataclass(frozen=True)
class ScheduleSummary:
    """What the dashboard shows of a year's schedule: the common meeting, the visits
    counted by status and the most urgent of them."""

    year: int
    common: ScheduleItem
    urgent: list[ScheduleItem]
    visit_count: int
    held_count: int
    planned_count: int
    overdue_count: int

    @classmethod
    def of(cls, schedule: Schedule, most_urgent: int) -> "ScheduleSummary":
        return cls(
            year=schedule.year,
            common=schedule.common,
            urgent=schedule.most_urgent(most_urgent),
            visit_count=len(schedule.visits),
            held_count=schedule.held_count,
            planned_count=schedule.planned_count,
            overdue_count=schedule.overdue_count,
        )


def schedule_summary(
    municipality, year: int, today: datetime.date, *, most_urgent: int, centres=None
) -> ScheduleSummary:
    """The year's schedule as the dashboard shows it. For the whole municipality (500
    centres in the largest) it is kept in the cache under what would change it: the
    day (a visit becomes overdue), the quarters, and the count and last change of the
    year's meetings and of the municipality's centres, read in one query. Every change
    to a meeting or a centre saves it, which renews its `updated_at`; a deleted one
    changes the count. Given `centres` (a leader's own), it is counted each time."""
    if centres is not None:
        return ScheduleSummary.of(formal_schedule(municipality, year, today, centres), most_urgent)
    return cached(
        "formal-schedule",
        municipality.pk,
        year,
        today.isoformat(),
        municipality.common_meeting_quarter,
        municipality.visit_quarter,
        most_urgent,
        *_last_changes(municipality, year),
        build=lambda: ScheduleSummary.of(formal_schedule(municipality, year, today), most_urgent),
    )


def _last_changes(municipality, year: int) -> tuple:
    meetings = Meeting.objects.filter(
        municipality=OuterRef("pk"),
        date__year=year,
        kind__in=[Meeting.Kind.COMMON, Meeting.Kind.VISIT],
    )
    centres = Centre.objects.filter(municipality=OuterRef("pk"))

    def aggregate(queryset, value):
        return Subquery(
            queryset.order_by().values("municipality").annotate(value=value).values("value")
        )

    return (
        Municipality.objects.filter(pk=municipality.pk)
        .annotate(
            meeting_count=aggregate(meetings, Count("pk")),
            meetings_changed=aggregate(meetings, Max("updated_at")),
            centre_count=aggregate(centres, Count("pk")),
            centres_changed=aggregate(centres, Max("updated_at")),
        )
        .values_list("meeting_count", "meetings_changed", "centre_count", "centres_changed")
        .get()
    )
