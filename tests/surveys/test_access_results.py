"""Who may open the results pages, exports, deck and dossier: the coordinator always, the
municipality's leaders and readers once results are published, nobody from elsewhere."""

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

# Published: everyone in the municipality reads; only the coordinator edits.
PUBLISHED = {
    "anonymous": 302,
    "coordinator": 200,
    "other_coordinator": 404,
    "leader_a": 200,
    "leader_b": 200,
    "reader": 200,
    "admin": 200,
}
# Closed but not published: the coordinator's alone. Leaders see the survey (they were
# sent it) and get 403; readers see only published surveys, so for them it is not there.
UNPUBLISHED = {**PUBLISHED, "leader_a": 403, "leader_b": 403, "reader": 404}


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


def _expected(table, name, who):
    status = table[who]
    if name in COORDINATOR_ONLY and status == 200 and who not in ("coordinator", "admin"):
        return 403
    return status


@pytest.mark.parametrize("name", SURVEY_PAGES)
@pytest.mark.parametrize("published", [True, False], ids=["published", "unpublished"])
def test_results_access_matrix(name, published, surveys, cast, client_for, centre_a):
    survey, question = surveys
    if published:
        survey.status = Survey.Status.PUBLISHED
        survey.save()
    table = PUBLISHED if published else UNPUBLISHED
    url = _url(name, survey, question, centre_a)
    for who, user in cast.items():
        response = client_for(user).get(url)
        assert response.status_code == _expected(table, name, who), (who, url)


def test_leaders_do_not_see_results_of_a_draft(surveys, client_for, leader_a, coordinator):
    survey, _question = surveys
    survey.status = Survey.Status.DRAFT
    survey.save()
    assert client_for(leader_a).get(reverse("surveys:results", args=[survey.pk])).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("coordinator", 200),
        ("other_coordinator", 404),
        ("leader_a", 200),
        ("leader_b", 403),
        ("reader", 403),
        ("admin", 200),
    ],
)
@pytest.mark.parametrize("name", ["dossier", "dossier_pdf"])
def test_dossier_is_the_coordinators_and_the_centres_own(
    name, who, status, cast, client_for, centre_a
):
    url = reverse(f"surveys:{name}", args=[centre_a.slug])
    assert client_for(cast[who]).get(url).status_code == status


def test_theme_and_summary_changes_are_refused_to_leaders(surveys, client_for, leader_a):
    survey, question = surveys
    survey.status = Survey.Status.PUBLISHED
    survey.save()
    client = client_for(leader_a)
    url = reverse("surveys:themes", args=[survey.pk, question.pk])
    assert (
        client.post(url, {"action": "new", "name": "X", "texts": ["seniorer"]}).status_code == 403
    )
    url = reverse("surveys:summary", args=[survey.pk, question.pk])
    assert client.post(url, {"summary": "Noe annet"}).status_code == 403
    question.refresh_from_db()
    assert question.summary == "" and not question.themes.exists()


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
