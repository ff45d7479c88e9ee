"""Empty states and refusals that say what is true: a municipality with no centres is
shown where to begin, an empty list says whether a filter hides the centres, and a leader
opening results before they are published is told so."""

from django.urls import reverse

from surveys.models import Survey

from .factories import CoordinatorFactory, SurveyFactory


def test_a_municipality_with_no_centres_sees_what_to_do_first(client_for, other_municipality):
    coordinator = CoordinatorFactory(municipality=other_municipality)
    page = client_for(coordinator).get(reverse("dashboard")).content.decode()
    assert "Kom i gang" in page
    assert "Legg inn den første sentralen" in page and reverse("centres:create") in page
    # No schedule of meetings with nobody to meet, and so no overdue common meeting.
    assert "Fellesmøte med alle sentralene" not in page
    assert "Forsinket" not in page


def test_a_municipality_with_centres_sees_its_schedule(client_for, coordinator, centre_a):
    page = client_for(coordinator).get(reverse("dashboard")).content.decode()
    assert "Kom i gang" not in page
    assert "Fellesmøte med alle sentralene" in page


def test_an_empty_list_without_a_filter_does_not_blame_the_filter(client_for, other_municipality):
    coordinator = CoordinatorFactory(municipality=other_municipality)
    client = client_for(coordinator)
    page = client.get(reverse("centres:list")).content.decode()
    assert "Ingen sentraler passer med filteret" not in page
    assert "Det er ingen frivilligsentraler i portalen ennå." in page
    page = client.get(reverse("centres:list"), {"q": "Klyve"}).content.decode()
    assert "Ingen sentraler passer med filteret" in page


def test_a_leader_opening_unpublished_results_is_told_they_are_not_published(
    client_for, leader_a, municipality
):
    survey = SurveyFactory(municipality=municipality, status=Survey.Status.CLOSED)
    response = client_for(leader_a).get(reverse("surveys:results", args=[survey.pk]))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Resultatene er ikke publisert ennå." in page
    assert "Daglige ledere kan bare endre sin egen sentral" not in page


def test_another_refusal_keeps_the_plain_words(client_for, leader_b, centre_a):
    response = client_for(leader_b).get(reverse("centres:edit", args=[centre_a.slug]))
    assert response.status_code == 403
    assert "Du har ikke tilgang til å gjøre dette." in response.content.decode()
