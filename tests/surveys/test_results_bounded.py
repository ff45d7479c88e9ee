"""The results pages stay the same size whatever the number of centres: the first answers
of a free-text question with a link to all of them, a page of centres side by side."""

from django.urls import reverse

from surveys.views.results import ANSWERS_PER_PAGE, CENTRES_SIDE_BY_SIDE, RESULT_ANSWERS

from ..conftest import QueryCount
from .results_data import build_survey

GOALS_TEXT = "Gode møteplasser i bydelen"


# The suite's one query counter (tests/conftest.py): GET, 200, the count.
_queries = QueryCount().get


def test_results_show_the_first_ten_free_text_answers_and_count_all(
    client_for, coordinator, municipality, query_count
):
    survey, questions, _centres = build_survey(municipality, 40)
    client = client_for(coordinator)
    with query_count(at_most=12):
        response = client.get(reverse("surveys:results", args=[survey.pk]))
    page = response.content.decode()
    assert page.count(GOALS_TEXT) == RESULT_ANSWERS
    goals_url = reverse("surveys:question_answers", args=[survey.pk, questions["goals"].pk])
    assert f'href="{goals_url}">Vis alle 40 svar' in page
    # The counts are over every answer, not only those shown.
    assert "40 av 40 (100 %)" in page
    # The ranked list's answers too are a sample with the link to all.
    groups_url = reverse("surveys:question_answers", args=[survey.pk, questions["groups"].pk])
    assert f'href="{groups_url}">Vis alle 40 svar' in page
    # Ten centres in the side menu, and the way to all of them.
    assert page.count("/resultater/sentral/") == 10
    assert "Alle 40 sentralene side ved side" in page


def test_a_question_page_lists_every_answer_a_page_at_a_time(
    client_for, reader, municipality, query_count
):
    survey, questions, _centres = build_survey(municipality, 40)
    url = reverse("surveys:question_answers", args=[survey.pk, questions["goals"].pk])
    client = client_for(reader)
    with query_count(at_most=10):
        page = client.get(url).content.decode()
    assert page.count(GOALS_TEXT) == ANSWERS_PER_PAGE
    assert "40 svar" in page and 'aria-label="Sider med svar"' in page
    assert 'href="?side=2"' in page
    assert client.get(url, {"side": 2}).content.decode().count(GOALS_TEXT) == 40 - ANSWERS_PER_PAGE


def test_a_question_page_costs_the_same_queries_for_5_and_40_centres(
    client_for, coordinator, municipality
):
    client = client_for(coordinator)
    small, small_questions, _ = build_survey(municipality, 5, round=2025)
    large, large_questions, _ = build_survey(municipality, 40, round=2024)
    few = _queries(
        client, reverse("surveys:question_answers", args=[small.pk, small_questions["goals"].pk])
    )
    many = _queries(
        client, reverse("surveys:question_answers", args=[large.pk, large_questions["goals"].pk])
    )
    assert few == many


def test_a_question_of_another_survey_is_not_found(client_for, coordinator, municipality):
    survey, _questions, _ = build_survey(municipality, 2, round=2025)
    _other, other_questions, _ = build_survey(municipality, 2, round=2024)
    url = reverse("surveys:question_answers", args=[survey.pk, other_questions["goals"].pk])
    assert client_for(coordinator).get(url).status_code == 404


def test_side_by_side_shows_a_page_of_centres_with_links_to_the_rest(
    client_for, coordinator, municipality, query_count
):
    survey, _questions, centres = build_survey(municipality, 40)
    url = reverse("surveys:side_by_side", args=[survey.pk])
    client = client_for(coordinator)
    with query_count(at_most=12):
        page = client.get(url).content.decode()
    assert page.count('<th scope="row">') == CENTRES_SIDE_BY_SIDE
    assert page.count(GOALS_TEXT) == CENTRES_SIDE_BY_SIDE
    assert 'aria-label="Sider med sentraler"' in page and 'href="?side=3"' in page
    assert 'aria-current="page"' in page

    last = client.get(url, {"side": 3}).content.decode()
    assert last.count('<th scope="row">') == 40 - 2 * CENTRES_SIDE_BY_SIDE
    assert sorted(centres, key=lambda c: c.name)[-1].name in last


def test_counting_in_the_database_gives_the_counts_of_reading_every_answer(municipality):
    from surveys.models import Theme, ThemeMember
    from surveys.results import SurveyResults

    survey, questions, _centres = build_survey(municipality, 40)
    theme = Theme.objects.create(question=questions["groups"], name="Barn og unge")
    ThemeMember.objects.create(question=questions["groups"], theme=theme, text="barn og ungdom")
    every = SurveyResults(survey)
    counted = SurveyResults(survey, first_answers=RESULT_ANSWERS)
    for pk, full in every.by_question.items():
        quick = counted.by_question[pk]
        assert quick.answered == full.answered
        assert [(o.value, o.count) for o in quick.options] == [
            (o.value, o.count) for o in full.options
        ]
        assert quick.average == full.average
        assert [(t.name, t.points, t.centres) for t in quick.tally] == [
            (t.name, t.points, t.centres) for t in full.tally
        ]
        assert quick.summary == full.summary
        assert len(quick.answers) <= RESULT_ANSWERS


def test_the_centres_that_have_not_answered_are_named_up_to_ten(
    client_for, coordinator, municipality
):
    from surveys.models import SurveyResponse

    from ..factories import CentreFactory

    survey, _questions, _centres = build_survey(municipality, 2)
    for centre in CentreFactory.create_batch(14, municipality=municipality):
        SurveyResponse.objects.create(survey=survey, centre=centre, status="not_started")
    client = client_for(coordinator)
    for name in ("results", "side_by_side"):
        page = client.get(reverse(f"surveys:{name}", args=[survey.pk])).content.decode()
        assert "og 5 til." in page
