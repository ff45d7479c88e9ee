"""The dashboard's survey card, the navbar item and the admin pages."""

import pytest
from django.urls import reverse

from surveys.models import Question, Survey, SurveyResponse

from ..factories import CentreFactory, QuestionFactory, SurveyFactory, SurveyResponseFactory
from .conftest import in_days


def test_leader_dashboard_lists_surveys_to_answer_with_deadline_and_progress(
    client_for, leader_a, survey, questions, response_a
):
    response_a.answers.create(question=questions["goals"], text="Flere møteplasser")
    page = client_for(leader_a).get(reverse("dashboard")).content.decode()
    assert "Undersøkelser å svare på" in page
    assert survey.title in page and "1 av 4 besvart" in page
    assert reverse("surveys:answer", args=[survey.pk, "klyve"]) in page
    assert f'href="{reverse("surveys:list")}">Undersøkelser</a>' in page


def test_leader_dashboard_leaves_out_submitted_and_closed_surveys(
    client_for, leader_a, survey, questions, response_a
):
    response_a.status = SurveyResponse.Status.SUBMITTED
    response_a.save()
    page = client_for(leader_a).get(reverse("dashboard")).content.decode()
    assert "Ingen undersøkelser venter på svar." in page


def test_coordinator_dashboard_shows_the_open_surveys_response_rate(
    client_for, coordinator, survey, questions, response_a, response_b
):
    response_b.status = SurveyResponse.Status.SUBMITTED
    response_b.save()
    page = client_for(coordinator).get(reverse("dashboard")).content.decode()
    assert "Åpne undersøkelser" in page and "1 av 2 har svart" in page


@pytest.mark.parametrize("size", [2, 20])
def test_dashboard_card_costs_the_same_queries_at_two_sizes(
    client_for,
    coordinator,
    leader_a,
    centre_a,
    municipality,
    size,
    query_count,
):
    for n in range(size):
        s = SurveyFactory(municipality=municipality, deadline=in_days(n + 1))
        QuestionFactory(survey=s, kind=Question.Kind.SHORT_TEXT)
        SurveyResponseFactory(survey=s, centre=centre_a, status="draft")
        SurveyResponseFactory(survey=s, centre=CentreFactory(municipality=municipality))
    for user, ceiling in ((leader_a, 13), (coordinator, 12)):
        client = client_for(user)
        with query_count(at_most=ceiling):
            page = client.get(reverse("dashboard"))
        assert page.status_code == 200
    assert Survey.objects.count() == size


def test_admin_pages_for_surveys_load(client_for, admin_user, survey, questions, response_a):
    client = client_for(admin_user)
    for name in ["survey", "surveyresponse", "question", "theme"]:
        assert client.get(reverse(f"admin:surveys_{name}_changelist")).status_code == 200
    assert client.get(reverse("admin:surveys_survey_change", args=[survey.pk])).status_code == 200
    change = reverse("admin:surveys_surveyresponse_change", args=[response_a.pk])
    assert client.get(change).status_code == 200
