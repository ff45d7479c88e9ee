"""Fuzzed answers to questions bound to the centre's goals for the period and its
contact persons, submitted with the leader's consent: nothing crashes; a refused item is
marked next to its field; what goes into the profile fits it (the goal's 300 characters,
the contact's 150) and is the answer as stored."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from centres.services import contact_names, period_goal_texts
from surveys.models import Question, Survey, SurveyResponse

from ..factories import QuestionFactory, SurveyFactory, SurveyResponseFactory
from ..surveys.conftest import in_days
from .helpers import post, rolled_back
from .strategies import fuzz_settings, fuzz_text

READ = {"goals": period_goal_texts, "contacts": contact_names}


@pytest.fixture
def bound(municipality, centre_a):
    survey = SurveyFactory(
        municipality=municipality, status=Survey.Status.OPEN, deadline=in_days(14), round=2026
    )
    questions = {
        field: QuestionFactory(
            survey=survey, kind="ranked", rank_count=2, profile_field=field, required=False
        )
        for field in READ
    }
    SurveyResponseFactory(survey=survey, centre=centre_a, status="not_started")
    return survey, questions


@fuzz_settings
@given(field=st.sampled_from(sorted(READ)), first=fuzz_text, second=fuzz_text)
def test_bound_answers_never_crash_and_the_profile_holds_what_was_stored(
    client_for, leader_a, centre_a, bound, field, first, second
):
    survey, questions = bound
    question = questions[field]
    client = client_for(leader_a)
    url = reverse("surveys:answer", args=[survey.pk, centre_a.slug])
    with rolled_back():
        data = {f"q{question.pk}_1": first, f"q{question.pk}_2": second}
        sent = post(client, url, {**data, "revision": 0, "action": "submit"}, counter="bound")
        if "Send inn svaret?" not in sent.html:
            assert f'id="q{question.pk}_error"' in sent.html  # refused next to the field
            return
        response = SurveyResponse.objects.get(survey=survey, centre=centre_a)
        confirm = {"action": "confirm", "revision": response.revision, "update_profile": "yes"}
        done = post(client, url, confirm, counter="bound confirm")
        assert done.response.status_code == 302
        stored = response.answers.filter(question=question).first()
        after = READ[field](centre_a)
        assert after == ([str(i) for i in stored.items if i] if stored else [])
        assert all(len(name) <= Question.PROFILE_ITEM_LENGTHS[field] for name in after)
