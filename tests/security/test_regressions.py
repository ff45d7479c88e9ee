"""Bugs the access matrix found, each kept from coming back."""

from django.urls import reverse
from django.utils import timezone

from surveys.models import Survey, SurveyResponse

from ..factories import SurveyFactory, SurveyResponseFactory


def test_a_submitted_answer_shows_when_the_person_who_submitted_it_is_gone(
    client_for, coordinator, leader_a, centre_a, municipality
):
    """The submitter is SET_NULL when a user is deleted: the answer page said who sent
    it in by name and crashed with a server error instead."""
    survey = SurveyFactory(municipality=municipality, status=Survey.Status.PUBLISHED)
    SurveyResponseFactory(
        survey=survey,
        centre=centre_a,
        status=SurveyResponse.Status.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_by=None,
    )
    url = reverse("surveys:answer", args=[survey.pk, centre_a.slug])
    for user in (coordinator, leader_a):
        page = client_for(user).get(url)
        assert page.status_code == 200
        assert "Sendt inn" in page.content.decode()
