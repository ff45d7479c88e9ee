"""A meeting as an iCalendar file, so it lands in Outlook or any other calendar."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

PRODID = "-//Frivillig//Frivillig portal//NB"


def meeting_calendar(meeting, *, url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")

    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@frivillig")
    event.add("summary", meeting.title)
    event.add("dtstamp", meeting.updated_at or datetime.datetime.now(datetime.UTC))
    zone = ZoneInfo(settings.TIME_ZONE)
    if meeting.start_time:
        event.add("dtstart", datetime.datetime.combine(meeting.date, meeting.start_time, zone))
        end_time = (
            meeting.end_time
            or (
                datetime.datetime.combine(meeting.date, meeting.start_time)
                + datetime.timedelta(hours=2)
            ).time()
        )
        event.add("dtend", datetime.datetime.combine(meeting.date, end_time, zone))
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + datetime.timedelta(days=1))
    if meeting.location:
        event.add("location", meeting.location)
    agenda = [
        f"- {item.title}" + (" " + _("v/") + item.presenter if item.presenter else "")
        for item in meeting.agenda_items.all()
    ]
    event.add("description", "\n".join([*agenda, "", url]).strip())
    event.add("url", url)
    calendar.add_component(event)
    return calendar.to_ical()
