import datetime

from meetings.schedule import Status, formal_schedule

from ..factories import CentreFactory, MeetingFactory

TODAY = datetime.date(2026, 11, 23)


def test_each_visit_is_held_planned_overdue_or_not_yet_due(municipality):
    held, planned, overdue = (
        CentreFactory(municipality=municipality, name=name) for name in ("A", "B", "C")
    )
    MeetingFactory(
        municipality=municipality, kind="visit", date=datetime.date(2026, 9, 3), centres=[held]
    )
    MeetingFactory(
        municipality=municipality, kind="visit", date=datetime.date(2026, 12, 3), centres=[planned]
    )
    MeetingFactory(municipality=municipality, kind="common", date=datetime.date(2026, 2, 12))

    schedule = formal_schedule(municipality, 2026, TODAY)

    assert schedule.common.status == Status.HELD
    assert [item.status for item in schedule.visits] == [
        Status.HELD,
        Status.PLANNED,
        Status.OVERDUE,
    ]
    assert schedule.visit_for(overdue).due == datetime.date(2026, 9, 30)
    assert (schedule.held_count, schedule.planned_count, schedule.overdue_count) == (1, 1, 1)


def test_before_the_quarter_ends_an_unplanned_visit_is_not_overdue(municipality):
    CentreFactory(municipality=municipality)
    schedule = formal_schedule(municipality, 2026, datetime.date(2026, 5, 1))
    assert schedule.visits[0].status == Status.DUE
    assert schedule.common.status == Status.OVERDUE


def test_the_quarters_come_from_the_municipality(municipality):
    municipality.visit_quarter = 4
    municipality.save()
    CentreFactory(municipality=municipality)
    schedule = formal_schedule(municipality, 2026, TODAY)
    assert schedule.visits[0].status == Status.DUE
    assert schedule.visits[0].due == datetime.date(2026, 12, 31)


def test_a_visit_in_another_year_or_municipality_does_not_count(municipality, other_municipality):
    centre = CentreFactory(municipality=municipality)
    MeetingFactory(
        municipality=municipality, kind="visit", date=datetime.date(2025, 9, 3), centres=[centre]
    )
    MeetingFactory(
        municipality=other_municipality,
        kind="visit",
        date=datetime.date(2026, 9, 3),
        centres=[centre],
    )
    assert formal_schedule(municipality, 2026, TODAY).visits[0].status == Status.OVERDUE


def test_inactive_centres_are_not_expected_a_visit(municipality):
    CentreFactory(municipality=municipality, active=False)
    assert formal_schedule(municipality, 2026, TODAY).visits == []
