"""The demo reproduces seed 000's survey: five answers, 3 yes / 2 no on the formal
interaction, 5 yes on an agreement, and the open 2026 round copied from it."""

from django.core.management import call_command

from surveys.models import Answer, Question, Survey, SurveyResponse, Theme
from surveys.results import SurveyResults


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Survey, Question, SurveyResponse, Answer, Theme)
    }


def test_survey_demo_loads_twice_without_duplicates(demo):
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first
    assert first["Survey"] == 2


def test_demo_survey_reproduces_the_seeds_numbers(demo):
    survey = Survey.objects.get(round=2025)
    assert survey.status == "published"
    assert survey.meeting.title == "Dialogmøte med frivilligsentralene"
    results = SurveyResults(survey)
    assert [r.centre.slug for r in results.not_submitted] == ["kommunal-frivilligsentral"]
    assert len(results.submitted) == 5

    level, agreement = results.questions[3], results.questions[4]
    assert level.question.text == (
        "Er den formaliserte samhandlingen mellom kommunen og sentralene på rett nivå?"
    )
    assert [(o.label, o.count) for o in level.options] == [("Ja", 3), ("Nei", 2)]
    assert {c.slug for c, _a in level.follow_ups[0].answers} == {"bakken", "smk"}
    assert [(o.label, o.count) for o in agreement.options] == [("Ja", 5), ("Nei", 0)]
    way = agreement.follow_ups[0]
    assert [(o.label, o.count) for o in way.options] == [("Individuelt", 5), ("Felles", 3)]
    assert way.generated_summary == (
        "Alle fem frivilligsentralene svarer «Individuelt», og tre svarer også «Felles»."
    )
    assert level.summary.startswith("Tre av fem frivilligsentraler synes")

    groups = results.questions[0]
    assert [(t.name, t.points, t.centres) for t in groups.tally[:2]] == [
        ("Barn og unge", 12, 5),
        ("Seniorer og eldre", 8, 4),
    ]


def test_demo_has_an_open_2026_round_copied_question_by_question(demo):
    survey = Survey.objects.get(round=2026)
    previous = Survey.objects.get(round=2025)
    assert survey.status == "open" and survey.copied_from == previous
    pairs = list(survey.questions.values_list("text", "copied_from__text"))
    assert len(pairs) == 9 and all(text == before for text, before in pairs)
    statuses = dict(survey.responses.values_list("centre__slug", "status"))
    assert statuses["bakken"] == "submitted"
    assert statuses["klyve"] == statuses["gulset"] == "draft"
    assert statuses["frogner"] == "not_started"


def test_frogners_wish_beside_its_yes_is_kept_word_for_word(demo):
    """Seed 000: Frogner answered «Ja» on the level of cooperation and added a wish."""
    from surveys.deck.build import comment_of

    level = Question.objects.get(survey__round=2025, text__startswith="Er den formaliserte")
    assert level.takes_comment
    answer = Answer.objects.select_related("question").get(
        question=level, response__centre__slug="frogner"
    )
    wish = "I tillegg ønskes at kommunale representanter møter jevnlig i nærmiljøforumet"
    assert (answer.text, answer.comment) == (Question.YES, wish)
    assert comment_of(answer) == f"«{wish}»"
    assert not Answer.objects.filter(question=level).exclude(pk=answer.pk).exclude(comment="")
    copied = Question.objects.get(survey__round=2026, copied_from=level)
    assert copied.allow_comment  # the 2026 round asks for it too
