"""The demo's saved deck reproduces seed 000 slide by slide, in its order, word for word
where the seed gives the text, with the charts the seed lacked; a second run of
seed_demo changes nothing."""

from django.core.management import call_command

from surveys.deck.saved import full_context, shown_slides
from surveys.models import Deck, Slide, Survey

SEED_ORDER = [
    "Velkommen til dialogmøte",
    "Agenda",
    "Frivillighet – Skien",
    "Mål: Frivilligheten i Skien har gode vekstvilkår",
    "Frivillighet – Skien",
    "Nasjonale ressurser",
    "Samarbeid mellom frivillige og kommuner",
    "Definisjon frivillig organisasjon",
    "Ulike typer frivillighet",
    "3 former for frivillig organisering i helse og omsorg",
    "Skien kommune",
    "Gjennomgang av spørreundersøkelse",
]


def _deck():
    survey = Survey.objects.get(municipality__slug="skien", round=2025)
    return survey, shown_slides(survey, full_context(survey))


def _first_titles(slides):
    titles = []
    for slide in slides:
        if not slide.continued and slide.title not in titles[-1:]:
            titles.append(slide.title)
    return titles


def test_the_demo_deck_follows_the_seeds_order(demo):
    _survey, slides = _deck()
    titles = _first_titles(slides)
    assert titles[: len(SEED_ORDER)] == SEED_ORDER
    # the questions and the summary (both titled as the seed's), then the charts the
    # seed lacked, then each centre in the seed's order
    rest = titles[len(SEED_ORDER) :]
    assert rest[0].startswith("Er den formaliserte samhandlingen")
    names = [t for t in rest if t.endswith("nærmiljøsenter") or t == "SMK frivilligsentral"]
    centres = list(dict.fromkeys(names))
    assert centres == [
        "Klyve nærmiljøsenter",
        "Frogner nærmiljøsenter",
        "Bakken nærmiljøsenter",
        "SMK frivilligsentral",
        "Gulset nærmiljøsenter",
    ]
    assert titles[-1] == "Kaffe og mingling"
    assert sum(1 for s in slides if s.chart is not None) == 3
    assert all(s.total == len(slides) for s in slides)
    # every slide's anchor and heading id is its own
    assert len({s.key for s in slides}) == len(slides)


def test_the_demo_deck_has_the_seeds_words(demo):
    _survey, slides = _deck()
    text = "\n".join(line.text for slide in slides for line in slide.lines)
    for words in (
        "Frivillig Norge",
        "Råd og veiledning til kommuner som vil inngå samarbeid med frivillige",
        "En frivillig organisasjon er en forening eller sammenslutning av personer som "
        "arbeider sammen for å oppnå et bestemt mål",
        "Utdanningsfrivillighet: Lær Kidsa Koding, Mentor Norge, lyttevenner",
        "Senter for forskning på sivilsamfunn og frivillig sektor Rapport 2024:2",
        "Kommunens viktigste rolle overfor frivilligheten er å være tilrettelegger",
        "Sikre gode rammevilkår for lag og foreninger",
        "Rundt 700 registrerte frivillige lag og foreninger",
        "Tre av fem frivilligsentraler synes at samhandlingen er på rett nivå.",
        "Velkomst og innledning v/utvalgsleder Hans Edvard Askjer",
    ):
        assert words in text, words
    frogner = next(s for s in slides if s.notes.startswith("Frogner ønsker"))
    assert frogner.title == "Frogner nærmiljøsenter"


def test_the_demo_deck_loads_twice_without_duplicates(demo):
    slides = list(Slide.objects.values_list("pk", "position", "kind", "title"))
    call_command("seed_demo")
    assert list(Slide.objects.values_list("pk", "position", "kind", "title")) == slides
    assert Deck.objects.count() == 1
