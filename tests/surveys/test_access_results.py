"""Who may open the results pages, exports and deck of a closed survey that is not
published (the coordinator's alone) and of a draft, and who is shown their links.

Published results, the open survey's, the dossier and the refused theme and summary
changes are cells of tests/security/test_url_access.py."""

import pytest
from django.urls import reverse

from surveys.models import Question, Survey, SurveyResponse

from ..factories import SurveyFactory
from .results_data import build_survey

SURVEY_PAGES = [
    "results",
    "side_by_side",
    "centre_results",
    "compare",
    "export_csv",
    "export_xlsx",
    "deck",
    "deck_pdf",
    "summary",
    "themes",
]
COORDINATOR_ONLY = {"summary", "themes"}

# Closed but not published: the coordinator's alone. Leaders see the survey (they were
# sent it) and get 403; readers see only published surveys, so for them it is not there.
UNPUBLISHED = {
    "anonymous": 302,
    "coordinator": 200,
    "other_coordinator": 404,
    "leader_a": 403,
    "leader_b": 403,
    "reader": 404,
    "admin": 200,
}


@pytest.fixture
def surveys(municipality, centre_a):
    """A round 2026 copied from 2025, closed; answered by centre A too."""
    previous, questions, _centres = build_survey(municipality, 3)
    survey = SurveyFactory(
        municipality=municipality, round=2026, status=Survey.Status.CLOSED, copied_from=previous
    )
    ranked = Question.objects.create(
        survey=survey, order=1, kind="ranked", text="Målgrupper", copied_from=questions["groups"]
    )
    response = SurveyResponse.objects.create(survey=survey, centre=centre_a, status="submitted")
    response.answers.create(question=ranked, items=["Barn og ungdom", "Seniorer", "Familier"])
    return survey, ranked


def _url(name, survey, question, centre):
    if name == "centre_results":
        return reverse("surveys:centre_results", args=[survey.pk, centre.slug])
    if name in COORDINATOR_ONLY:
        return reverse(f"surveys:{name}", args=[survey.pk, question.pk])
    return reverse(f"surveys:{name}", args=[survey.pk])


@pytest.mark.parametrize("name", SURVEY_PAGES)
def test_results_access_matrix_unpublished(name, surveys, cast, client_for, centre_a):
    survey, question = surveys
    url = _url(name, survey, question, centre_a)
    for who, user in cast.items():
        response = client_for(user).get(url)
        assert response.status_code == UNPUBLISHED[who], (who, url)


def test_leaders_do_not_see_results_of_a_draft(surveys, client_for, leader_a, coordinator):
    survey, _question = surveys
    survey.status = Survey.Status.DRAFT
    survey.save()
    assert client_for(leader_a).get(reverse("surveys:results", args=[survey.pk])).status_code == 404


def test_the_results_links_show_only_to_those_who_may_see_results(
    surveys, rf, coordinator, leader_a
):
    from django.template.loader import render_to_string

    survey, _question = surveys
    html = render_to_string(
        "surveys/includes/results_links.html", {"survey": survey, "user": coordinator}
    )
    assert reverse("surveys:deck_pdf", args=[survey.pk]) in html
    assert reverse("surveys:compare", args=[survey.pk]) in html
    html = render_to_string(
        "surveys/includes/results_links.html", {"survey": survey, "user": leader_a}
    )
    assert "href" not in html
