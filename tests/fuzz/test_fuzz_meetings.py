"""Fuzzed input into the meeting form (MeetingEditForms: the meeting, its agenda and its
follow-ups), creating and editing, as the coordinator."""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from meetings.forms import MeetingEditForms
from meetings.models import Meeting

from ..factories import AgendaItemFactory, FollowUpFactory
from .helpers import form_data, fuzz_form, post, rolled_back
from .strategies import bad_choices, bad_dates, fuzz_settings, fuzz_text

STORED = {
    "meeting-title": lambda m: m.title,
    "meeting-location": lambda m: m.location,
    "meeting-notes": lambda m: m.notes,
    "agenda-0-title": lambda m: m.agenda_items.get().title,
    "agenda-0-presenter": lambda m: m.agenda_items.get().presenter,
    "followups-0-text": lambda m: m.follow_ups.get().text,
    "followups-0-responsible": lambda m: m.follow_ups.get().responsible,
}


@pytest.fixture
def meeting(common_meeting):
    AgendaItemFactory(meeting=common_meeting, title="Velkommen")
    FollowUpFactory(meeting=common_meeting, text="Send referat")
    return common_meeting


def _forms(meeting):
    meeting = Meeting.objects.get(pk=meeting.pk)
    centres = meeting.municipality.centres.filter(active=True)
    forms = MeetingEditForms(meeting, centres=centres)
    return [forms.meeting, forms.agenda, forms.follow_ups]


@fuzz_settings
@given(values=st.fixed_dictionaries({key: fuzz_text for key in STORED}))
@example(values={key: "<script>alert(1)</script>\x00" for key in STORED})
def test_coordinator_fuzzes_every_text_field_of_a_meeting(client_for, coordinator, meeting, values):
    client = client_for(coordinator)
    with rolled_back():
        fuzz_form(
            client,
            url=reverse("meetings:edit", args=[meeting.pk]),
            forms=_forms(meeting),
            values=values,
            read=lambda: {k: STORED[k](Meeting.objects.get(pk=meeting.pk)) for k in values},
            page=meeting.get_absolute_url,
            counter="meeting edit",
        )


@fuzz_settings
@given(title=fuzz_text, location=fuzz_text, notes=fuzz_text)
def test_coordinator_fuzzes_a_new_meeting(
    client_for, coordinator, municipality, centre_a, title, location, notes
):
    client = client_for(coordinator)
    with rolled_back():
        values = {"meeting-title": title, "meeting-location": location, "meeting-notes": notes}
        before = set(Meeting.objects.values_list("pk", flat=True))
        forms = MeetingEditForms(
            Meeting(municipality=municipality, kind="common"), centres=municipality.centres.all()
        )
        answer = fuzz_form(
            client,
            url=reverse("meetings:create"),
            forms=[forms.meeting, forms.agenda, forms.follow_ups],
            data={
                "meeting-kind": "common",
                "meeting-date": "2026-03-01",
                "meeting-centres": [str(centre_a.pk)],
            },
            values=values,
            read=lambda: {
                k: STORED[k](Meeting.objects.exclude(pk__in=before).get()) for k in values
            },
            counter="meeting create",
        )
        if answer.saved:
            new = Meeting.objects.exclude(pk__in=before).get()
            assert client.get(new.get_absolute_url()).status_code == 200
            assert client.get(reverse("meetings:ics", args=[new.pk])).status_code == 200


@fuzz_settings
@given(
    date=bad_dates,
    due=bad_dates,
    start=st.one_of(bad_choices, st.times().map(str)),
    kind=bad_choices,
    centre=bad_choices,
)
def test_malformed_dates_times_and_choices_in_a_meeting_never_crash(
    client_for, coordinator, meeting, date, due, start, kind, centre
):
    client = client_for(coordinator)
    with rolled_back():
        data = form_data(*_forms(meeting)) | {
            "meeting-date": date,
            "meeting-start_time": start,
            "meeting-kind": kind,
            "meeting-centres": [centre],
            "followups-0-due_date": due,
        }
        answer = post(
            client,
            reverse("meetings:edit", args=[meeting.pk]),
            data,
            counter="meeting edit (formatted fields)",
        )
        if answer.saved:
            # The meeting with its dates, wherever it is shown.
            for url in (
                meeting.get_absolute_url(),
                reverse("meetings:list"),
                reverse("dashboard"),
                reverse("meetings:ics", args=[meeting.pk]),
            ):
                assert client.get(url).status_code == 200
        else:
            assert answer.response.status_code == 200
            assert "is-invalid" in answer.html
