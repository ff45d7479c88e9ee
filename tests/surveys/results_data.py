"""A survey shaped like seed 000's, answered by any number of centres, for the results
tests. Built with bulk inserts so 100 centres stay quick."""

import datetime

from django.utils import timezone

from centres.models import Centre
from surveys.models import Answer, Question, Survey, SurveyResponse

from ..factories import CentreFactory, QuestionFactory, SurveyFactory

RETT_NIVA = "Er den formaliserte samhandlingen mellom kommunen og sentralene på rett nivå?"
AVTALE = "Ønsker din frivilligsentral å jobbe for å inngå en samarbeidsavtale med kommunen?"

# The seed's five answers: (name, target groups, right level, how else, ways forward).
SEED_ANSWERS = [
    ("Klyve", ["Barn og ungdom", "Flerkulturelle", "Seniorer"], "yes", "", ["Individuelt"]),
    (
        "Frogner",
        ["Skolebarn", "Hjemmeboende seniorer", "Flerkulturelle"],
        "yes",
        "",
        ["Individuelt", "Felles"],
    ),
    (
        "Bakken",
        ["Barn og ungdom", "Flyktninger", "Familier"],
        "no",
        "Vi tror det er hensiktsmessig med noe hyppigere møter",
        ["Individuelt", "Felles"],
    ),
    (
        "SMK",
        ["Eldre", "Barn og ungdom", "Familier"],
        "no",
        "Som nå, men oftere besøk",
        ["Individuelt"],
    ),
    (
        "Gulset",
        ["Lavinntektsfamilier", "Seniorer", "Barn og ungdom"],
        "yes",
        "",
        ["Individuelt", "Felles"],
    ),
]


def build_questions(survey: Survey) -> dict[str, Question]:
    q = {}
    q["groups"] = QuestionFactory(
        survey=survey,
        order=1,
        kind="ranked",
        rank_count=3,
        text="Nevn de tre viktigste målgruppene for frivilligsentralen",
    )
    q["goals"] = QuestionFactory(
        survey=survey,
        order=2,
        kind="long_text",
        text="Hva er frivilligsentralens mål for 2025–2026?",
    )
    q["level"] = QuestionFactory(
        survey=survey,
        order=3,
        kind="yes_no",
        text=RETT_NIVA,
        help_text="Ett årlig fellesmøte i første kvartal og ett årlig besøk i tredje kvartal.",
    )
    q["how"] = QuestionFactory(
        survey=survey,
        order=4,
        kind="long_text",
        parent=q["level"],
        show_when="no",
        text="Hvis nei: Hvordan mener du samhandlingen bør foregå?",
    )
    q["agreement"] = QuestionFactory(survey=survey, order=5, kind="yes_no", text=AVTALE)
    q["way"] = QuestionFactory(
        survey=survey,
        order=6,
        kind="multiple",
        parent=q["agreement"],
        show_when="yes",
        choices=["Individuelt", "Felles"],
        text="Hvis ja: Hvordan tenker dere det er best å jobbe videre – individuelt eller felles?",
    )
    q["scale"] = QuestionFactory(
        survey=survey, order=7, kind="scale", text="Hvor fornøyd er dere med samarbeidet?"
    )
    q["single"] = QuestionFactory(
        survey=survey,
        order=8,
        kind="single",
        choices=["Oftere", "Som nå", "Sjeldnere"],
        text="Hvor ofte bør vi møtes?",
    )
    return q


def build_survey(municipality, centres: int = 5, *, status=Survey.Status.PUBLISHED, **kwargs):
    """A survey with the seed's five answers repeated over `centres` centres, plus one
    centre that has not answered. Returns (survey, questions, centres)."""
    survey = SurveyFactory(
        municipality=municipality, status=status, title="Undersøkelse 2025", **kwargs
    )
    questions = build_questions(survey)
    existing = Centre.objects.count()
    made = Centre.objects.bulk_create(
        CentreFactory.build(
            municipality=municipality,
            name=f"{SEED_ANSWERS[i % 5][0]} nærmiljøsenter {i + 1:03d}",
            slug=f"sentral-r{existing + i}",
        )
        for i in range(centres)
    )
    silent = CentreFactory(
        municipality=municipality, name="Zz kommunal sentral", slug=f"stille-{existing}"
    )
    now = timezone.now()
    responses = SurveyResponse.objects.bulk_create(
        SurveyResponse(
            survey=survey,
            centre=c,
            status="submitted",
            submitted_at=now - datetime.timedelta(days=1),
        )
        for c in made
    )
    SurveyResponse.objects.create(survey=survey, centre=silent, status="not_started")
    answers = []
    for i, response in enumerate(responses):
        _name, groups, level, how, way = SEED_ANSWERS[i % 5]
        answers += [
            Answer(response=response, question=questions["groups"], items=groups),
            Answer(
                response=response, question=questions["goals"], text="Gode møteplasser i bydelen"
            ),
            Answer(response=response, question=questions["level"], text=level),
            Answer(response=response, question=questions["agreement"], text="yes"),
            Answer(response=response, question=questions["way"], items=way),
            Answer(response=response, question=questions["scale"], number=[4, 5, 3, 4, 2][i % 5]),
            Answer(
                response=response,
                question=questions["single"],
                text=["Oftere", "Som nå"][i % 2 and 1],
            ),
        ]
        if how:
            answers.append(Answer(response=response, question=questions["how"], text=how))
    Answer.objects.bulk_create(answers)
    return survey, questions, made
