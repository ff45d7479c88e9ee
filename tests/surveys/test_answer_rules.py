"""The answering rules, called directly: validation per kind, follow-ups on the server,
one response per centre, and what a submit costs."""

import pytest
from django.db import IntegrityError, transaction
from django.http import QueryDict

from surveys import answering
from surveys.models import (
    Answer,
    IncompleteResponse,
    Question,
    ResponseLocked,
    StaleResponse,
    SurveyResponse,
)
from surveys.questions import display_order

from ..factories import QuestionFactory, SurveyResponseFactory
from .conftest import full_answers


def posted(data: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    return query


def check(questions, data, *, complete=True):
    ordered = display_order(list(questions))
    values = answering.values_from_post(ordered, posted(data))
    return answering.validate(ordered, values, complete=complete)


@pytest.mark.parametrize(
    ("kind", "extra", "value", "message"),
    [
        (Question.Kind.SHORT_TEXT, {"max_length": 5}, "sekstegn", "Svaret er for langt: 8 tegn"),
        (Question.Kind.LONG_TEXT, {}, "", "Dette spørsmålet må besvares."),
        (Question.Kind.YES_NO, {}, "kanskje", "Velg Ja eller Nei."),
        (Question.Kind.SINGLE, {"choices": ["A", "B"]}, "C", "Velg et av alternativene."),
        (Question.Kind.MULTIPLE, {"choices": ["A", "B"]}, ["A", "Z"], "Velg blant alternativene."),
        (Question.Kind.SCALE, {}, "7", "Velg et tall fra 1 til 5."),
    ],
)
def test_each_kind_refuses_bad_input(survey, kind, extra, value, message):
    q = QuestionFactory(survey=survey, kind=kind, **extra)
    errors = check([q], {f"q{q.pk}": value})
    assert message in errors[q.pk]


@pytest.mark.parametrize(
    ("kind", "extra", "value"),
    [
        (Question.Kind.SHORT_TEXT, {}, "Seniorer"),
        (Question.Kind.YES_NO, {}, "no"),
        (Question.Kind.SINGLE, {"choices": ["A", "B"]}, "B"),
        (Question.Kind.MULTIPLE, {"choices": ["A", "B"]}, ["A", "B"]),
        (Question.Kind.SCALE, {}, "5"),
    ],
)
def test_each_kind_accepts_good_input(survey, kind, extra, value):
    q = QuestionFactory(survey=survey, kind=kind, **extra)
    assert check([q], {f"q{q.pk}": value}) == {}


def test_ranked_list_refuses_the_same_item_twice_compared_normalised(survey):
    q = QuestionFactory(survey=survey, kind=Question.Kind.RANKED, rank_count=3)
    errors = check([q], {f"q{q.pk}_1": "Seniorer", f"q{q.pk}_2": " seniorer "})
    assert errors[q.pk] == "Du har skrevet «seniorer» to ganger. Skriv ulike punkter."
    assert check([q], {f"q{q.pk}_1": "Eldre", f"q{q.pk}_3": "Seniorer"}) == {}
    assert check([q], {}) == {q.pk: "Skriv minst ett punkt."}


def test_optional_question_may_be_empty_and_drafts_skip_required(survey):
    optional = QuestionFactory(survey=survey, required=False)
    required = QuestionFactory(survey=survey)
    assert check([optional, required], {}, complete=False) == {}
    assert list(check([optional, required], {})) == [required.pk]


def test_hidden_follow_up_is_not_required(survey, questions):
    data = full_answers(questions)  # "yes" on 3: the "Hvis nei" follow-up is not asked
    assert check(questions.values(), data) == {}
    data[f"q{questions['level'].pk}"] = "no"
    assert list(check(questions.values(), data)) == [questions["how"].pk]


def test_stale_follow_up_answer_is_cleared_on_submit(survey, questions, response_a, leader_a):
    level, how = questions["level"], questions["how"]
    ordered = display_order(list(questions.values()))
    draft = full_answers(questions, **{f"q{level.pk}": "no", f"q{how.pk}": "Oftere besøk"})
    answering.save_answers(
        response=response_a,
        values=answering.values_from_post(ordered, posted(draft)),
        by=leader_a,
        revision=0,
    )
    assert Answer.objects.filter(question=how).exists()

    changed = full_answers(questions, **{f"q{how.pk}": "Oftere besøk"})  # now "yes" on 3
    answering.submit_response(
        response=response_a,
        by=leader_a,
        revision=1,
        values=answering.values_from_post(ordered, posted(changed)),
    )

    assert not Answer.objects.filter(question=how).exists()
    assert Answer.objects.filter(response=response_a).count() == 5
    answered, asked = answering.progress(
        ordered, answering.values_from_answers(response_a.answers.all())
    )
    assert (answered, asked) == (5, 5)


def test_submit_from_stored_answers_validates_them(survey, questions, response_a, leader_a):
    with pytest.raises(IncompleteResponse) as refused:
        answering.submit_response(response=response_a, by=leader_a, revision=0)
    assert questions["groups"].pk in refused.value.errors
    response_a.refresh_from_db()
    assert response_a.status == SurveyResponse.Status.NOT_STARTED


def test_stale_revision_and_submitted_response_are_refused(survey, questions, response_a, leader_a):
    ordered = display_order(list(questions.values()))
    values = answering.values_from_post(ordered, posted(full_answers(questions)))
    answering.save_answers(response=response_a, values=values, by=leader_a, revision=0)
    with pytest.raises(StaleResponse):
        answering.save_answers(response=response_a, values=values, by=leader_a, revision=0)
    answering.submit_response(response=response_a, by=leader_a, revision=1)
    with pytest.raises(ResponseLocked):
        answering.submit_response(response=response_a, by=leader_a, revision=2)


def test_a_centre_has_one_response_per_survey(survey, centre_a, response_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(survey=survey, centre=centre_a)


def test_submitting_30_questions_takes_at_most_10_queries(survey, centre_a, leader_a, query_count):
    questions = [
        QuestionFactory(survey=survey, kind=Question.Kind.SHORT_TEXT, order=n) for n in range(30)
    ]
    response = SurveyResponseFactory(survey=survey, centre=centre_a)
    for q in questions[:10]:
        Answer.objects.create(response=response, question=q, text="Gammelt svar")
    data = {f"q{q.pk}": f"Svar {n}" for n, q in enumerate(questions)}
    values = answering.values_from_post(questions, posted(data))
    response.revision = 0
    with query_count(at_most=10):
        answering.submit_response(response=response, by=leader_a, revision=0, values=values)
    assert response.answers.count() == 30
    assert set(response.answers.values_list("text", flat=True)) == {f"Svar {n}" for n in range(30)}
    response.refresh_from_db()
    assert response.is_submitted
