"""The dashboard's schedule is kept in the cache for the whole municipality
(meetings.schedule.schedule_summary); a change to a meeting or a centre, or the next
day, shows on the next request."""

import datetime

from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from meetings.schedule import Status, schedule_summary

from ..factories import CentreFactory, MeetingFactory
from ..payloads import meeting_post

YEAR = timezone.localdate().year - 1  # a year whose visits are all due


def _dashboard(client) -> str:
    return client.get(reverse("dashboard"), {"ar": YEAR}).content.decode()


def test_a_visit_planned_through_the_form_shows_at_once(client_for, coordinator, municipality):
    klyve = CentreFactory(municipality=municipality, name="Klyve")
    client = client_for(coordinator)
    assert "besøk forsinket" in _dashboard(client)
    assert '<span class="stat d-block">0</span>besøk gjennomført' in _dashboard(client)

    response = client.post(
        reverse("meetings:create"),
        meeting_post(kind="visit", date=f"{YEAR}-09-01", centres=str(klyve.pk)),
    )
    assert response.status_code == 302

    assert '<span class="stat d-block">1</span>besøk gjennomført' in _dashboard(client)


def test_a_meeting_moved_or_deleted_and_a_centre_archived_show_at_once(
    client_for, coordinator, municipality
):
    klyve, gulset = (CentreFactory(municipality=municipality, name=n) for n in ("Klyve", "Gulset"))
    visit = MeetingFactory(
        municipality=municipality,
        kind=Meeting.Kind.VISIT,
        date=datetime.date(YEAR, 9, 1),
        centres=[klyve],
    )
    client = client_for(coordinator)
    assert '<span class="stat d-block">1</span>besøk gjennomført' in _dashboard(client)

    visit.date = datetime.date(YEAR - 1, 9, 1)  # to the year before
    visit.save()
    assert '<span class="stat d-block">0</span>besøk gjennomført' in _dashboard(client)

    visit.date = datetime.date(YEAR, 9, 1)
    visit.save()
    assert "Besøk: Klyve" in _dashboard(client)
    visit.delete()
    assert '<span class="stat d-block">0</span>besøk gjennomført' in _dashboard(client)

    assert "Besøk: Gulset" in _dashboard(client)
    assert client.post(reverse("centres:archive", args=[gulset.slug])).status_code == 302
    assert "Besøk: Gulset" not in _dashboard(client)


def test_the_next_day_is_counted_again(municipality):
    CentreFactory(municipality=municipality)
    quarter_end = datetime.date(YEAR, 9, 30)
    before = schedule_summary(municipality, YEAR, quarter_end, most_urgent=10)
    after = schedule_summary(
        municipality, YEAR, quarter_end + datetime.timedelta(days=1), most_urgent=10
    )
    assert before.urgent[0].status == Status.DUE
    assert after.urgent[0].status == Status.OVERDUE


def test_the_cached_schedule_reads_neither_the_meetings_nor_the_centres(
    client_for, coordinator, municipality, query_count
):
    CentreFactory.create_batch(3, municipality=municipality)
    client = client_for(coordinator)
    with query_count() as first:
        _dashboard(client)
    with query_count() as again:
        _dashboard(client)
    assert len(again) == len(first) - 2
    # The schedule's own read: each visit with the centre it is for.
    assert any('AS "centre_pk"' in q["sql"] for q in first.captured_queries)
    assert not any('AS "centre_pk"' in q["sql"] for q in again.captured_queries)
