"""Rounds compared: a question copied to the next round shows its change."""

import datetime

from django.urls import reverse

from surveys.models import Answer, Question, SurveyResponse

from ..factories import SurveyFactory
from .results_data import build_survey


def _next_round(previous, questions, centres, *, answers: dict[int, str]):
    """Round 2026 with the yes/no question copied; answers by index of the centre."""
    survey = SurveyFactory(
        municipality=previous.municipality,
        round=2026,
        title="Undersøkelse 2026",
        status="closed",
        deadline=datetime.date(2026, 9, 15),
        copied_from=previous,
    )
    level = Question.objects.create(
        survey=survey,
        order=1,
        kind="yes_no",
        text=questions["level"].text,
        copied_from=questions["level"],
    )
    Question.objects.create(survey=survey, order=2, kind="long_text", text="Nytt spørsmål i år")
    for index, value in answers.items():
        response = SurveyResponse.objects.create(
            survey=survey, centre=centres[index], status="submitted"
        )
        Answer.objects.create(response=response, question=level, text=value)
    return survey


def test_compare_shows_the_share_before_and_after_and_marks_changed_answers(
    client_for, coordinator, municipality
):
    previous, questions, centres = build_survey(municipality, 5)
    # Bakken (index 2) changes from no to yes; the others answer as last year.
    survey = _next_round(
        previous, questions, centres, answers={0: "yes", 1: "yes", 2: "yes", 3: "no", 4: "yes"}
    )
    page = (
        client_for(coordinator).get(reverse("surveys:compare", args=[survey.pk])).content.decode()
    )
    assert "Runde 2025 og 2026 sammenlignet" in page
    assert "3/5 (60 %)" in page and "4/5 (80 %)" in page
    assert "Opp 20 prosentpoeng" in page
    assert page.count(">Endret<") == 1
    assert page.count(">Uendret<") == 4
    assert "Nytt spørsmål i år" not in page  # not in the previous round


def test_a_centre_that_has_not_answered_this_round_cannot_be_compared(
    client_for, coordinator, municipality
):
    previous, questions, centres = build_survey(municipality, 5)
    survey = _next_round(previous, questions, centres, answers={0: "yes"})
    page = (
        client_for(coordinator).get(reverse("surveys:compare", args=[survey.pk])).content.decode()
    )
    assert page.count("Ikke svart ennå") == 4
    assert "Kan ikke sammenlignes" in page


def test_a_first_round_has_nothing_to_compare(client_for, coordinator, municipality):
    survey, _questions, _centres = build_survey(municipality, 5)
    assert (
        client_for(coordinator).get(reverse("surveys:compare", args=[survey.pk])).status_code == 404
    )


def test_leaders_do_not_see_an_unpublished_previous_round_through_the_comparison(
    client_for, leader_a, municipality
):
    previous, questions, centres = build_survey(municipality, 5, status="closed")
    survey = _next_round(previous, questions, centres, answers={0: "yes"})
    survey.status = "published"
    survey.save()
    client = client_for(leader_a)
    assert client.get(reverse("surveys:results", args=[survey.pk])).status_code == 200
    assert client.get(reverse("surveys:compare", args=[survey.pk])).status_code == 404


def test_results_pages_lead_the_coordinator_back_to_the_survey(
    client_for, coordinator, reader, municipality
):
    previous, questions, centres = build_survey(municipality, 5)
    survey = _next_round(previous, questions, centres, answers={0: "yes"})
    survey.status = "published"
    survey.save()
    previous.status = "published"
    previous.save()
    detail = f'href="{reverse("surveys:detail", args=[survey.pk])}"'
    pages = [
        reverse("surveys:results", args=[survey.pk]),
        reverse("surveys:side_by_side", args=[survey.pk]),
        reverse("surveys:centre_results", args=[survey.pk, centres[0].slug]),
        reverse("surveys:compare", args=[survey.pk]),
    ]
    for url in pages:
        page = client_for(coordinator).get(url).content.decode()
        assert f'<a href="{reverse("surveys:list")}">Undersøkelser</a>' in page, url
        assert detail in page, url
        assert detail not in client_for(reader).get(url).content.decode(), url
