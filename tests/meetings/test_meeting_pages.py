import datetime
import re

from django.urls import reverse
from icalendar import Calendar

from meetings.models import Meeting

from ..factories import AgendaItemFactory, FollowUpFactory, MeetingFactory
from ..payloads import meeting_post


def test_coordinator_logs_a_meeting_with_agenda_and_follow_ups(
    client_for, coordinator, centre_a, centre_b
):
    data = meeting_post(
        kind="dialogue", title="Dialogmøte", centres=[centre_a.pk, centre_b.pk], notes="Godt møte"
    )
    data.update(
        {
            "agenda-TOTAL_FORMS": "3",
            "agenda-0-title": "Velkomst og innledning",
            "agenda-0-presenter": "utvalgsleder Hans Edvard Askjer",
            "agenda-1-title": "Kaffe og mingling",
            "agenda-1-is_break": "on",
            "agenda-2-title": "",
            "followups-TOTAL_FORMS": "1",
            "followups-0-text": "Sende referat",
            "followups-0-due_date": "2026-03-01",
        }
    )
    response = client_for(coordinator).post(reverse("meetings:create"), data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.municipality == coordinator.municipality
    assert set(meeting.centres.all()) == {centre_a, centre_b}
    assert list(meeting.agenda_items.values_list("order", "title", "is_break")) == [
        (1, "Velkomst og innledning", False),
        (2, "Kaffe og mingling", True),
    ]
    assert meeting.follow_ups.get().due_date == datetime.date(2026, 3, 1)

    page = client_for(coordinator).get(meeting.get_absolute_url()).content.decode()
    assert "utvalgsleder Hans Edvard Askjer" in page and "Sende referat" in page


def test_a_visit_is_to_one_centre(client_for, coordinator, centre_a, centre_b):
    data = meeting_post(kind="visit", centres=[centre_a.pk, centre_b.pk])
    response = client_for(coordinator).post(reverse("meetings:create"), data)
    assert response.status_code == 200
    assert "Et besøk gjelder én frivilligsentral" in response.content.decode()


def test_end_before_start_is_refused_next_to_the_field(client_for, coordinator):
    data = meeting_post(start_time="15:00", end_time="13:00", title="Beholdes")
    response = client_for(coordinator).post(reverse("meetings:create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sluttidspunktet må være etter starttidspunktet" in page
    assert 'value="Beholdes"' in page
    assert not Meeting.objects.exists()


def test_meeting_downloads_as_a_calendar_file(client_for, leader_b, visit_b):
    AgendaItemFactory(meeting=visit_b, title="Omvisning")
    response = client_for(leader_b).get(reverse("meetings:ics", args=[visit_b.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["summary"]) == visit_b.title
    assert event.decoded("dtstart").hour == 13
    assert str(event.decoded("dtstart").tzinfo) == "Europe/Oslo"
    assert "Omvisning" in str(event["description"])


def test_editing_keeps_the_agenda_and_can_remove_a_point(client_for, coordinator, common_meeting):
    keep = AgendaItemFactory(meeting=common_meeting, title="Beholdes", order=1)
    drop = AgendaItemFactory(meeting=common_meeting, title="Fjernes", order=2)
    FollowUpFactory(meeting=common_meeting)
    data = meeting_post(title="Nytt navn", centres=[c.pk for c in common_meeting.centres.all()])
    data.update(
        {
            "agenda-TOTAL_FORMS": "2",
            "agenda-INITIAL_FORMS": "2",
            "agenda-0-id": str(drop.pk),
            "agenda-0-title": "Fjernes",
            "agenda-0-DELETE": "on",
            "agenda-1-id": str(keep.pk),
            "agenda-1-title": "Beholdes",
        }
    )
    response = client_for(coordinator).post(
        reverse("meetings:edit", args=[common_meeting.pk]), data
    )
    assert response.status_code == 302
    common_meeting.refresh_from_db()
    assert common_meeting.title == "Nytt navn"
    assert list(common_meeting.agenda_items.values_list("title", "order")) == [("Beholdes", 1)]
    assert common_meeting.follow_ups.count() == 1


def test_meeting_list_filters_by_year_and_kind(client_for, coordinator, common_meeting, visit_b):
    last_year = MeetingFactory(
        municipality=coordinator.municipality,
        title="Fjorårets møte",
        date=datetime.date(2025, 2, 13),
    )
    client = client_for(coordinator)
    page = client.get(reverse("meetings:list"), {"kind": "visit"}).content.decode()
    assert visit_b.title in page and f">{common_meeting.title}<" not in page
    page = client.get(reverse("meetings:list"), {"year": "2025"}).content.decode()
    assert last_year.title in page and visit_b.title not in page


def test_meeting_detail_costs_a_fixed_number_of_queries(
    client_for, coordinator, common_meeting, query_count
):
    AgendaItemFactory.create_batch(8, meeting=common_meeting)
    FollowUpFactory.create_batch(5, meeting=common_meeting)
    client = client_for(coordinator)
    with query_count(at_most=10):
        client.get(reverse("meetings:detail", args=[common_meeting.pk]))


def test_dashboard_offers_to_plan_an_overdue_visit_with_the_centre_chosen(
    client_for, coordinator, centre_a
):
    client = client_for(coordinator)
    page = client.get(reverse("dashboard"), {"ar": "2025"}).content.decode()
    link = f"{reverse('meetings:create')}?type=visit&amp;sentral={centre_a.slug}"
    assert link in page

    form = client.get(reverse("meetings:create"), {"type": "visit", "sentral": centre_a.slug})
    meeting_form = form.context["forms"].meeting
    assert meeting_form["title"].value() == f"Besøk på {centre_a.name}"
    assert meeting_form["centres"].value() == [centre_a.pk]
    assert meeting_form["kind"].value() == "visit"


def test_another_municipalitys_centre_is_not_offered(client_for, other_coordinator, centre_a):
    form = client_for(other_coordinator).get(
        reverse("meetings:create"), {"type": "visit", "sentral": centre_a.slug}
    )
    assert not form.context["forms"].meeting["title"].value()
    assert centre_a.name not in form.content.decode()


def test_meeting_list_is_paginated(client_for, coordinator):
    MeetingFactory.create_batch(30, municipality=coordinator.municipality)
    client = client_for(coordinator)
    first = client.get(reverse("meetings:list"), {"kind": ""}).content.decode()
    assert "Viser 1–25 av 30" in first and 'href="?kind=&amp;side=2"' in first
    second = client.get(reverse("meetings:list"), {"side": "2"}).content.decode()
    assert "Viser 26–30 av 30" in second and len(re.findall(r'href="/moter/\d+/"', second)) == 5


def test_an_all_day_meeting_is_an_all_day_calendar_event(client_for, coordinator):
    meeting = MeetingFactory(municipality=coordinator.municipality, start_time=None, end_time=None)
    response = client_for(coordinator).get(reverse("meetings:ics", args=[meeting.pk]))
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == meeting.date
    assert event.decoded("dtend") == meeting.date + datetime.timedelta(days=1)
