import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from surveys.models import Question, Survey, SurveyResponse

from ..factories import QuestionFactory, SurveyFactory, SurveyResponseFactory


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def seed_questions(survey):
    """Seed 000's five questions with their two follow-ups."""
    groups = QuestionFactory(
        survey=survey,
        order=1,
        kind=Question.Kind.RANKED,
        rank_count=3,
        text="Nevn de tre viktigste målgruppene for frivilligsentralen",
    )
    goals = QuestionFactory(
        survey=survey,
        order=2,
        kind=Question.Kind.LONG_TEXT,
        text="Hva er frivilligsentralens mål for 2025–2026?",
        max_length=300,
    )
    level = QuestionFactory(
        survey=survey,
        order=3,
        kind=Question.Kind.YES_NO,
        text="Er den formaliserte samhandlingen mellom kommunen og sentralene på rett nivå?",
        help_text="Ett årlig fellesmøte i første kvartal og ett årlig besøk i tredje kvartal.",
    )
    how = QuestionFactory(
        survey=survey,
        order=4,
        kind=Question.Kind.LONG_TEXT,
        parent=level,
        show_when=Question.NO,
        text="Hvordan mener du samhandlingen bør foregå?",
    )
    agreement = QuestionFactory(
        survey=survey,
        order=5,
        kind=Question.Kind.YES_NO,
        text="Ønsker din frivilligsentral å jobbe for å inngå en samarbeidsavtale med kommunen?",
    )
    way = QuestionFactory(
        survey=survey,
        order=6,
        kind=Question.Kind.SINGLE,
        parent=agreement,
        show_when=Question.YES,
        choices=["Individuelt", "Felles", "Begge deler"],
        text="Hvordan tenker dere det er best å jobbe videre – individuelt eller felles?",
    )
    return {
        "groups": groups,
        "goals": goals,
        "level": level,
        "how": how,
        "agreement": agreement,
        "way": way,
    }


@pytest.fixture
def survey(municipality):
    return SurveyFactory(
        municipality=municipality,
        title="Spørreundersøkelse til frivilligsentralene 2026",
        round=2026,
        deadline=in_days(14),
        status=Survey.Status.OPEN,
    )


@pytest.fixture
def questions(survey):
    return seed_questions(survey)


@pytest.fixture
def response_a(survey, centre_a, questions):
    return SurveyResponseFactory(
        survey=survey, centre=centre_a, status=SurveyResponse.Status.NOT_STARTED
    )


@pytest.fixture
def response_b(survey, centre_b, questions):
    return SurveyResponseFactory(
        survey=survey, centre=centre_b, status=SurveyResponse.Status.NOT_STARTED
    )


@pytest.fixture
def draft_survey(municipality):
    return SurveyFactory(
        municipality=municipality,
        title="Undersøkelse under arbeid",
        round=2027,
        deadline=in_days(30),
        status=Survey.Status.DRAFT,
    )


def answer_url(survey, centre):
    return reverse("surveys:answer", args=[survey.pk, centre.slug])


def full_answers(q, **overrides):
    """A complete, valid POST for the seed questions (the Klyve answers)."""
    data = {
        f"q{q['groups'].pk}_1": "Barn og ungdom",
        f"q{q['groups'].pk}_2": "Flerkulturelle",
        f"q{q['groups'].pk}_3": "Seniorer",
        f"q{q['goals'].pk}": "Den inkluderende bydelen",
        f"q{q['level'].pk}": "yes",
        f"q{q['agreement'].pk}": "yes",
        f"q{q['way'].pk}": "Individuelt",
    }
    data.update(overrides)
    return data
