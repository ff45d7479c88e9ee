"""The deck shows number and date questions: a number's sum, average, lowest and highest
with its unit and each centre's number, a date question's dates in order with the
centre that gave each; on the page, in the PDF (read with pypdf) and in the PowerPoint
file (read with python-pptx)."""

import io

import pytest
from django.urls import reverse
from pptx import Presentation
from pypdf import PdfReader

from surveys.deck.options import data_options
from surveys.deck.saved import full_context
from surveys.models import Answer, Question, Survey, SurveyResponse

from ..factories import CentreFactory, QuestionFactory, SurveyResponseFactory

VOLUNTEERS = "Hvor mange frivillige har sentralen?"
ANNUAL_MEETING = "Når holdt dere årsmøtet?"


@pytest.fixture
def typed_survey(survey, centre_a, centre_b, municipality):
    volunteers = QuestionFactory(
        survey=survey, kind=Question.Kind.NUMBER, text=VOLUNTEERS, unit="personer"
    )
    meeting = QuestionFactory(survey=survey, kind=Question.Kind.DATE, text=ANNUAL_MEETING)
    third = CentreFactory(municipality=municipality, name="Gulset frivilligsentral")
    for centre, number, day in (
        (centre_a, 48, "2026-03-12"),
        (centre_b, 12, "2026-02-01"),
        (third, 20, "2026-04-30"),
    ):
        response = SurveyResponseFactory(
            survey=survey, centre=centre, status=SurveyResponse.Status.SUBMITTED
        )
        Answer.objects.create(response=response, question=volunteers, number=number)
        Answer.objects.create(response=response, question=meeting, text=day)
    survey.status = Survey.Status.PUBLISHED
    survey.save()
    return survey


def test_the_deck_page_shows_the_figures_and_the_dates(
    client_for, coordinator, typed_survey, centre_a, centre_b
):
    page = client_for(coordinator).get(reverse("surveys:deck", args=[typed_survey.pk]))
    text = page.content.decode()
    assert "Sum: 80 personer" in text and "Gjennomsnitt: 26,7 personer" in text
    assert "Lavest: 12 personer" in text and "Høyest: 48 personer" in text
    assert f"{centre_a.name}: 48 personer" in text and f"{centre_b.name}: 12 personer" in text
    dates = text[text.index(ANNUAL_MEETING) :]
    first, second = f"1. februar 2026: {centre_b.name}", f"12. mars 2026: {centre_a.name}"
    assert dates.index(first) < dates.index(second) < dates.index("30. april 2026")


def test_the_pdf_and_the_pptx_show_them_too(client_for, coordinator, typed_survey, centre_a):
    client = client_for(coordinator)
    pdf = client.get(reverse("surveys:deck_pdf", args=[typed_survey.pk]))
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf.content)).pages
    )
    assert "Sum: 80 personer" in text and f"{centre_a.name}: 48 personer" in text
    assert "12. mars 2026" in text
    pptx = client.get(reverse("surveys:deck_pptx", args=[typed_survey.pk]))
    presentation = Presentation(io.BytesIO(pptx.content))
    slides = {slide.name: slide for slide in presentation.slides}
    number_text = " ".join(
        shape.text_frame.text for shape in slides[VOLUNTEERS].shapes if shape.has_text_frame
    )
    assert "Gjennomsnitt: 26,7 personer" in number_text and "Høyest: 48 personer" in number_text
    date_text = " ".join(
        shape.text_frame.text for shape in slides[ANNUAL_MEETING].shapes if shape.has_text_frame
    )
    assert "1. februar 2026" in date_text and "30. april 2026" in date_text


def test_the_coordinator_can_add_a_number_or_date_question_to_her_deck(typed_survey):
    groups = data_options(typed_survey, full_context(typed_survey))
    labels = [option.label for group in groups for option in group.options]
    assert f"1. {VOLUNTEERS}" in labels and f"2. {ANNUAL_MEETING}" in labels
