"""Results: counts, shares and sentences per question; follow-ups; free text; the
coordinator's deck sentence."""

import pytest
from django.urls import reverse

from frivillig.lib.words import number_word
from surveys.models import Question
from surveys.results import OptionCount, SurveyResults
from surveys.summaries import choice_sentence, scale_sentence, yes_no_sentence

from ..factories import AnswerFactory, SurveyResponseFactory
from .results_data import AVTALE, RETT_NIVA, build_survey


def test_yes_no_sentence_reads_like_the_seed():
    assert yes_no_sentence(RETT_NIVA, 3, 2, 5) == (
        "Tre av fem frivilligsentraler mener at den formaliserte samhandlingen mellom kommunen "
        "og sentralene er på rett nivå. To mener det ikke."
    )
    assert yes_no_sentence(AVTALE, 5, 0, 5) == (
        "Alle fem frivilligsentralene ønsker å jobbe for å inngå en samarbeidsavtale med kommunen."
    )


def test_yes_no_sentence_turns_a_question_to_the_centre_round():
    sentence = yes_no_sentence("Bruker dere Frivillig.no?", 1, 3, 4)
    assert sentence == "Én av fire frivilligsentraler bruker Frivillig.no. Tre bruker ikke det."


def test_yes_no_sentence_for_a_question_it_cannot_turn_round_quotes_the_question():
    sentence = yes_no_sentence("Finnes det frivillige på venteliste?", 1, 3, 4)
    assert sentence == (
        "Én av fire frivilligsentraler svarer ja på «Finnes det frivillige på venteliste?». "
        "Tre svarer nei."
    )


def test_nobody_answered_and_nobody_said_yes():
    assert yes_no_sentence(AVTALE, 0, 0, 0) == "Ingen frivilligsentraler har svart ennå."
    assert yes_no_sentence(AVTALE, 0, 4, 4).startswith(
        "Ingen av de fire frivilligsentralene ønsker å"
    )


def test_numbers_under_ten_are_words_and_larger_ones_digits():
    assert [number_word(n) for n in (1, 2, 9, 10, 12)] == ["én", "to", "ni", "10", "12"]
    assert yes_no_sentence(AVTALE, 12, 3, 15).startswith("12 av 15 frivilligsentraler ønsker")


def test_choice_sentences_for_multiple_and_single_choice():
    options = [
        OptionCount("Individuelt", "Individuelt", 5, 5),
        OptionCount("Felles", "Felles", 3, 5),
    ]
    assert choice_sentence(options, 5, multiple=True) == (
        "Alle fem frivilligsentralene svarer «Individuelt», og tre svarer også «Felles»."
    )
    single = [OptionCount("A", "Oftere", 2, 5), OptionCount("B", "Som nå", 3, 5)]
    assert choice_sentence(single, 5, multiple=False) == (
        "Tre av fem frivilligsentraler svarer «Som nå», og to svarer «Oftere»."
    )


def test_scale_sentence_gives_the_average_with_a_decimal_comma():
    assert scale_sentence(3.6, 5) == "Gjennomsnittet er 3,6 av 5 (fem svar)."


def test_results_count_only_submitted_answers_and_nest_follow_ups(municipality):
    survey, questions, centres = build_survey(municipality, 5)
    draft = SurveyResponseFactory(survey=survey, status="draft")
    AnswerFactory(response=draft, question=questions["level"], text="no")

    results = SurveyResults(survey)
    level = results.by_question[questions["level"].pk]
    assert [(o.label, o.count, o.share) for o in level.options] == [("Ja", 3, 60), ("Nei", 2, 40)]
    assert len(results.not_submitted) == 2
    how = level.follow_ups[0]
    assert how.number == "3a"
    assert how.condition == "Vises når svaret på 3 er «Nei»"
    assert [centre.name for centre, _answer in how.answers] == [
        "Bakken nærmiljøsenter 003",
        "SMK nærmiljøsenter 004",
    ]
    way = results.by_question[questions["way"].pk]
    assert [(o.label, o.count) for o in way.options] == [("Individuelt", 5), ("Felles", 3)]
    scale = results.by_question[questions["scale"].pk]
    assert scale.average == pytest.approx(3.6)
    assert [o.count for o in scale.options] == [0, 1, 1, 2, 1]


def test_coordinator_sees_counts_in_words_bars_for_screen_readers_and_free_text(
    client_for, coordinator, municipality
):
    survey, questions, _centres = build_survey(municipality, 5)
    page = (
        client_for(coordinator).get(reverse("surveys:results", args=[survey.pk])).content.decode()
    )
    assert "5 av 6 frivilligsentraler har sendt inn svar." in page
    assert "Har ikke sendt inn: Zz kommunal sentral." in page
    assert "3 av 5 (60 %)" in page
    assert 'role="img"' in page and 'aria-label="Ja: 3 av 5 (60 prosent)"' in page
    assert "Tre av fem frivilligsentraler mener at den formaliserte samhandlingen" in page
    assert "Vises når svaret på 3 er «Nei»" in page
    assert "Som nå, men oftere besøk" in page
    assert "Gjennomsnitt:" in page and "3,6" in page


def test_leader_sees_published_results_without_the_edit_buttons(client_for, leader_a, municipality):
    survey, _questions, _centres = build_survey(municipality, 5)
    response = client_for(leader_a).get(reverse("surveys:results", args=[survey.pk]))
    assert response.status_code == 200
    assert "Rediger setningen" not in response.content.decode()


def test_coordinator_edits_the_deck_sentence_and_resets_it(client_for, coordinator, municipality):
    survey, questions, _centres = build_survey(municipality, 5)
    question = questions["level"]
    url = reverse("surveys:summary", args=[survey.pk, question.pk])
    client = client_for(coordinator)
    assert "Tre av fem frivilligsentraler mener at" in client.get(url).content.decode()

    response = client.post(url, {"summary": "Tre av fem synes samhandlingen er på rett nivå."})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.summary == "Tre av fem synes samhandlingen er på rett nivå."
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "Tre av fem synes samhandlingen er på rett nivå." in page and "redigert" in page

    client.post(url, {"reset": "1"})
    question.refresh_from_db()
    assert question.summary == ""


def test_an_empty_sentence_is_refused_in_norwegian_and_nothing_changes(
    client_for, coordinator, municipality
):
    survey, questions, _centres = build_survey(municipality, 5)
    url = reverse("surveys:summary", args=[survey.pk, questions["level"].pk])
    response = client_for(coordinator).post(url, {"summary": ""})
    assert response.status_code == 200
    assert "Skriv en setning, eller tilbakestill til forslaget." in response.content.decode()
    questions["level"].refresh_from_db()
    assert questions["level"].summary == ""


def test_saving_the_suggestion_unchanged_keeps_the_sentence_generated(
    client_for, coordinator, municipality
):
    survey, questions, _centres = build_survey(municipality, 5)
    result = SurveyResults(survey).by_question[questions["agreement"].pk]
    url = reverse("surveys:summary", args=[survey.pk, questions["agreement"].pk])
    client_for(coordinator).post(url, {"summary": result.generated_summary})
    questions["agreement"].refresh_from_db()
    assert questions["agreement"].summary == ""


def test_side_by_side_has_a_row_per_centre_and_a_column_per_question(
    client_for, coordinator, municipality
):
    survey, questions, centres = build_survey(municipality, 5)
    page = client_for(coordinator).get(reverse("surveys:side_by_side", args=[survey.pk])).content
    page = page.decode()
    assert page.count('<th scope="row">') == 5
    assert page.count('<th scope="col">') == Question.objects.filter(survey=survey).count()
    # A named region, but no box with a scroll bar of its own (so nothing to focus to
    # scroll it): the page scrolls, the headings stick (tests/browser/test_meeting_form.py).
    assert 'role="region" aria-labelledby="sbs-caption"' in page
    assert "table-scroll" not in page
    assert "3a. Hvis nei: Hvordan mener du samhandlingen bør foregå?" in page
    assert "Vi tror det er hensiktsmessig med noe hyppigere møter" in page
    assert "Har ikke sendt inn: Zz kommunal sentral (ikke påbegynt)." in page


def test_centre_page_shows_its_answers_and_notes_follow_ups_not_asked(
    client_for, coordinator, municipality
):
    survey, _questions, centres = build_survey(municipality, 5)
    klyve = centres[0]
    url = reverse("surveys:centre_results", args=[survey.pk, klyve.slug])
    page = client_for(coordinator).get(url).content.decode()
    assert klyve.name in page
    assert "Barn og ungdom" in page and "Flerkulturelle" in page
    assert "Ikke stilt (vises når svaret på 3 er «nei»)" in page
    missing = client_for(coordinator).get(
        reverse("surveys:centre_results", args=[survey.pk, "finnes-ikke"])
    )
    assert missing.status_code == 404
