"""The dashboard shows the most urgent items of each list, whatever the municipality's
size, with the count and a link to the whole list."""

import datetime

from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement
from frivillig.views import DASHBOARD_ITEMS
from meetings.models import Meeting

from .factories import AgreementFactory, CentreFactory, MeetingFactory

LAST_YEAR = timezone.localdate().year - 1


def _dashboard(client) -> str:
    return client.get(reverse("dashboard"), {"ar": LAST_YEAR}).content.decode()


def test_the_schedule_lists_the_ten_most_urgent_visits_and_counts_them_all(
    client_for, coordinator, municipality
):
    centres = CentreFactory.create_batch(15, municipality=municipality)
    MeetingFactory(
        municipality=municipality,
        kind=Meeting.Kind.VISIT,
        date=datetime.date(LAST_YEAR, 9, 1),
        centres=[centres[0]],
    )
    page = _dashboard(client_for(coordinator))
    assert page.count("Besøk: ") == DASHBOARD_ITEMS
    # The held visit is the least urgent: the overdue ones come first.
    assert f"Besøk: {centres[0].name}" not in page
    assert "Viser de 10 besøkene som haster mest av 15." in page
    assert f'href="{reverse("centres:list")}">Se besøksstatus for alle sentralene' in page


def test_agreements_waiting_show_the_first_ten_closest_to_done_and_link_to_all(
    client_for, coordinator, municipality
):
    S = Agreement.Status
    for centre in CentreFactory.create_batch(12, municipality=municipality):
        AgreementFactory(centre=centre, status=S.APPROVED_BY_CENTRE)
    last = CentreFactory(municipality=municipality, name="Åsen")
    AgreementFactory(centre=last, status=S.APPROVED_BY_MUNICIPALITY)
    AgreementFactory(centre=last, status=S.DRAFT)
    page = _dashboard(client_for(coordinator))
    assert "Venter på deg (13)" in page
    assert page.count("Sentralen har godkjent: godkjenn for kommunen") == DASHBOARD_ITEMS - 1
    # Signing is closest to done: first, though its centre comes last by name.
    assert page.index("Åsen,") < page.index("Sentralen har godkjent")
    assert "Vis alle 13 som venter på deg" in page
    assert "14 avtaler etter status" in page


def test_the_dashboard_costs_the_same_queries_for_5_and_40_centres(
    client_for, coordinator, municipality, query_count
):
    client = client_for(coordinator)
    counts = []
    for n in (5, 35):
        for centre in CentreFactory.create_batch(n, municipality=municipality):
            AgreementFactory(centre=centre, status=Agreement.Status.APPROVED_BY_CENTRE)
        _dashboard(client)
        with query_count(at_most=14) as ctx:
            _dashboard(client)
        counts.append(len(ctx))
    assert counts[0] == counts[1]
