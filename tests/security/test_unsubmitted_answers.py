"""Only submitted answers are shown to anyone but the centre's own leaders and the
coordinator, on every page and download that shows answers, also once the results are
published while the survey is still open.

Skien's 2026 round is copied from 2025 (so it can be compared) and published while open.
Klyve has submitted, Gulset has a draft, and Kjørbekk submitted and was reopened by the
coordinator. Each centre's answers carry its own word, so a page shows a centre's answers
exactly when its word is on it. The reader and the leader of Stranda (sent the survey,
not started) read the results as published; Stranda's leader opens no other centre's
answer page at all (README, Roles).
"""

import io
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from surveys import answering, sending
from surveys.models import Answer, Survey, SurveyResponse
from surveys.questions import copy_survey

from ..factories import CentreFactory, LeaderFactory, SurveyFactory, SurveyResponseFactory
from ..surveys.conftest import in_days, seed_questions

SUBMITTED, DRAFT, REOPENED = "Klyvesendt", "Gulsetutkast", "Kjorbekkapnet"


def _answer(response, questions, word):
    """Answers that put `word` in a ranked list, a long text and a follow-up the deck
    shows per centre."""
    for key, values in (
        ("groups", {"items": [f"{word} gruppe", "Seniorer"]}),
        ("goals", {"text": f"{word} mål"}),
        ("level", {"text": "no"}),
        ("how", {"text": f"{word} hvordan"}),
        ("agreement", {"text": "yes"}),
        ("way", {"text": "Felles"}),
    ):
        Answer.objects.create(response=response, question=questions[key], **values)


@pytest.fixture
def round_2026(municipality, centre_a, centre_b, coordinator, reader):
    before = SurveyFactory(municipality=municipality, round=2025, status=Survey.Status.PUBLISHED)
    earlier = seed_questions(before)
    survey = copy_survey(survey=before, by=coordinator)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.OPEN, deadline=in_days(14))
    survey.refresh_from_db()
    copies = {q.copied_from_id: q for q in survey.questions.all()}
    questions = {key: copies[q.pk] for key, q in earlier.items()}
    kjorbekk = CentreFactory(municipality=municipality, name="Kjørbekk", slug="kjorbekk")
    stranda = CentreFactory(municipality=municipality, name="Stranda", slug="stranda")
    now = timezone.now()
    submitted = SurveyResponseFactory(
        survey=survey, centre=centre_a, status=SurveyResponse.Status.SUBMITTED, submitted_at=now
    )
    draft = SurveyResponseFactory(survey=survey, centre=centre_b, status="draft")
    reopened = SurveyResponseFactory(
        survey=survey, centre=kjorbekk, status=SurveyResponse.Status.SUBMITTED, submitted_at=now
    )
    SurveyResponseFactory(survey=survey, centre=stranda, status="not_started")
    for response, word in ((submitted, SUBMITTED), (draft, DRAFT), (reopened, REOPENED)):
        _answer(response, questions, word)
    answering.reopen_response(response=reopened, by=coordinator)
    sending.publish_results(survey=survey)
    return SimpleNamespace(
        survey=survey,
        questions=questions,
        centres={SUBMITTED: centre_a, DRAFT: centre_b, REOPENED: kjorbekk},
        users={
            "reader": reader,
            "stranda_leader": LeaderFactory(username="leder-stranda", centre=stranda),
            "coordinator": coordinator,
        },
    )


def _text(response) -> str:
    """What a person reads in the response, whatever its format."""
    kind = response.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if kind == "application/pdf":
        pages = PdfReader(io.BytesIO(content)).pages
        return " ".join(" ".join(page.extract_text().split()) for page in pages)
    if "spreadsheetml" in kind:
        sheet = load_workbook(io.BytesIO(content), read_only=True).active
        return " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)
    return content.decode()


def _pages(r):
    """Every page and download that shows the round's answers to a reader, by name."""
    survey, questions = r.survey.pk, r.questions
    pages = {
        "results": reverse("surveys:results", args=[survey]),
        "side_by_side": reverse("surveys:side_by_side", args=[survey]),
        "question_goals": reverse("surveys:question_answers", args=[survey, questions["goals"].pk]),
        "question_how": reverse("surveys:question_answers", args=[survey, questions["how"].pk]),
        "question_groups": reverse(
            "surveys:question_answers", args=[survey, questions["groups"].pk]
        ),
        "compare": reverse("surveys:compare", args=[survey]),
        "export_csv": reverse("surveys:export_csv", args=[survey]),
        "export_xlsx": reverse("surveys:export_xlsx", args=[survey]),
        "deck": reverse("surveys:deck", args=[survey]),
        "deck_pdf": reverse("surveys:deck_pdf", args=[survey]),
    }
    for word, centre in r.centres.items():
        pages[f"centre_results {word}"] = reverse(
            "surveys:centre_results", args=[survey, centre.slug]
        )
    return pages


READ_PAGES = [
    "results",
    "side_by_side",
    "question_goals",
    "question_how",
    "question_groups",
    "compare",
    "export_csv",
    "export_xlsx",
    "deck",
    "deck_pdf",
    *(f"centre_results {word}" for word in (SUBMITTED, DRAFT, REOPENED)),
]


@pytest.mark.parametrize("who", ["reader", "stranda_leader"])
@pytest.mark.parametrize("page", READ_PAGES)
def test_results_exports_and_deck_show_only_submitted_answers(client_for, round_2026, who, page):
    response = client_for(round_2026.users[who]).get(_pages(round_2026)[page])
    assert response.status_code == 200
    text = _text(response)
    assert DRAFT not in text and REOPENED not in text
    if page.startswith("centre_results") and not page.endswith(SUBMITTED):
        return  # the page of a centre that has not submitted: its status, no answers
    assert SUBMITTED in text


@pytest.mark.parametrize("word", [DRAFT, REOPENED])
def test_a_reader_gets_404_for_the_answer_page_of_a_draft_or_reopened_response(
    client_for, round_2026, word
):
    centre = round_2026.centres[word]
    url = reverse("surveys:answer", args=[round_2026.survey.pk, centre.slug])
    response = client_for(round_2026.users["reader"]).get(url)
    assert response.status_code == 404
    assert word not in response.content.decode()


def test_a_reader_reads_the_answer_page_of_a_submitted_response(client_for, round_2026):
    centre = round_2026.centres[SUBMITTED]
    url = reverse("surveys:answer", args=[round_2026.survey.pk, centre.slug])
    response = client_for(round_2026.users["reader"]).get(url)
    assert response.status_code == 200
    assert SUBMITTED in response.content.decode()


@pytest.mark.parametrize("word", [SUBMITTED, DRAFT, REOPENED])
def test_another_centres_leader_opens_no_answer_page(client_for, round_2026, word):
    centre = round_2026.centres[word]
    url = reverse("surveys:answer", args=[round_2026.survey.pk, centre.slug])
    response = client_for(round_2026.users["stranda_leader"]).get(url)
    assert response.status_code == 404
    assert word not in response.content.decode()


@pytest.mark.parametrize("who", ["reader", "stranda_leader"])
@pytest.mark.parametrize("word", [SUBMITTED, DRAFT, REOPENED])
@pytest.mark.parametrize("name", ["surveys:dossier", "surveys:dossier_pdf"])
def test_the_dossier_shows_no_answers_to_a_reader_or_another_centres_leader(
    client_for, round_2026, who, word, name
):
    url = reverse(name, args=[round_2026.centres[word].slug])
    response = client_for(round_2026.users[who]).get(url)
    assert response.status_code == 403
    assert word.encode() not in response.content


@pytest.mark.parametrize("word", [DRAFT, REOPENED])
def test_the_coordinator_and_the_own_leaders_still_read_the_draft(client_for, round_2026, word):
    centre = round_2026.centres[word]
    own_leader = LeaderFactory(username=f"leder-{centre.slug}", centre=centre)
    url = reverse("surveys:answer", args=[round_2026.survey.pk, centre.slug])
    for user in (round_2026.users["coordinator"], own_leader):
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert word in response.content.decode()


def test_the_coordinators_results_count_only_submitted_answers(client_for, round_2026):
    """Kept as it was: the coordinator's results, exports and deck are the submitted
    answers too, and the drafts show only as a status."""
    client = client_for(round_2026.users["coordinator"])
    for page in ("results", "side_by_side", "export_csv", "deck"):
        text = _text(client.get(_pages(round_2026)[page]))
        assert SUBMITTED in text and DRAFT not in text and REOPENED not in text, page
