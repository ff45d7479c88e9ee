"""Fuzzed input into the new kinds of question: the builder's scale, number and «Annet»
fields, and the answers to a number, a date and a choice with «Annet». Nothing crashes;
a refused value is marked next to its field; what is stored is what the rules allow."""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from surveys import kinds
from surveys.models import Answer, Question, Survey, SurveyResponse

from ..factories import QuestionFactory, SurveyFactory, SurveyResponseFactory
from ..surveys.conftest import in_days
from .helpers import assert_no_raw_payloads, post, rolled_back
from .strategies import bad_choices, bad_dates, bad_numbers, fuzz_settings, fuzz_text


@pytest.fixture
def draft(municipality):
    return SurveyFactory(
        municipality=municipality, status=Survey.Status.DRAFT, round=2027, deadline=in_days(30)
    )


@fuzz_settings
@given(
    kind=st.one_of(st.sampled_from(["scale", "number", "single", "multiple"]), bad_choices),
    scale_min=bad_numbers,
    scale_max=bad_numbers,
    words=fuzz_text,
    number_min=bad_numbers,
    number_max=bad_numbers,
    allow_other=bad_choices,
)
@example(
    kind="scale",
    scale_min="0",
    scale_max="10",
    words="<script>x</script>",
    number_min="",
    number_max="",
    allow_other="",
)
def test_the_builders_kind_fields_never_crash(
    client_for,
    coordinator,
    draft,
    kind,
    scale_min,
    scale_max,
    words,
    number_min,
    number_max,
    allow_other,
):
    client = client_for(coordinator)
    with rolled_back():
        data = {
            "text": "Hvor mye?",
            "kind": kind,
            "required": "on",
            "choices_text": "En\nTo",
            "allow_other": allow_other,
            "scale_min": scale_min,
            "scale_max": scale_max,
            "scale_low": words,
            "scale_high": words,
            "unit": words,
            "number_min": number_min,
            "number_max": number_max,
        }
        url = reverse("surveys:question_add", args=[draft.pk])
        answer = post(client, url, data, counter="question form (kind fields)")
        if answer.saved:
            question = Question.objects.get(survey=draft)
            if question.kind == Question.Kind.SCALE:
                assert question.scale_min in (0, 1) and 3 <= question.scale_max <= 10
            if question.kind == Question.Kind.NUMBER and None not in (
                question.number_min,
                question.number_max,
            ):
                assert question.number_min <= question.number_max
            assert client.get(reverse("surveys:preview", args=[draft.pk])).status_code == 200
        else:
            assert "is-invalid" in answer.html
            assert_no_raw_payloads(answer.html)
        preview = post(client, url, {**data, "preview": "1"}, counter="question preview")
        assert preview.response.status_code == 200


@pytest.fixture
def typed_survey(municipality, centre_a):
    survey = SurveyFactory(
        municipality=municipality, status=Survey.Status.OPEN, deadline=in_days(14), round=2026
    )
    questions = {
        "number": QuestionFactory(
            survey=survey, kind="number", number_min=-10, number_max=1000, required=False
        ),
        "date": QuestionFactory(survey=survey, kind="date", required=False),
        "single": QuestionFactory(
            survey=survey, kind="single", choices=["En", "To"], allow_other=True, required=False
        ),
        "multiple": QuestionFactory(
            survey=survey, kind="multiple", choices=["A", "B"], allow_other=True, required=False
        ),
    }
    response = SurveyResponseFactory(survey=survey, centre=centre_a)
    return survey, questions, response


choice_or_other = st.one_of(st.sampled_from(["En", "To", Question.OTHER, ""]), bad_choices)


@fuzz_settings
@given(
    number=bad_numbers,
    day=bad_dates,
    single=choice_or_other,
    multiple=st.lists(
        st.one_of(st.sampled_from(["A", "B", Question.OTHER]), bad_choices), max_size=3
    ),
    other=fuzz_text,
    action=st.sampled_from(["save", "submit"]),
)
@example(
    number="1 000", day="31.12.2026", single=Question.OTHER, multiple=[], other="", action="submit"
)
def test_answers_to_the_new_kinds_never_crash_and_store_what_fits(
    client_for, leader_a, typed_survey, number, day, single, multiple, other, action
):
    survey, q, response = typed_survey
    client = client_for(leader_a)
    with rolled_back():
        revision = SurveyResponse.objects.get(pk=response.pk).revision
        data = {
            "action": action,
            "revision": str(revision),
            f"q{q['number'].pk}": number,
            f"q{q['date'].pk}": day,
            f"q{q['single'].pk}": single,
            f"q{q['multiple'].pk}": multiple,
            f"q{q['single'].pk}_other": other,
            f"q{q['multiple'].pk}_other": other,
        }
        url = reverse("surveys:answer", args=[survey.pk, response.centre.slug])
        answer = post(client, url, data, counter="answer (new kinds)")
        assert answer.response.status_code in (200, 302)
        stored = {a.question_id: a for a in Answer.objects.filter(response=response)}
        if (found := stored.get(q["number"].pk)) is not None:
            assert found.number is not None and -10 <= found.number <= 1000
        if (found := stored.get(q["date"].pk)) is not None:
            assert kinds.day(found.text) is not None
        for key in ("single", "multiple"):
            if (found := stored.get(q[key].pk)) is not None:
                offered = {*q[key].choices, Question.OTHER}
                assert {found.text, *found.items} - {""} <= offered
                assert found.other == "" or kinds.chose_other(found)
                assert "\x00" not in found.other and len(found.other) <= kinds.OTHER_LIMIT
        if answer.response.status_code == 200 and action == "save":
            assert "is-invalid" in answer.html or "Send inn svaret?" in answer.html
