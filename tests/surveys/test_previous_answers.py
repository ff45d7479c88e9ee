"""Last year's answers one click away: a question copied from last round shows the
centre's previous answer with «Bruk fjorårets svar»; one question or the whole form is
filled in only when the leader asks, and nothing is stored until the leader saves."""

import re

import pytest

from surveys.models import Answer, Question, Survey, SurveyResponse
from surveys.questions import copy_survey

from ..factories import QuestionFactory, SurveyFactory, SurveyResponseFactory
from .conftest import answer_url, in_days


@pytest.fixture
def rounds(municipality, centre_a, centre_b, coordinator):
    last = SurveyFactory(
        municipality=municipality, round=2025, deadline=in_days(-300), status=Survey.Status.CLOSED
    )
    groups = QuestionFactory(
        survey=last, kind=Question.Kind.RANKED, rank_count=3, text="Målgrupper?"
    )
    helpers = QuestionFactory(survey=last, kind=Question.Kind.NUMBER, text="Antall frivillige?")
    for centre, names, number in (
        (centre_a, ["Barn", "Seniorer"], 40),
        (centre_b, ["Andres målgruppe"], 99),
    ):
        response = SurveyResponseFactory(
            survey=last, centre=centre, status=SurveyResponse.Status.SUBMITTED
        )
        Answer.objects.create(response=response, question=groups, items=names)
        Answer.objects.create(response=response, question=helpers, number=number)
    this = copy_survey(survey=last, by=coordinator)
    this.status, this.deadline = Survey.Status.OPEN, in_days(14)
    this.save()
    SurveyResponseFactory(survey=this, centre=centre_a, status="not_started")
    new_groups, new_helpers = this.questions.in_order()
    return this, new_groups, new_helpers


def test_the_form_shows_last_years_answer_and_fills_in_nothing(
    client_for, leader_a, rounds, centre_a
):
    survey, groups, helpers = rounds
    page = client_for(leader_a).get(answer_url(survey, centre_a)).content.decode()
    assert "Fjorårets svar:" in page and "Barn, Seniorer" in page
    assert f'value="previous:{groups.pk}"' in page and 'value="previous:all"' in page
    # Another centre's answers; 99 as a number of its own, not inside a CSRF token.
    assert "Andres målgruppe" not in page and not re.search(r"(?<![\w-])99(?![\w-])", page)
    assert f'name="q{groups.pk}_1" value=""' in page  # not filled in unasked


def test_one_question_is_filled_in_when_asked(client_for, leader_a, rounds, centre_a):
    survey, groups, helpers = rounds
    data = {"revision": 0, "action": f"previous:{groups.pk}", f"q{helpers.pk}": "12"}
    page = client_for(leader_a).post(answer_url(survey, centre_a), data).content.decode()
    assert "Fjorårets svar er fylt inn." in page
    assert f'name="q{groups.pk}_1" value="Barn"' in page
    assert f'name="q{groups.pk}_2" value="Seniorer"' in page
    assert 'value="12"' in page  # what the leader typed stays
    assert not Answer.objects.filter(response__survey=survey).exists()  # nothing stored


def test_the_whole_form_then_save(client_for, leader_a, rounds, centre_a):
    survey, groups, helpers = rounds
    client = client_for(leader_a)
    page = client.post(
        answer_url(survey, centre_a), {"revision": 0, "action": "previous:all"}
    ).content.decode()
    assert 'value="Barn"' in page and 'value="40"' in page
    client.post(
        answer_url(survey, centre_a),
        {
            "revision": 0,
            "action": "save",
            f"q{groups.pk}_1": "Barn",
            f"q{groups.pk}_2": "Seniorer",
            f"q{helpers.pk}": "40",
        },
    )
    stored = {a.question_id: a for a in Answer.objects.filter(response__survey=survey)}
    assert stored[groups.pk].items == ["Barn", "Seniorer"] and stored[helpers.pk].number == 40


def test_a_question_not_copied_offers_nothing(client_for, leader_a, survey, centre_a):
    QuestionFactory(survey=survey, kind=Question.Kind.SHORT_TEXT)
    SurveyResponseFactory(survey=survey, centre=centre_a, status="not_started")
    page = client_for(leader_a).get(answer_url(survey, centre_a)).content.decode()
    assert "Bruk fjorårets svar" not in page and "previous:all" not in page
