"""The deck's charts (SVG with the same numbers as a table), its PDF (16:9 pages, the
slides' text and charts) and its PowerPoint file (the same slides, titles, notes and
native charts), read back with pypdf and python-pptx."""

import html
import io
import re

from django.urls import reverse
from django.utils import timezone
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

from surveys.deck import charts
from surveys.deck.saved import full_context, shown_slides
from surveys.deck.services import create_deck

from ..factories import MeetingFactory
from .results_data import AVTALE, RETT_NIVA, build_survey


def _survey(municipality):
    meeting = MeetingFactory(municipality=municipality, kind="dialogue", title="Dialogmøte")
    survey, questions, centres = build_survey(municipality, 5, meeting=meeting)
    return survey, questions


def _slide_titles(page: str) -> list[str]:
    return re.findall(r'<h2 class="slide-heading" id="[^"]+">([^<]+)</h2>', page)


def test_a_yes_no_question_has_a_bar_chart_with_the_counts_on_the_bars(
    client_for, coordinator, municipality
):
    survey, questions = _survey(municipality)
    page = client_for(coordinator).get(reverse("surveys:deck", args=[survey.pk])).content.decode()
    chart_id = f"chart-q{questions['level'].pk}"
    svg = page[page.index(f'aria-labelledby="{chart_id}-caption"') :]
    svg = svg[: svg.index("</table>")]
    assert 'role="img"' in page and f'id="{chart_id}-caption"' in page
    assert ">3 av 5</text>" in svg and ">2 av 5</text>" in svg
    # the same numbers for screen readers
    assert "<th scope='row'>Ja</th><td>3 av 5</td>" in svg
    assert "<th scope='row'>Nei</th><td>2 av 5</td>" in svg


def test_a_ranked_question_has_its_themes_by_weighted_score(client_for, coordinator, municipality):
    survey, questions = _survey(municipality)
    results = full_context(survey)["results"]
    chart = charts.themes_chart(results.by_question[questions["groups"].pk])
    # "Barn og ungdom": first for Klyve and Bakken (3 + 3), second for SMK, third for Gulset
    assert chart.bars[0].label == "Barn og ungdom" and chart.bars[0].text == "9 poeng"
    assert [b.value for b in chart.bars] == sorted((b.value for b in chart.bars), reverse=True)


def test_the_round_comparison_has_a_before_and_after_chart(municipality):
    before, before_q = _survey(municipality)
    after, after_q = _survey(municipality)
    after.copied_from = before
    after.save()
    for key in ("level", "agreement"):
        after_q[key].copied_from = before_q[key]
        after_q[key].save()
    context = full_context(after, previous=before)
    [level, _agreement] = context["comparisons"][:2]
    chart = charts.compare_chart(level)
    assert chart.compared and chart.series == ("Forrige runde", "Denne runden")
    assert [(b.label, b.before_text, b.text) for b in chart.bars] == [
        ("Ja", "60 %", "60 %"),
        ("Nei", "40 %", "40 %"),
    ]
    drawing = charts.svg(chart, "c")
    assert "Forrige runde" in drawing and "<th scope='col'>Denne runden</th>" in drawing


def test_the_pdf_has_16_9_pages_one_per_slide_with_text_and_charts(
    client_for, coordinator, municipality
):
    survey, _questions = _survey(municipality)
    client = client_for(coordinator)
    page = client.get(reverse("surveys:deck", args=[survey.pk])).content.decode()
    response = client.get(reverse("surveys:deck_pdf", args=[survey.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == len(_slide_titles(page))
    for pdf_page in reader.pages:
        width, height = float(pdf_page.mediabox.width), float(pdf_page.mediabox.height)
        assert abs(width / height - 16 / 9) < 0.01
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "SKIEN KOMMUNE" in text and f"1 av {len(reader.pages)}" in text
    assert "Tre av fem frivilligsentraler" in text
    assert "3 av 5" in text  # on the chart's bar
    assert "(forts.)" in text


def test_the_pptx_has_the_same_slides_titles_notes_and_native_charts(
    client_for, coordinator, municipality
):
    survey, questions = _survey(municipality)
    deck = create_deck(survey=survey, results=full_context(survey)["results"], now=timezone.now())
    level = deck.slides.get(kind="question", source_id=questions["level"].pk)
    level.notes = "Spør Bakken og SMK hva de mener med oftere."
    level.save()
    client = client_for(coordinator)
    page = client.get(reverse("surveys:deck", args=[survey.pk])).content.decode()
    response = client.get(reverse("surveys:deck_pptx", args=[survey.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].endswith("presentationml.presentation")
    presentation = Presentation(io.BytesIO(response.content))
    assert abs(presentation.slide_width / presentation.slide_height - 16 / 9) < 0.01
    titles = _slide_titles(page)
    assert len(presentation.slides) == len(titles)
    shown = [s.name for s in presentation.slides]
    assert shown == [html.unescape(t) for t in titles]
    [with_notes] = [s for s in presentation.slides if s.has_notes_slide]
    assert with_notes.name == RETT_NIVA
    assert with_notes.notes_slide.notes_text_frame.text == level.notes
    chart = next(shape.chart for shape in with_notes.shapes if shape.has_chart)
    assert list(chart.plots[0].categories) == ["Ja", "Nei"]
    assert list(chart.plots[0].series[0].values) == [3, 2]
    # every slide's text is in real text boxes, with its number and the municipality
    texts = [
        shape.text_frame.text for shape in presentation.slides[2].shapes if shape.has_text_frame
    ]
    assert "SKIEN KOMMUNE" in texts and f"3 av {len(titles)}" in texts
    agreement = next(s for s in presentation.slides if s.name == AVTALE)
    assert any(shape.has_chart for shape in agreement.shapes)
    assert all(Emu(shape.left) >= 0 for shape in agreement.shapes)


def test_every_slide_holds_at_most_about_six_lines(municipality):
    survey, _questions = _survey(municipality)
    context = full_context(survey)
    for slide in shown_slides(survey, context):
        assert sum(line.weight for line in slide.lines) <= 7, slide.title
