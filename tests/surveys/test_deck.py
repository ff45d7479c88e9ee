"""The dialogue-meeting deck, its PDF, and the visit dossier."""

import io

from django.core.cache import cache
from django.urls import reverse
from pypdf import PdfReader
from weasyprint import HTML

from surveys.models import SurveyResponse
from surveys.templatetags.survey_results import in_sentence

from ..factories import (
    AgendaItemFactory,
    CentreFactory,
    FollowUpFactory,
    MeetingFactory,
    full_centre,
)
from .results_data import build_survey


def _deck_survey(municipality):
    meeting = MeetingFactory(
        municipality=municipality, kind="dialogue", title="Dialogmøte med frivilligsentralene"
    )
    AgendaItemFactory(
        meeting=meeting, order=1, title="Velkomst og innledning", presenter="utvalgsleder Askjer"
    )
    AgendaItemFactory(
        meeting=meeting, order=2, title="Kaffe og mingling", presenter="", is_break=True
    )
    survey, questions, centres = build_survey(municipality, 5, meeting=meeting)
    questions[
        "level"
    ].summary = "Tre av fem synes samhandlingen er på rett nivå. To ønsker mer besøk."
    questions["level"].save()
    return survey, questions, centres


def test_deck_holds_the_meeting_the_questions_the_summaries_and_each_centre(
    client_for, coordinator, municipality
):
    survey, _questions, centres = _deck_survey(municipality)
    centre = centres[0]
    centre.target_groups.create(rank=1, name="Barn og ungdom")
    period = centre.goal_periods.create(
        start_year=2025, end_year=2026, motto="Den inkluderende bydelen"
    )
    period.goals.create(text="Gode møteplasser")
    centre.partners.create(name="Tollnes Ballklubb", cooperation="Felles aktiviteter")

    page = client_for(coordinator).get(reverse("surveys:deck", args=[survey.pk])).content.decode()
    assert "SKIEN KOMMUNE" in page
    assert "Velkommen til dialogmøte" in page
    assert "Velkomst og innledning v/utvalgsleder Askjer" in page
    assert "Alle frivilligsentralene har svart bortsett fra Zz kommunal sentral" in page
    assert "<li>Tre av fem synes samhandlingen er på rett nivå.</li>" in page
    assert "<li>To ønsker mer besøk.</li>" in page
    assert "Alle fem frivilligsentralene svarer «Individuelt», og tre svarer også «Felles»." in page
    assert "Motto: Den inkluderende bydelen" in page and "Tollnes Ballklubb" in page
    assert "Ett årlig fellesmøte i første kvartal" in page
    assert "Som nå, men oftere besøk" in page
    assert "data-print" in page and "js/deck.js" in page and "<script>" not in page
    assert 'role="img"' in page  # the charts
    # welcome, agenda, questions and summary, a chart per counted or ranked question, and
    # per centre its profile, its partners and each discussed question (some continued)
    slides = page.count('<section class="slide ')
    assert f"1 av {slides}<" in page and f">{slides} av {slides}<" in page
    per_centre = page.count(f'id="slide-c{centre.pk}-')
    assert per_centre >= 2 + 4
    assert slides >= 4 + 4 + 5 * (2 + 4)


def test_centre_names_keep_their_capitals_in_a_sentence():
    assert in_sentence("Den kommunale frivilligsentralen") == "den kommunale frivilligsentralen"
    assert in_sentence("SMK frivilligsentral") == "SMK frivilligsentral"
    assert in_sentence("Bakken nærmiljøsenter") == "Bakken nærmiljøsenter"
    assert in_sentence("Dalen") == "Dalen"


def test_deck_names_who_has_not_answered_as_written(client_for, coordinator, municipality):
    survey, _questions, _centres = _deck_survey(municipality)
    for name, slug in [("SMK frivilligsentral", "smk"), ("Den kommunale frivilligsentralen", "dk")]:
        centre = CentreFactory(municipality=municipality, name=name, slug=slug)
        SurveyResponse.objects.create(survey=survey, centre=centre, status="draft")

    page = client_for(coordinator).get(reverse("surveys:deck", args=[survey.pk])).content.decode()
    assert (
        "Alle frivilligsentralene har svart bortsett fra den kommunale frivilligsentralen, "
        "SMK frivilligsentral, Zz kommunal sentral" in page
    )


def test_deck_counts_the_answers_while_most_centres_have_not_answered(
    client_for, coordinator, municipality
):
    survey, _questions, _centres = _deck_survey(municipality)
    SurveyResponse.objects.filter(survey=survey, centre__name__contains="003").update(
        status="draft"
    )
    for i in range(4):
        centre = CentreFactory(municipality=municipality, name=f"Ny sentral {i}", slug=f"ny-{i}")
        SurveyResponse.objects.create(survey=survey, centre=centre)

    page = client_for(coordinator).get(reverse("surveys:deck", args=[survey.pk])).content.decode()
    assert "bortsett fra" not in page
    assert "4 av 10 frivilligsentraler har sendt inn svar. Har ikke sendt inn:" in page
    assert "Ny sentral 3, Zz kommunal sentral" in page


def test_deck_downloads_as_a_pdf_with_the_slide_text(client_for, coordinator, municipality):
    survey, _questions, _centres = _deck_survey(municipality)
    response = client_for(coordinator).get(reverse("surveys:deck_pdf", args=[survey.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Velkommen til dialogmøte" in text
    assert "Tre av fem synes samhandlingen er på rett nivå." in text
    assert "Som nå, men oftere besøk" in text
    assert len(reader.pages) >= 5 * 6


def test_the_same_deck_is_rendered_once_and_again_after_a_change(
    client_for, coordinator, municipality, monkeypatch
):
    rendered = []
    write_pdf = HTML.write_pdf

    def counted(self, *args, **kwargs):
        rendered.append(self)
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "write_pdf", counted)
    cache.clear()
    survey, questions, _centres = _deck_survey(municipality)
    client = client_for(coordinator)
    url = reverse("surveys:deck_pdf", args=[survey.pk])
    first = client.get(url).content
    assert client.get(url).content == first
    assert len(rendered) == 1
    questions["level"].summary = "Alle fem synes samhandlingen er på rett nivå."
    questions["level"].save()
    changed = client.get(url).content
    assert len(rendered) == 2
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(changed)).pages
    )
    assert "Alle fem synes samhandlingen er på rett nivå." in text


def test_dossier_has_profile_latest_answers_and_open_follow_ups(
    client_for, coordinator, municipality
):
    survey, _questions, centres = build_survey(municipality, 5)
    centre = centres[2]  # Bakken: said no, and why
    full_centre_profile = full_centre(municipality=municipality)
    visit = MeetingFactory(municipality=municipality, kind="visit", title="Besøk", centres=[centre])
    FollowUpFactory(meeting=visit, text="Sende referat til Bakken", done=False)
    FollowUpFactory(meeting=visit, text="Allerede gjort", done=True)
    common = MeetingFactory(municipality=municipality, kind="common", title="Fellesmøte")
    FollowUpFactory(meeting=common, text="Felles ramme for avtalene", done=False)
    elsewhere = MeetingFactory(
        municipality=municipality, kind="visit", title="Annet besøk", centres=[full_centre_profile]
    )
    FollowUpFactory(meeting=elsewhere, text="Gjelder en annen sentral", done=False)

    url = reverse("surveys:dossier", args=[centre.slug])
    page = client_for(coordinator).get(url).content.decode()
    assert centre.name in page
    assert "Siste svar: Undersøkelse 2025" in page
    assert "Vi tror det er hensiktsmessig med noe hyppigere møter" in page
    assert "Sende referat til Bakken" in page and "Felles ramme for avtalene" in page
    assert "Allerede gjort" not in page and "Gjelder en annen sentral" not in page

    pdf = client_for(coordinator).get(reverse("surveys:dossier_pdf", args=[centre.slug]))
    assert pdf.content.startswith(b"%PDF")
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.content)).pages
    )
    assert "Sende referat til Bakken" in text


def test_dossier_of_a_centre_without_answers_says_so(client_for, coordinator, municipality):
    centre = full_centre(municipality=municipality)
    page = (
        client_for(coordinator).get(reverse("surveys:dossier", args=[centre.slug])).content.decode()
    )
    assert "Sentralen har ikke sendt inn svar på noen spørreundersøkelse ennå." in page
    assert "Ingen åpne oppfølgingspunkter." in page
