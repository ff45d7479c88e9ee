"""Reordering a draft's questions on the survey page, and moving a question into or out
of a follow-up: the POST forms work without JavaScript (back to the page at the
question); sent by static/js/question-order.js (X-Requested-With: fetch) the same
endpoints answer with the list again and a sentence for the screen reader, in a fixed
number of queries."""

import pytest
from django.urls import reverse

from surveys.models import Question
from surveys.questions import display_order

from ..factories import QuestionFactory

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


@pytest.fixture
def three(draft_survey):
    """1. Samarbeid? (yes/no) with 1a, 2. Møteplasser?, 3. Frivillige?"""
    cooperation = QuestionFactory(survey=draft_survey, order=1, kind="yes_no", text="Samarbeid?")
    detail = QuestionFactory(
        survey=draft_survey, order=2, text="Hvordan?", parent=cooperation, show_when="yes"
    )
    places = QuestionFactory(survey=draft_survey, order=3, text="Møteplasser?")
    volunteers = QuestionFactory(survey=draft_survey, order=4, text="Frivillige?")
    return cooperation, detail, places, volunteers


def shown(survey) -> list[tuple[str, str, int | None]]:
    return [(q.number, q.text, q.parent_id) for q in display_order(list(survey.questions.all()))]


def url(name, survey, question, *extra):
    return reverse(f"surveys:{name}", args=[survey.pk, question.pk, *extra])


def test_without_javascript_a_question_moves_into_and_out_of_a_follow_up(
    client_for, coordinator, draft_survey, three
):
    cooperation, detail, places, volunteers = three
    client = client_for(coordinator)
    page = client.get(reverse("surveys:detail", args=[draft_survey.pk])).content.decode()
    # The first question and one with follow-ups of its own cannot become follow-ups.
    assert f'action="{url("question_follow_up", draft_survey, places)}"' in page
    assert "Gjør til oppfølging av 1" in page and "Gjør til oppfølging av 2" in page
    assert f'action="{url("question_follow_up", draft_survey, cooperation)}"' not in page
    assert f'action="{url("question_main", draft_survey, detail)}"' in page

    done = client.post(url("question_follow_up", draft_survey, places), follow=True)
    assert done.redirect_chain[-1][0].endswith(f"#question-{places.pk}")
    assert "Spørsmål 2 er nå oppfølgingsspørsmål 1b til spørsmål 1." in done.content.decode()
    assert shown(draft_survey) == [
        ("1", "Samarbeid?", None),
        ("1a", "Hvordan?", cooperation.pk),
        ("1b", "Møteplasser?", cooperation.pk),
        ("2", "Frivillige?", None),
    ]
    assert Question.objects.get(pk=places.pk).show_when == ""  # asked always

    client.post(url("question_main", draft_survey, detail))
    assert shown(draft_survey) == [
        ("1", "Samarbeid?", None),
        ("1a", "Møteplasser?", cooperation.pk),
        ("2", "Hvordan?", None),
        ("3", "Frivillige?", None),
    ]
    # The condition spoke of the question it left.
    assert Question.objects.get(pk=detail.pk).show_when == ""
    assert Question.history.filter(id=detail.pk, parent_id=None).exists()


def test_fetched_a_move_answers_with_the_list_and_a_sentence(
    client_for, coordinator, draft_survey, three, query_count
):
    _cooperation, _detail, places, volunteers = three
    client = client_for(coordinator)
    moved = client.post(url("question_move", draft_survey, volunteers, "opp"), **FETCH)
    data = moved.json()
    assert data["message"] == "Spørsmål 3 er flyttet opp og er nå spørsmål 2."
    assert data["question"] == volunteers.pk
    assert data["html"].index("2. Frivillige?") < data["html"].index("3. Møteplasser?")
    assert '<ol class="list-unstyled question-list mb-0">' in data["html"]
    top = client.post(url("question_move", draft_survey, _cooperation, "opp"), **FETCH).json()
    assert top["message"] == "Spørsmål 1 står allerede øverst."
    into = client.post(url("question_follow_up", draft_survey, volunteers), **FETCH).json()
    assert into["message"] == "Spørsmål 2 er nå oppfølgingsspørsmål 1b til spørsmål 1."
    assert "1b. Frivillige?" in into["html"]
    with query_count() as few:
        client.post(url("question_move", draft_survey, places, "opp"), **FETCH)
    for n in range(12):
        QuestionFactory(survey=draft_survey, order=10 + n, text=f"Ekstra {n}?")
    with query_count(exactly=len(few)):
        client.post(url("question_move", draft_survey, places, "ned"), **FETCH)


def test_a_sent_survey_refuses_a_fetched_move(client_for, coordinator, survey, questions):
    question = next(iter(questions.values()))
    moved = client_for(coordinator).post(url("question_move", survey, question, "ned"), **FETCH)
    assert moved.status_code == 409
    assert "kan ikke endres lenger" in moved.json()["message"]


def test_a_question_with_follow_ups_stays_a_main_question(
    client_for, coordinator, draft_survey, three
):
    cooperation, *_rest = three
    places = three[2]
    client = client_for(coordinator)
    client.post(url("question_move", draft_survey, places, "opp"))  # now 1. Møteplasser?
    page = client.post(url("question_follow_up", draft_survey, cooperation), follow=True)
    assert "kan ikke bli et oppfølgingsspørsmål" in page.content.decode()
    assert Question.objects.get(pk=cooperation.pk).parent_id is None
