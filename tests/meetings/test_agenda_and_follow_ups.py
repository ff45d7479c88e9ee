"""Meetings without saves in between: a whole agenda in one save, overdue follow-ups
flagged «Forfalt», a follow-up closed with a note, and the dialogue meeting's survey."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import FollowUp, Meeting
from surveys.models import Survey

from ..factories import AgendaItemFactory, FollowUpFactory, MeetingFactory, SurveyFactory
from ..payloads import meeting_post

# The seed's agenda (seed 000), as the coordinator types it.
SEED_AGENDA = [
    ("Velkomst og innledning", "utvalgsleder Hans Edvard Askjer", False),
    ("Innlegg om frivillighet", "kultursjef Guro Honningdal", False),
    ("Oppsummering av tilbakemeldinger fra spørreundersøkelse", "Eivind Løberg", False),
    ("Kaffe og mingling", "", True),
    ("Dialog", "Løberg", False),
    ("Oppsummering", "utvalgsleder Askjer", False),
]


def _agenda_rows(rows, orders=None):
    data = {"agenda-TOTAL_FORMS": str(len(rows)), "agenda-INITIAL_FORMS": "0"}
    for i, (title, presenter, is_break) in enumerate(rows):
        data[f"agenda-{i}-title"] = title
        data[f"agenda-{i}-presenter"] = presenter
        if is_break:
            data[f"agenda-{i}-is_break"] = "on"
        if orders:
            data[f"agenda-{i}-ORDER"] = str(orders[i])
    return data


def _today():
    return timezone.localdate()


def test_the_new_meeting_page_offers_rows_for_the_whole_agenda_without_javascript(
    client_for, coordinator
):
    page = client_for(coordinator).get(reverse("meetings:create")).content.decode()
    # Six empty agenda rows and three follow-up rows to fill in; the script adds more.
    assert 'name="agenda-TOTAL_FORMS" value="6"' in page
    assert 'name="followups-TOTAL_FORMS" value="3"' in page
    assert "js/rows.js" in page
    # The empty row the script copies, and its buttons, which stay hidden without it.
    assert 'name="agenda-__prefix__-title"' in page
    assert "Legg til punkt" in page and "Flytt opp" in page and "Fjern" in page


def test_the_seed_agenda_of_six_items_is_entered_in_one_save(client_for, coordinator):
    data = meeting_post(kind="dialogue", title="Dialogmøte") | _agenda_rows(SEED_AGENDA)
    response = client_for(coordinator).post(reverse("meetings:create"), data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert list(meeting.agenda_items.values_list("order", "title", "presenter", "is_break")) == [
        (n, title, presenter, is_break)
        for n, (title, presenter, is_break) in enumerate(SEED_AGENDA, 1)
    ]


def test_rows_are_saved_in_the_order_the_page_gives_them(client_for, coordinator):
    # The script moved the break up one place and renumbered the ORDER fields.
    rows = SEED_AGENDA[:4]
    data = meeting_post() | _agenda_rows(rows, orders=[1, 2, 4, 3])
    client_for(coordinator).post(reverse("meetings:create"), data)
    titles = list(Meeting.objects.get().agenda_items.values_list("title", flat=True))
    assert titles == [rows[0][0], rows[1][0], rows[3][0], rows[2][0]]


def test_a_row_added_and_left_empty_is_ignored(client_for, coordinator):
    data = meeting_post() | _agenda_rows([*SEED_AGENDA[:2], ("", "", False)])
    response = client_for(coordinator).post(reverse("meetings:create"), data)
    assert response.status_code == 302
    assert Meeting.objects.get().agenda_items.count() == 2


def test_a_follow_up_past_its_deadline_is_overdue_on_the_meeting_page_and_dashboard(
    client_for, coordinator, common_meeting
):
    today = _today()
    late = FollowUpFactory(
        meeting=common_meeting, text="Sende referat", due_date=today - datetime.timedelta(days=1)
    )
    FollowUpFactory(
        meeting=common_meeting, text="Lage avtaleutkast", due_date=today + datetime.timedelta(7)
    )
    FollowUpFactory(meeting=common_meeting, text="Uten frist", due_date=None)
    assert list(FollowUp.objects.with_overdue(today).filter(is_overdue=True)) == [late]

    client = client_for(coordinator)
    page = client.get(common_meeting.get_absolute_url()).content.decode()
    assert re.search(r"Forfalt</span>\s*Sende referat", page)
    assert re.search(r"Åpen</span>\s*Lage avtaleutkast", page)
    assert re.search(r"Åpen</span>\s*Uten frist", page)

    dashboard = client.get(reverse("dashboard")).content.decode()
    assert re.search(r"Forfalt</span>\s*Sende referat", dashboard)


def test_the_coordinator_closes_a_follow_up_with_a_note_of_what_was_done(
    client_for, coordinator, common_meeting
):
    follow_up = FollowUpFactory(meeting=common_meeting, text="Sende referat")
    url = reverse("meetings:follow_up_close", args=[common_meeting.pk, follow_up.pk])
    client = client_for(coordinator)
    response = client.post(url, {f"close{follow_up.pk}-note": "Sendt til alle sentralene."})
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.done and follow_up.done_note == "Sendt til alle sentralene."
    assert follow_up.done_on == _today()
    page = client.get(common_meeting.get_absolute_url()).content.decode()
    assert "Sendt til alle sentralene." in page and "Lukk punktet" not in page
    # Closed once: posting again finds no open follow-up.
    assert client.post(url, {f"close{follow_up.pk}-note": "Igjen"}).status_code == 404


def test_closing_without_a_note_is_refused_next_to_the_field(
    client_for, coordinator, common_meeting
):
    follow_up = FollowUpFactory(meeting=common_meeting, text="Sende referat")
    url = reverse("meetings:follow_up_close", args=[common_meeting.pk, follow_up.pk])
    response = client_for(coordinator).post(url, {f"close{follow_up.pk}-note": "  "})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Skriv kort hva som ble gjort." in page
    assert '<details class="close-follow-up" open>' in page
    follow_up.refresh_from_db()
    assert not follow_up.done


def test_a_follow_up_of_another_meeting_cannot_be_closed_through_this_one(
    client_for, coordinator, common_meeting, municipality
):
    other = FollowUpFactory(meeting=MeetingFactory(municipality=municipality))
    url = reverse("meetings:follow_up_close", args=[common_meeting.pk, other.pk])
    assert client_for(coordinator).post(url, {f"close{other.pk}-note": "x"}).status_code == 404


@pytest.mark.parametrize(
    ("status", "results_shown"),
    [(Survey.Status.PUBLISHED, True), (Survey.Status.CLOSED, False)],
)
def test_the_dialogue_meeting_links_to_its_survey_results_and_deck(
    client_for, coordinator, leader_a, municipality, status, results_shown
):
    meeting = MeetingFactory(municipality=municipality, kind="dialogue", title="Dialogmøte")
    survey = SurveyFactory(municipality=municipality, meeting=meeting, status=status)
    results = reverse("surveys:results", args=[survey.pk])
    deck = reverse("surveys:deck", args=[survey.pk])

    detail = f'href="{reverse("surveys:detail", args=[survey.pk])}"'
    page = client_for(coordinator).get(meeting.get_absolute_url()).content.decode()
    assert detail in page
    assert results in page and deck in page

    page = client_for(leader_a).get(meeting.get_absolute_url()).content.decode()
    assert survey.title in page
    assert detail not in page
    assert (results in page) is results_shown and (deck in page) is results_shown
    if not results_shown:
        assert "Resultatene er ikke publisert ennå." in page

    # And the survey links back to its meeting, and so do its results.
    page = client_for(coordinator).get(reverse("surveys:detail", args=[survey.pk]))
    assert meeting.get_absolute_url() in page.content.decode()
    page = client_for(leader_a).get(results)
    if results_shown:
        assert "Møtet der resultatene legges fram:" in page.content.decode()
        assert f'href="{meeting.get_absolute_url()}"' in page.content.decode()


def test_the_meeting_page_costs_the_same_queries_for_few_and_many_rows(
    client_for, coordinator, municipality, query_count
):
    def build(n):
        meeting = MeetingFactory(municipality=municipality, kind="dialogue")
        SurveyFactory(municipality=municipality, meeting=meeting)
        for i in range(n):
            AgendaItemFactory(meeting=meeting, order=i)
            FollowUpFactory(meeting=meeting, due_date=_today() - datetime.timedelta(days=i))
        return meeting

    client = client_for(coordinator)
    few = query_count.get(client, build(1).get_absolute_url())
    many = query_count.get(client, build(12).get_absolute_url())
    assert few == many <= 12
    edit_few = query_count.get(client, reverse("meetings:edit", args=[build(1).pk]))
    edit_many = query_count.get(client, reverse("meetings:edit", args=[build(12).pk]))
    assert edit_few == edit_many
