"""«Utdyp gjerne»: a yes/no or choice question can take a comment beside any answer (seed
000: Frogner answered «Ja» and added a wish). The comment is optional, kept on errors,
saved with the draft and on submit, and shown in the read-only answers, the results, the
question's answers page, side by side, the exports and the deck's centre slides."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from surveys.models import Answer, Question, Survey, SurveyResponse

from .conftest import answer_url, full_answers
from .test_build_pages import question_data
from .test_question_builder import add_url

WISH = "I tillegg ønskes at kommunale representanter møter jevnlig i nærmiljøforumet"


@pytest.fixture
def level(questions):
    """The seed's yes/no on the level of cooperation, asking for a comment."""
    question = questions["level"]
    question.allow_comment = True
    question.save()
    return question


def post(client, survey, centre, data, *, revision=0, action="submit"):
    return client.post(answer_url(survey, centre), {**data, "revision": revision, "action": action})


def submit_with_wish(client, survey, centre, questions, level):
    """Submit (the draft is saved, the confirmation step shows the answers), then confirm."""
    data = full_answers(questions, **{f"q{level.pk}_comment": f"  {WISH}  "})
    confirm = post(client, survey, centre, data).content.decode()
    assert "Send inn svaret?" in confirm
    assert "Utdyping:" in confirm and f"«{WISH}»" in confirm
    revision = SurveyResponse.objects.get(survey=survey, centre=centre).revision
    return client.post(answer_url(survey, centre), {"action": "confirm", "revision": revision})


def test_the_form_offers_the_comment_only_where_it_is_asked(
    client_for, leader_a, survey, centre_a, questions, level, response_a
):
    page = client_for(leader_a).get(answer_url(survey, centre_a)).content.decode()
    assert f'<label class="form-label small" for="q{level.pk}_comment">Utdyp gjerne' in page
    assert f'name="q{level.pk}_comment"' in page and 'maxlength="4000"' in page
    assert f'name="q{questions["agreement"].pk}_comment"' not in page


def test_the_leader_answers_yes_with_a_comment_and_it_is_stored(
    client_for, leader_a, survey, centre_a, questions, level, response_a
):
    client = client_for(leader_a)
    assert submit_with_wish(client, survey, centre_a, questions, level).status_code == 302
    answer = Answer.objects.get(question=level)
    assert (answer.text, answer.comment) == (Question.YES, WISH)
    page = client.get(answer_url(survey, centre_a)).content.decode()
    assert "Utdyping:" in page and f"«{WISH}»" in page  # the submitted answers, read-only


def test_the_comment_is_kept_on_errors_and_saved_with_the_draft(
    client_for, leader_a, survey, centre_a, questions, level, response_a
):
    client = client_for(leader_a)
    data = full_answers(questions, **{f"q{level.pk}_comment": WISH})
    del data[f"q{questions['agreement'].pk}"]
    page = post(client, survey, centre_a, data).content.decode()
    assert "Svaret er ikke sendt inn. Rett dette:" in page
    assert f">{WISH}</textarea>" in page  # nothing typed is lost
    assert post(client, survey, centre_a, data, action="save").status_code == 302
    assert Answer.objects.get(question=level).comment == WISH
    page = client.get(answer_url(survey, centre_a)).content.decode()
    assert f">{WISH}</textarea>" in page


def test_a_comment_alone_is_kept_in_the_draft(
    client_for, leader_a, survey, centre_a, questions, level, response_a
):
    data = {f"q{level.pk}_comment": WISH}
    post(client_for(leader_a), survey, centre_a, data, action="save")
    answer = Answer.objects.get(question=level)
    assert (answer.text, answer.comment) == ("", WISH)


def test_a_too_long_comment_gets_its_message(
    client_for, leader_a, survey, centre_a, questions, level, response_a
):
    data = full_answers(questions, **{f"q{level.pk}_comment": "x" * 4001})
    page = post(client_for(leader_a), survey, centre_a, data).content.decode()
    assert "Utdypingen er for lang: 4001 tegn. Den kan være høyst 4000 tegn." in page
    assert f"{'x' * 4001}</textarea>" in page  # kept
    draft = post(client_for(leader_a), survey, centre_a, data, action="save")
    assert "Utdypingen er for lang" in draft.content.decode()
    assert not Answer.objects.exists()


def test_a_question_without_allow_comment_ignores_a_posted_comment(
    client_for, leader_a, survey, centre_a, questions, response_a
):
    agreement = questions["agreement"]
    data = full_answers(questions, **{f"q{agreement.pk}_comment": WISH})
    assert post(client_for(leader_a), survey, centre_a, data, action="save").status_code == 302
    assert Answer.objects.get(question=agreement).comment == ""
    assert not Answer.objects.exclude(comment="").exists()


@pytest.fixture
def answered(client_for, leader_a, survey, centre_a, questions, level, response_a, response_b):
    submit_with_wish(client_for(leader_a), survey, centre_a, questions, level)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.PUBLISHED)
    survey.refresh_from_db()
    return survey


def test_results_and_the_answers_page_show_the_comment(
    client_for, coordinator, answered, level, centre_a
):
    client = client_for(coordinator)
    page = client.get(reverse("surveys:results", args=[answered.pk])).content.decode()
    comments = page[page.index(f'id="q{level.pk}-comments"') :]
    assert "Utdypinger" in comments and centre_a.name in comments
    assert f"«{WISH}»" in comments and "(Ja)" in comments
    url = reverse("surveys:question_answers", args=[answered.pk, level.pk])
    page = client.get(url).content.decode()
    assert f"«{WISH}»" in page
    url = reverse("surveys:centre_results", args=[answered.pk, centre_a.slug])
    assert f"«{WISH}»" in client.get(url).content.decode()


def test_side_by_side_shows_the_comment_beside_the_answer(client_for, coordinator, answered, level):
    url = reverse("surveys:side_by_side", args=[answered.pk])
    page = client_for(coordinator).get(url).content.decode()
    assert f'<p class="answer-comment-text small">«{WISH}»</p>' in page


def test_the_exports_have_a_comment_column(client_for, coordinator, answered, level, centre_a):
    client = client_for(coordinator)
    heading = f"3. {level.text} – utdyping"  # the seed's third question
    csv = client.get(reverse("surveys:export_csv", args=[answered.pk])).getvalue().decode()
    assert heading in csv and WISH in csv
    xlsx = client.get(reverse("surveys:export_xlsx", args=[answered.pk])).getvalue()
    rows = list(load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True))
    column = list(rows[0]).index(heading)
    assert list(rows[0])[column - 1] == f"3. {level.text}"
    klyve = next(row for row in rows if row[0] == centre_a.name)
    assert (klyve[column - 1], klyve[column]) == ("Ja", WISH)
    others = [row[column] for row in rows[1:] if row[0] != centre_a.name]
    assert all(value in ("", None) for value in others)


def test_the_deck_quotes_the_comment_on_the_centre_slide(
    client_for, coordinator, answered, level, centre_a
):
    page = client_for(coordinator).get(reverse("surveys:deck", args=[answered.pk]))
    page = page.content.decode()
    assert f"«{WISH}»" in page
    slide = page[page.index(f'id="slide-c{centre_a.pk}-q{level.pk}"') :]
    assert slide.index(level.text) < slide.index("Ja") < slide.index(f"«{WISH}»")


def test_the_deck_quotes_as_english_does(coordinator, answered, level):
    from surveys.deck.build import comment_of

    answer = Answer.objects.select_related("question").get(question=level)
    with translation.override("en"):
        assert comment_of(answer) == f"“{WISH}”"
    assert comment_of(answer) == f"«{WISH}»"


def test_the_builder_offers_the_checkbox_for_yes_no_and_choices_only(
    client_for, coordinator, draft_survey
):
    client = client_for(coordinator)
    page = client.get(add_url(draft_survey)).content.decode()
    assert 'data-kinds="yes_no single multiple"' in page
    assert "Be om utdyping ved alle svar" in page and 'name="allow_comment"' in page
    client.post(add_url(draft_survey), question_data(allow_comment="on"))
    question = Question.objects.get()
    assert question.allow_comment and question.takes_comment
    edit = reverse("surveys:question_edit", args=[draft_survey.pk, question.pk])
    assert 'name="q0_comment"' in client.get(edit).content.decode()  # the preview
    # A text question never asks for it: clean() clears the box.
    client.post(edit, question_data(kind=Question.Kind.LONG_TEXT, allow_comment="on"))
    question.refresh_from_db()
    assert not question.allow_comment


def test_the_pptx_and_the_pdf_quote_the_comment(client_for, coordinator, answered, level):
    client = client_for(coordinator)
    pptx = client.get(reverse("surveys:deck_pptx", args=[answered.pk])).content
    slides = [
        " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        for slide in Presentation(io.BytesIO(pptx)).slides
    ]
    slide = next(text for text in slides if f"«{WISH}»" in text)
    assert level.text in slide and "Ja" in slide
    pdf = client.get(reverse("surveys:deck_pdf", args=[answered.pk])).content
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert any(f"Ja «{WISH}»" in page for page in pages)


def test_a_control_character_in_the_comment_is_refused_not_a_crash(
    client_for, leader_a, survey, centre_a, questions, level, response_a
):
    data = full_answers(questions, **{f"q{level.pk}_comment": "Bra\x00"})
    page = post(client_for(leader_a), survey, centre_a, data, action="save")
    assert page.status_code == 200 and "usynlig kontrolltegn (NUL)" in page.content.decode()
    assert not Answer.objects.exists()
