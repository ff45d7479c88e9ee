"""A leader is shown only the visits they may open: another centre's visit is a 404 to
them, so neither its date nor a link to it appears on the centre list or page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ..factories import MeetingFactory


@pytest.fixture
def visits(municipality, centre_a, centre_b):
    today = timezone.localdate()
    return {
        centre: MeetingFactory(
            municipality=municipality,
            kind="visit",
            title=f"Besøk {centre.slug}",
            date=today,
            centres=[centre],
        )
        for centre in (centre_a, centre_b)
    }


def test_leader_sees_only_the_own_centres_visit_on_the_centre_list(
    client_for, leader_a, centre_a, centre_b, visits
):
    page = client_for(leader_a).get(reverse("centres:list")).content.decode()
    assert visits[centre_a].get_absolute_url() in page
    assert visits[centre_b].get_absolute_url() not in page
    # Every meeting link left on the page opens for the leader.
    client = client_for(leader_a)
    assert client.get(visits[centre_a].get_absolute_url()).status_code == 200
    assert client.get(visits[centre_b].get_absolute_url()).status_code == 404


def test_leader_sees_no_visit_on_another_centres_page(client_for, leader_a, centre_b, visits):
    page = client_for(leader_a).get(centre_b.get_absolute_url()).content.decode()
    assert visits[centre_b].get_absolute_url() not in page
    assert "Besøk på sentralen" not in page
    assert "Fellesmøte" in page


def test_leader_sees_the_visit_on_the_own_centres_page(client_for, leader_a, centre_a, visits):
    page = client_for(leader_a).get(centre_a.get_absolute_url()).content.decode()
    assert visits[centre_a].get_absolute_url() in page


@pytest.mark.parametrize("role", ["coordinator", "reader"])
def test_coordinator_and_reader_see_every_visit(client_for, cast, role, centre_a, centre_b, visits):
    client = client_for(cast[role])
    page = client.get(reverse("centres:list")).content.decode()
    for centre in (centre_a, centre_b):
        url = visits[centre].get_absolute_url()
        assert url in page
        assert client.get(url).status_code == 200
