"""The sentences the portal composes about a question's answers, written out in
bokmål, nynorsk and English for nobody, one of one, two, some and all answers: the
numbers in words with their gender («én», «ett»; «éin», «eitt»), «begge» for two, the
question restated only in bokmål (the language it is written in) and quoted as written
otherwise, and ties never reported as what is mentioned most."""

from types import SimpleNamespace as Centre

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from frivillig.lib.words import NEUTER, number_word
from surveys.results import OptionCount, SurveyResults, ThemeMention, ThemeTally
from surveys.summaries import (
    choice_sentence,
    ranked_sentence,
    scale_sentence,
    text_sentence,
    yes_no_sentence,
)

from .results_data import build_survey

AVTALE = "Ønsker din frivilligsentral å jobbe for å inngå en samarbeidsavtale med kommunen?"
RETT_NIVA = "Er den formaliserte samhandlingen mellom kommunen og sentralene på rett nivå?"
VENTELISTE = "Finnes det frivillige på venteliste?"  # cannot be turned into a statement


def options(*counts, total):
    return [OptionCount(label, label, count, total) for label, count in counts]


def tally(*themes):
    """(name, centres, points) per theme, most points first."""
    tallies = []
    for name, centres, points in themes:
        theme = ThemeTally(name, None, name.casefold(), points)
        theme.mentions = [ThemeMention(Centre(pk=n), name, 1) for n in range(centres)]
        tallies.append(theme)
    return tallies


CASES = {
    "yes/no, nobody yet": lambda: yes_no_sentence(AVTALE, 0, 0, 0),
    "yes/no, the one centre says yes": lambda: yes_no_sentence(AVTALE, 1, 0, 1),
    "yes/no, the one centre says no": lambda: yes_no_sentence(AVTALE, 0, 1, 1),
    "yes/no, the one centre of one thinks so": lambda: yes_no_sentence(RETT_NIVA, 1, 0, 1),
    "yes/no, both say yes": lambda: yes_no_sentence(AVTALE, 2, 0, 2),
    "yes/no, one of two": lambda: yes_no_sentence(AVTALE, 1, 1, 2),
    "yes/no quoted, one of two": lambda: yes_no_sentence(VENTELISTE, 1, 1, 2),
    "yes/no, neither of two": lambda: yes_no_sentence(AVTALE, 0, 2, 2),
    "yes/no, some": lambda: yes_no_sentence(RETT_NIVA, 3, 2, 5),
    "yes/no, one of five": lambda: yes_no_sentence(AVTALE, 1, 4, 5),
    "yes/no, all": lambda: yes_no_sentence(AVTALE, 5, 0, 5),
    "yes/no, none of four": lambda: yes_no_sentence(AVTALE, 0, 4, 4),
    "yes/no, not this question": lambda: yes_no_sentence(AVTALE, 0, 0, 3),
    "yes/no quoted, some": lambda: yes_no_sentence(VENTELISTE, 1, 3, 4),
    "yes/no quoted, all": lambda: yes_no_sentence(VENTELISTE, 4, 0, 4),
    "choice, nobody yet": lambda: choice_sentence(
        options(("Individuelt", 0), total=0), 0, multiple=True
    ),
    "choice, the one centre": lambda: choice_sentence(
        options(("Individuelt", 1), ("Felles", 1), total=1), 1, multiple=True
    ),
    "choice, both": lambda: choice_sentence(
        options(("Individuelt", 2), ("Felles", 1), total=2), 2, multiple=True
    ),
    "choice, some": lambda: choice_sentence(
        options(("Oftere", 2), ("Som nå", 3), total=5), 5, multiple=False
    ),
    "choice, one each": lambda: choice_sentence(
        options(("A", 1), ("B", 1), ("C", 3), total=5), 5, multiple=False
    ),
    "choice, all": lambda: choice_sentence(
        options(("Individuelt", 5), ("Felles", 3), total=5), 5, multiple=True
    ),
    "choice, all and all": lambda: choice_sentence(
        options(("Individuelt", 5), ("Felles", 5), total=5), 5, multiple=True
    ),
    "scale, none": lambda: scale_sentence(None, 0),
    "scale, one": lambda: scale_sentence(4.0, 1),
    "scale, two": lambda: scale_sentence(3.5, 2),
    "scale, five": lambda: scale_sentence(3.6, 5),
    "text, nobody yet": lambda: text_sentence(0, 0),
    "text, not this question": lambda: text_sentence(0, 3),
    "text, the one centre": lambda: text_sentence(1, 1),
    "text, one of two": lambda: text_sentence(1, 2),
    "text, both": lambda: text_sentence(2, 2),
    "text, some": lambda: text_sentence(3, 5),
    "text, all": lambda: text_sentence(5, 5),
    "ranked, nobody yet": lambda: ranked_sentence([]),
    "ranked, every answer once": lambda: ranked_sentence(
        tally(("Skoler", 1, 3), ("Idrettslag", 1, 3), ("Kirken", 1, 2))
    ),
    "ranked, a tie at the cut": lambda: ranked_sentence(
        tally(("A", 2, 4), ("B", 2, 4), ("C", 2, 4), ("D", 2, 4))
    ),
    "ranked, the tie left out": lambda: ranked_sentence(
        tally(("Skoler", 3, 6), ("Idrettslag", 2, 4), ("Kirken", 2, 4), ("Museet", 2, 4))
    ),
    "ranked, some": lambda: ranked_sentence(
        tally(("Skoler", 3, 7), ("Idrettslag", 2, 5), ("Kirken", 1, 3))
    ),
    "ranked, the demo's themes": lambda: ranked_sentence(
        tally(
            ("Barn og unge", 5, 12),
            ("Seniorer og eldre", 4, 8),
            ("Innvandrere", 2, 4),
            ("Familier", 2, 3),
        )
    ),
}


EXPECTED = {
    "nb": {
        "yes/no, nobody yet": "Ingen frivilligsentraler har svart ennå.",
        "yes/no, the one centre says yes": (
            "Den ene sentralen som har svart, ønsker å jobbe for å inngå en samarbeidsavtale "
            "med kommunen."
        ),
        "yes/no, the one centre says no": (
            "Den ene sentralen som har svart, ønsker ikke å jobbe for å inngå en "
            "samarbeidsavtale med kommunen."
        ),
        "yes/no, the one centre of one thinks so": (
            "Den ene sentralen som har svart, mener at den formaliserte samhandlingen mellom "
            "kommunen og sentralene er på rett nivå."
        ),
        "yes/no, both say yes": (
            "Begge frivilligsentralene ønsker å jobbe for å inngå en samarbeidsavtale med kommunen."
        ),
        "yes/no, one of two": (
            "Én av de to frivilligsentralene ønsker å jobbe for å inngå en samarbeidsavtale "
            "med kommunen. Den andre ønsker ikke det."
        ),
        "yes/no quoted, one of two": (
            "Én av de to frivilligsentralene svarer ja på «Finnes det frivillige på "
            "venteliste?». Den andre svarer nei."
        ),
        "yes/no, neither of two": (
            "Ingen av de to frivilligsentralene ønsker å jobbe for å inngå en "
            "samarbeidsavtale med kommunen."
        ),
        "yes/no, some": (
            "Tre av fem frivilligsentraler mener at den formaliserte samhandlingen mellom "
            "kommunen og sentralene er på rett nivå. To mener det ikke."
        ),
        "yes/no, one of five": (
            "Én av fem frivilligsentraler ønsker å jobbe for å inngå en samarbeidsavtale med "
            "kommunen. Fire ønsker ikke det."
        ),
        "yes/no, all": (
            "Alle fem frivilligsentralene ønsker å jobbe for å inngå en samarbeidsavtale med "
            "kommunen."
        ),
        "yes/no, none of four": (
            "Ingen av de fire frivilligsentralene ønsker å jobbe for å inngå en "
            "samarbeidsavtale med kommunen."
        ),
        "yes/no, not this question": "Ingen frivilligsentraler har svart på dette spørsmålet ennå.",
        "yes/no quoted, some": (
            "Én av fire frivilligsentraler svarer ja på «Finnes det frivillige på "
            "venteliste?». Tre svarer nei."
        ),
        "yes/no quoted, all": (
            "Alle fire frivilligsentralene svarer ja på «Finnes det frivillige på venteliste?»."
        ),
        "choice, nobody yet": "Ingen frivilligsentraler har svart ennå.",
        "choice, the one centre": (
            "Den ene sentralen som har svart, svarer «Individuelt» og «Felles»."
        ),
        "choice, both": (
            "Begge frivilligsentralene svarer «Individuelt», og én svarer også «Felles»."
        ),
        "choice, some": "Tre av fem frivilligsentraler svarer «Som nå», og to svarer «Oftere».",
        "choice, one each": (
            "Tre av fem frivilligsentraler svarer «C», én svarer «A», og én svarer «B»."
        ),
        "choice, all": (
            "Alle fem frivilligsentralene svarer «Individuelt», og tre svarer også «Felles»."
        ),
        "choice, all and all": (
            "Alle fem frivilligsentralene svarer «Individuelt», og alle svarer også «Felles»."
        ),
        "scale, none": "Ingen frivilligsentraler har svart på dette spørsmålet ennå.",
        "scale, one": "Gjennomsnittet er 4,0 av 5 (ett svar).",
        "scale, two": "Gjennomsnittet er 3,5 av 5 (to svar).",
        "scale, five": "Gjennomsnittet er 3,6 av 5 (fem svar).",
        "text, nobody yet": "Ingen frivilligsentraler har svart ennå.",
        "text, not this question": "Ingen frivilligsentraler har svart på dette spørsmålet ennå.",
        "text, the one centre": "Den ene sentralen som har svart, har skrevet et svar her.",
        "text, one of two": "Én av to frivilligsentraler har svart.",
        "text, both": "Begge frivilligsentralene har svart.",
        "text, some": "Tre av fem frivilligsentraler har svart.",
        "text, all": "Alle fem frivilligsentralene har svart.",
        "ranked, nobody yet": "Ingen frivilligsentraler har svart ennå.",
        "ranked, every answer once": "Ingen svar går igjen; se alle svarene.",
        "ranked, a tie at the cut": "Flere svar går igjen like ofte; se alle svarene.",
        "ranked, the tie left out": "Mest nevnt: Skoler (tre sentraler).",
        "ranked, some": "Mest nevnt: Skoler (tre sentraler) og Idrettslag (to sentraler).",
        "ranked, the demo's themes": (
            "Mest nevnt: Barn og unge (fem sentraler), Seniorer og eldre (fire sentraler) og "
            "Innvandrere (to sentraler)."
        ),
    },
    "nn": {
        "yes/no, nobody yet": "Ingen frivilligsentralar har svart enno.",
        "yes/no, the one centre says yes": (
            "Den eine sentralen som har svart, svarar ja på «Ønsker din frivilligsentral å "
            "jobbe for å inngå en samarbeidsavtale med kommunen?»."
        ),
        "yes/no, the one centre says no": (
            "Den eine sentralen som har svart, svarar nei på «Ønsker din frivilligsentral å "
            "jobbe for å inngå en samarbeidsavtale med kommunen?»."
        ),
        "yes/no, the one centre of one thinks so": (
            "Den eine sentralen som har svart, svarar ja på «Er den formaliserte "
            "samhandlingen mellom kommunen og sentralene på rett nivå?»."
        ),
        "yes/no, both say yes": (
            "Begge frivilligsentralane svarar ja på «Ønsker din frivilligsentral å jobbe for "
            "å inngå en samarbeidsavtale med kommunen?»."
        ),
        "yes/no, one of two": (
            "Éin av dei to frivilligsentralane svarar ja på «Ønsker din frivilligsentral å "
            "jobbe for å inngå en samarbeidsavtale med kommunen?». Den andre svarar nei."
        ),
        "yes/no quoted, one of two": (
            "Éin av dei to frivilligsentralane svarar ja på «Finnes det frivillige på "
            "venteliste?». Den andre svarar nei."
        ),
        "yes/no, neither of two": (
            "Ingen av dei to frivilligsentralane svarar ja på «Ønsker din frivilligsentral å "
            "jobbe for å inngå en samarbeidsavtale med kommunen?»."
        ),
        "yes/no, some": (
            "Tre av fem frivilligsentralar svarar ja på «Er den formaliserte samhandlingen "
            "mellom kommunen og sentralene på rett nivå?». To svarar nei."
        ),
        "yes/no, one of five": (
            "Éin av fem frivilligsentralar svarar ja på «Ønsker din frivilligsentral å jobbe "
            "for å inngå en samarbeidsavtale med kommunen?». Fire svarar nei."
        ),
        "yes/no, all": (
            "Alle fem frivilligsentralane svarar ja på «Ønsker din frivilligsentral å jobbe "
            "for å inngå en samarbeidsavtale med kommunen?»."
        ),
        "yes/no, none of four": (
            "Ingen av dei fire frivilligsentralane svarar ja på «Ønsker din frivilligsentral "
            "å jobbe for å inngå en samarbeidsavtale med kommunen?»."
        ),
        "yes/no, not this question": "Ingen frivilligsentralar har svart på dette spørsmålet enno.",
        "yes/no quoted, some": (
            "Éin av fire frivilligsentralar svarar ja på «Finnes det frivillige på "
            "venteliste?». Tre svarar nei."
        ),
        "yes/no quoted, all": (
            "Alle fire frivilligsentralane svarar ja på «Finnes det frivillige på venteliste?»."
        ),
        "choice, nobody yet": "Ingen frivilligsentralar har svart enno.",
        "choice, the one centre": (
            "Den eine sentralen som har svart, svarar «Individuelt» og «Felles»."
        ),
        "choice, both": (
            "Begge frivilligsentralane svarar «Individuelt», og éin svarar òg «Felles»."
        ),
        "choice, some": "Tre av fem frivilligsentralar svarar «Som nå», og to svarar «Oftere».",
        "choice, one each": (
            "Tre av fem frivilligsentralar svarar «C», éin svarar «A», og éin svarar «B»."
        ),
        "choice, all": (
            "Alle fem frivilligsentralane svarar «Individuelt», og tre svarar òg «Felles»."
        ),
        "choice, all and all": (
            "Alle fem frivilligsentralane svarar «Individuelt», og alle svarar òg «Felles»."
        ),
        "scale, none": "Ingen frivilligsentralar har svart på dette spørsmålet enno.",
        "scale, one": "Gjennomsnittet er 4,0 av 5 (eitt svar).",
        "scale, two": "Gjennomsnittet er 3,5 av 5 (to svar).",
        "scale, five": "Gjennomsnittet er 3,6 av 5 (fem svar).",
        "text, nobody yet": "Ingen frivilligsentralar har svart enno.",
        "text, not this question": "Ingen frivilligsentralar har svart på dette spørsmålet enno.",
        "text, the one centre": "Den eine sentralen som har svart, har skrive eit svar her.",
        "text, one of two": "Éin av to frivilligsentralar har svart.",
        "text, both": "Begge frivilligsentralane har svart.",
        "text, some": "Tre av fem frivilligsentralar har svart.",
        "text, all": "Alle fem frivilligsentralane har svart.",
        "ranked, nobody yet": "Ingen frivilligsentralar har svart enno.",
        "ranked, every answer once": "Ingen svar går igjen; sjå alle svara.",
        "ranked, a tie at the cut": "Fleire svar går igjen like ofte; sjå alle svara.",
        "ranked, the tie left out": "Mest nemnt: Skoler (tre sentralar).",
        "ranked, some": "Mest nemnt: Skoler (tre sentralar) og Idrettslag (to sentralar).",
        "ranked, the demo's themes": (
            "Mest nemnt: Barn og unge (fem sentralar), Seniorer og eldre (fire sentralar) og "
            "Innvandrere (to sentralar)."
        ),
    },
    "en": {
        "yes/no, nobody yet": "No volunteer centres have answered yet.",
        "yes/no, the one centre says yes": (
            "The one centre that has answered says yes to “Ønsker din frivilligsentral å "
            "jobbe for å inngå en samarbeidsavtale med kommunen?”."
        ),
        "yes/no, the one centre says no": (
            "The one centre that has answered says no to “Ønsker din frivilligsentral å "
            "jobbe for å inngå en samarbeidsavtale med kommunen?”."
        ),
        "yes/no, the one centre of one thinks so": (
            "The one centre that has answered says yes to “Er den formaliserte samhandlingen "
            "mellom kommunen og sentralene på rett nivå?”."
        ),
        "yes/no, both say yes": (
            "Both volunteer centres say yes to “Ønsker din frivilligsentral å jobbe for å "
            "inngå en samarbeidsavtale med kommunen?”."
        ),
        "yes/no, one of two": (
            "One of the two volunteer centres says yes to “Ønsker din frivilligsentral å "
            "jobbe for å inngå en samarbeidsavtale med kommunen?”. The other says no."
        ),
        "yes/no quoted, one of two": (
            "One of the two volunteer centres says yes to “Finnes det frivillige på "
            "venteliste?”. The other says no."
        ),
        "yes/no, neither of two": (
            "Neither of the two volunteer centres says yes to “Ønsker din frivilligsentral å "
            "jobbe for å inngå en samarbeidsavtale med kommunen?”."
        ),
        "yes/no, some": (
            "Three of five volunteer centres say yes to “Er den formaliserte samhandlingen "
            "mellom kommunen og sentralene på rett nivå?”. Two say no."
        ),
        "yes/no, one of five": (
            "One of five volunteer centres says yes to “Ønsker din frivilligsentral å jobbe "
            "for å inngå en samarbeidsavtale med kommunen?”. Four say no."
        ),
        "yes/no, all": (
            "All five volunteer centres say yes to “Ønsker din frivilligsentral å jobbe for "
            "å inngå en samarbeidsavtale med kommunen?”."
        ),
        "yes/no, none of four": (
            "None of the four volunteer centres says yes to “Ønsker din frivilligsentral å "
            "jobbe for å inngå en samarbeidsavtale med kommunen?”."
        ),
        "yes/no, not this question": "No volunteer centre has answered this question yet.",
        "yes/no quoted, some": (
            "One of four volunteer centres says yes to “Finnes det frivillige på "
            "venteliste?”. Three say no."
        ),
        "yes/no quoted, all": (
            "All four volunteer centres say yes to “Finnes det frivillige på venteliste?”."
        ),
        "choice, nobody yet": "No volunteer centres have answered yet.",
        "choice, the one centre": (
            "The one centre that has answered chooses “Individuelt” and “Felles”."
        ),
        "choice, both": (
            "Both volunteer centres choose “Individuelt”, and one also chooses “Felles”."
        ),
        "choice, some": "Three of five volunteer centres choose “Som nå”, and two choose “Oftere”.",
        "choice, one each": (
            "Three of five volunteer centres choose “C”, one chooses “A”, and one chooses “B”."
        ),
        "choice, all": (
            "All five volunteer centres choose “Individuelt”, and three also choose “Felles”."
        ),
        "choice, all and all": (
            "All five volunteer centres choose “Individuelt”, and all also choose “Felles”."
        ),
        "scale, none": "No volunteer centre has answered this question yet.",
        "scale, one": "The average is 4.0 out of 5 (one answer).",
        "scale, two": "The average is 3.5 out of 5 (two answers).",
        "scale, five": "The average is 3.6 out of 5 (five answers).",
        "text, nobody yet": "No volunteer centres have answered yet.",
        "text, not this question": "No volunteer centre has answered this question yet.",
        "text, the one centre": "The one centre that has answered has written an answer here.",
        "text, one of two": "One of two volunteer centres has answered.",
        "text, both": "Both volunteer centres have answered.",
        "text, some": "Three of five volunteer centres have answered.",
        "text, all": "All five volunteer centres have answered.",
        "ranked, nobody yet": "No volunteer centres have answered yet.",
        "ranked, every answer once": "No answer comes up more than once; see all the answers.",
        "ranked, a tie at the cut": "Several answers come up equally often; see all the answers.",
        "ranked, the tie left out": "Mentioned most often: Skoler (three centres).",
        "ranked, some": (
            "Mentioned most often: Skoler (three centres) and Idrettslag (two centres)."
        ),
        "ranked, the demo's themes": (
            "Mentioned most often: Barn og unge (five centres), Seniorer og eldre (four "
            "centres) and Innvandrere (two centres)."
        ),
    },
}


@pytest.mark.parametrize("language", EXPECTED)
@pytest.mark.parametrize("case", CASES)
def test_summary_sentence(language, case):
    with translation.override(language):
        assert CASES[case]() == EXPECTED[language][case]


def test_every_case_is_written_out_in_every_language():
    assert all(set(sentences) == set(CASES) for sentences in EXPECTED.values())


def test_numbers_in_words_take_the_gender_of_what_they_count():
    words = {}
    for language in EXPECTED:
        with translation.override(language):
            words[language] = [
                number_word(1),
                number_word(1, gender=NEUTER),
                number_word(1, capital=True),
                number_word(7),
                number_word(12),
            ]
    assert words == {
        "nb": ["én", "ett", "Én", "sju", "12"],
        "nn": ["éin", "eitt", "Éin", "sju", "12"],
        "en": ["one", "one", "One", "seven", "12"],
    }


@pytest.mark.parametrize(
    ("language", "sentences"),
    [
        (
            "nb",
            [
                "Tre av fem frivilligsentraler mener at den formaliserte samhandlingen",
                "Alle fem frivilligsentralene ønsker å jobbe for å inngå en samarbeidsavtale",
                "Alle fem frivilligsentralene svarer «Individuelt», og tre svarer også «Felles».",
            ],
        ),
        (
            "nn",
            [
                "Tre av fem frivilligsentralar svarar ja på «Er den formaliserte samhandlingen",
                "Alle fem frivilligsentralane svarar ja på «Ønsker din frivilligsentral å jobbe",
                "Alle fem frivilligsentralane svarar «Individuelt», og tre svarar òg «Felles».",
            ],
        ),
        (
            "en",
            [
                "Three of five volunteer centres say yes to “Er den formaliserte samhandlingen",
                "All five volunteer centres say yes to “Ønsker din frivilligsentral å jobbe",
                "All five volunteer centres choose “Individuelt”, and three also choose “Felles”.",
            ],
        ),
    ],
)
def test_the_results_page_writes_the_sentences_in_the_readers_language(
    language, sentences, municipality, coordinator, client_for, settings
):
    survey, _questions, _centres = build_survey(municipality, 5)
    client = client_for(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    for sentence in sentences:
        assert escape(sentence) in page or sentence in page


def test_a_follow_up_counts_the_centres_it_was_asked_of(municipality):
    survey, questions, _centres = build_survey(municipality, 5)
    results = SurveyResults(survey)
    how = results.by_question[questions["how"].pk]  # «Hvis nei: …», asked of the two
    way = results.by_question[questions["way"].pk]  # «Hvis ja: …», asked of all five
    with translation.override("nb"):
        assert how.generated_summary == "Begge frivilligsentralene har svart."
        assert way.generated_summary.startswith("Alle fem frivilligsentralene svarer")
    with translation.override("en"):
        assert how.generated_summary == "Both volunteer centres have answered."
