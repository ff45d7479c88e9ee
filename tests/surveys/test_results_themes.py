"""Themes of a ranked list: merged by the coordinator, tallied weighted by rank."""

from django.urls import reverse

from surveys.models import Theme, ThemeMember
from surveys.results import SurveyResults
from surveys.themes import put_in_theme

from .results_data import build_survey


def _tally(survey, question):
    return SurveyResults(survey).by_question[question.pk].tally


def test_un_themed_texts_count_as_their_own_theme_weighted_by_rank(municipality):
    survey, questions, _centres = build_survey(municipality, 5)
    tally = {t.name: (t.points, t.centres) for t in _tally(survey, questions["groups"])}
    # Rank 1 of 3 gives 3 points, rank 2 two, rank 3 one.
    assert tally["Barn og ungdom"] == (3 + 3 + 2 + 1, 4)  # Klyve 1, Bakken 1, SMK 2, Gulset 3
    assert tally["Seniorer"] == (1 + 2, 2)
    assert tally["Eldre"] == (3, 1)


def test_merged_themes_add_up_and_say_which_centre_said_what(municipality):
    survey, questions, _centres = build_survey(municipality, 5)
    question = questions["groups"]
    put_in_theme(
        question=question, texts=["Eldre", "seniorer ", "Hjemmeboende seniorer"], name="Eldre"
    )
    put_in_theme(question=question, texts=["Barn og ungdom", "Skolebarn"], name="Barn og unge")

    tally = _tally(survey, question)
    assert [(t.name, t.points, t.centres) for t in tally[:2]] == [
        ("Barn og unge", 9 + 3, 5),
        ("Eldre", 3 + 3 + 2, 4),
    ]
    said = {(m.centre.name[:6], m.text, m.rank) for m in tally[1].mentions}
    assert ("SMK næ", "Eldre", 1) in said and ("Frogne", "Hjemmeboende seniorer", 2) in said


def test_coordinator_merges_two_answers_into_a_theme_on_the_page(
    client_for, coordinator, municipality
):
    survey, questions, _centres = build_survey(municipality, 5)
    question = questions["groups"]
    url = reverse("surveys:themes", args=[survey.pk, question.pk])
    client = client_for(coordinator)
    page = client.get(url).content.decode()
    assert "«Hjemmeboende seniorer»" in page and "Frogner nærmiljøsenter 002 (nr. 2)" in page

    response = client.post(
        url, {"action": "new", "name": "Seniorer", "texts": ["eldre", "hjemmeboende seniorer"]}
    )
    assert response.status_code == 302
    theme = Theme.objects.get(question=question, name="Seniorer")
    assert set(theme.members.values_list("text", flat=True)) == {"eldre", "hjemmeboende seniorer"}
    page = client.get(url).content.decode()
    assert "Svarene er lagt i temaet «Seniorer»." in page

    # A text under the same name as the theme is counted inside it, once.
    client.post(url, {"action": "add", "theme": theme.pk, "texts": ["seniorer"]})
    tally = _tally(survey, question)
    assert [(t.name, t.points, t.centres) for t in tally[:2]] == [
        ("Barn og ungdom", 9, 4),
        ("Seniorer", 3 + 2 + 3, 4),
    ]


def test_rename_remove_and_delete_a_theme(client_for, coordinator, municipality):
    survey, questions, _centres = build_survey(municipality, 5)
    question = questions["groups"]
    theme = put_in_theme(question=question, texts=["Eldre", "Seniorer"], name="Eldre")
    other = put_in_theme(question=question, texts=["Familier"], name="Familier")
    url = reverse("surveys:themes", args=[survey.pk, question.pk])
    client = client_for(coordinator)

    response = client.post(
        url, {"action": "rename", "theme_id": theme.pk, f"t{theme.pk}-name": "Familier"}
    )
    assert response.status_code == 200
    assert "Det finnes allerede et tema med dette navnet." in response.content.decode()

    client.post(url, {"action": "rename", "theme_id": theme.pk, f"t{theme.pk}-name": "Seniorer"})
    theme.refresh_from_db()
    assert theme.name == "Seniorer"

    client.post(url, {"action": "remove", "text": "eldre"})
    assert list(theme.members.values_list("text", flat=True)) == ["seniorer"]
    client.post(url, {"action": "remove", "text": "seniorer"})
    assert not Theme.objects.filter(pk=theme.pk).exists()  # an empty theme goes away

    client.post(url, {"action": "delete", "theme_id": other.pk})
    assert not ThemeMember.objects.filter(question=question).exists()


def test_a_theme_needs_a_name_and_at_least_one_answer(client_for, coordinator, municipality):
    survey, questions, _centres = build_survey(municipality, 5)
    url = reverse("surveys:themes", args=[survey.pk, questions["groups"].pk])
    response = client_for(coordinator).post(url, {"action": "new", "name": "", "texts": ["eldre"]})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Skriv et navn på temaet." in page
    assert 'value="eldre" id="text-' in page and "checked" in page  # the choice is kept
    response = client_for(coordinator).post(url, {"action": "new", "name": "Eldre"})
    assert "Velg minst ett svar." in response.content.decode()
    assert not Theme.objects.exists()


def test_themes_belong_to_ranked_questions_only(client_for, coordinator, municipality):
    survey, questions, _centres = build_survey(municipality, 5)
    url = reverse("surveys:themes", args=[survey.pk, questions["level"].pk])
    assert client_for(coordinator).get(url).status_code == 404
