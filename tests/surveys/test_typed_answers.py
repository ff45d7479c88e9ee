"""Answering a number, a date and a choice with «Annet» through the answer form: each
bad value gets its message next to the field, in Norwegian, and what was typed stays;
the results and the exports count them (sum and average, dates listed, «Annet» texts
with their counts)."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from surveys.models import Answer, Question, Survey, SurveyResponse

from ..factories import QuestionFactory, SurveyResponseFactory
from .conftest import answer_url


@pytest.fixture
def typed(survey):
    """The 2026 round's new kinds of question, in Klyve's answer form."""
    return {
        "volunteers": QuestionFactory(
            survey=survey,
            kind=Question.Kind.NUMBER,
            text="Hvor mange frivillige har sentralen?",
            unit="personer",
            number_min=0,
            number_max=5000,
        ),
        "meeting": QuestionFactory(
            survey=survey, kind=Question.Kind.DATE, text="Når holdt dere årsmøtet?"
        ),
        "reach": QuestionFactory(
            survey=survey,
            kind=Question.Kind.SINGLE,
            text="Hvordan når dere nye frivillige?",
            choices=["Sosiale medier", "Avisen"],
            allow_other=True,
        ),
        "known": QuestionFactory(
            survey=survey,
            kind=Question.Kind.SCALE,
            text="Hvor godt kjenner kommunen sentralen?",
            scale_min=0,
            scale_max=10,
            scale_low="ikke i det hele tatt",
            scale_high="svært godt",
        ),
    }


@pytest.fixture
def klyve(survey, centre_a, typed):
    """Klyve's response, not started."""
    return SurveyResponseFactory(survey=survey, centre=centre_a, status="not_started")


def post(client, survey, centre, data, *, revision=0, action="submit"):
    return client.post(answer_url(survey, centre), {**data, "revision": revision, "action": action})


def valid(q, **overrides):
    data = {
        f"q{q['volunteers'].pk}": "48",
        f"q{q['meeting'].pk}": "2026-03-12",
        f"q{q['reach'].pk}": Question.OTHER,
        f"q{q['reach'].pk}_other": "Frivilligbørsen",
        f"q{q['known'].pk}": "0",
    }
    data.update(overrides)
    return data


def test_the_form_shows_each_kind(client_for, leader_a, klyve, survey, typed, centre_a):
    page = client_for(leader_a).get(answer_url(survey, centre_a)).content.decode()
    number = typed["volunteers"].pk
    assert f'id="q{number}" name="q{number}"' in page and 'inputmode="numeric"' in page
    assert "personer" in page and "Et helt tall fra 0 til 5000." in page
    assert f'type="date" class="form-control answer-date" id="q{typed["meeting"].pk}"' in page
    assert "Annet (skriv inn)" in page and f'name="q{typed["reach"].pk}_other"' in page
    assert "0 – ikke i det hele tatt" in page and "10 – svært godt" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("volunteers", "mange", "Skriv et helt tall, for eksempel 12."),
        ("volunteers", "12,5", "Skriv et helt tall, uten desimaler."),
        ("volunteers", "6000", "Skriv et tall fra 0 til 5000."),
        ("volunteers", "-1", "Skriv et tall fra 0 til 5000."),
        ("meeting", "31.02.2026", "Skriv en dato, for eksempel 31.12.2026."),
        ("meeting", "i fjor", "Skriv en dato, for eksempel 31.12.2026."),
        ("known", "11", "Velg et tall fra 0 til 10."),
    ],
)
def test_a_bad_value_gets_its_message_and_stays(
    client_for, leader_a, klyve, survey, typed, centre_a, field, value, message
):
    pk = typed[field].pk
    page = post(client_for(leader_a), survey, centre_a, valid(typed, **{f"q{pk}": value}))
    page = page.content.decode()
    assert "Svaret er ikke sendt inn. Rett dette:" in page
    assert f'<div class="invalid-feedback d-block" id="q{pk}_error">{message}</div>' in page
    if field != "known":
        assert f'value="{value}"' in page  # nothing typed is lost
    assert 'value="Frivilligbørsen"' in page
    assert not SurveyResponse.objects.submitted().exists()


def test_other_needs_its_text_when_chosen(client_for, leader_a, klyve, survey, typed, centre_a):
    reach = typed["reach"].pk
    page = post(
        client_for(leader_a), survey, centre_a, valid(typed, **{f"q{reach}_other": ""})
    ).content.decode()
    assert "Du har valgt «Annet». Skriv hva det er i feltet under." in page
    assert f'aria-describedby="q{reach}_error"' in page


def test_other_text_beside_another_choice_is_not_stored(
    client_for, leader_a, klyve, survey, typed, centre_a
):
    reach = typed["reach"].pk
    client = client_for(leader_a)
    post(client, survey, centre_a, valid(typed, **{f"q{reach}": "Avisen"}), action="save")
    answer = Answer.objects.get(question=typed["reach"])
    assert (answer.text, answer.other) == ("Avisen", "")


def test_a_valid_form_is_stored_typed(client_for, leader_a, klyve, survey, typed, centre_a):
    client = client_for(leader_a)
    data = valid(typed, **{f"q{typed['meeting'].pk}": "1.3.2026"})
    assert post(client, survey, centre_a, data, action="save").status_code == 302
    stored = {a.question_id: a for a in Answer.objects.all()}
    assert stored[typed["volunteers"].pk].number == 48
    assert stored[typed["meeting"].pk].text == "2026-03-01"
    assert (stored[typed["reach"].pk].text, stored[typed["reach"].pk].other) == (
        Question.OTHER,
        "Frivilligbørsen",
    )
    assert stored[typed["known"].pk].number == 0
    page = client.get(answer_url(survey, centre_a)).content.decode()
    assert 'value="48"' in page and 'value="2026-03-01"' in page
    assert 'value="Frivilligbørsen"' in page


def test_a_draft_keeps_what_fits_and_drops_what_no_question_offers(
    client_for, leader_a, klyve, survey, typed, centre_a
):
    number = typed["volunteers"].pk
    data = valid(typed, **{f"q{number}": "99999999999999"})
    post(client_for(leader_a), survey, centre_a, data, action="save")
    assert not Answer.objects.filter(question_id=number).exists()  # too large for the column
    assert Answer.objects.filter(question=typed["meeting"]).exists()


def submitted(survey, centre, typed, volunteers, day, other, known):
    response = SurveyResponseFactory(
        survey=survey, centre=centre, status=SurveyResponse.Status.SUBMITTED
    )
    rows = [
        Answer(response=response, question=typed["volunteers"], number=volunteers),
        Answer(response=response, question=typed["meeting"], text=day),
        Answer(response=response, question=typed["known"], number=known),
        Answer(
            response=response,
            question=typed["reach"],
            text=Question.OTHER if other else "Avisen",
            other=other,
        ),
    ]
    Answer.objects.bulk_create(rows)


@pytest.fixture
def answered(survey, typed, centre_a, centre_b, municipality):
    from ..factories import CentreFactory

    third = CentreFactory(municipality=municipality, name="Gulset frivilligsentral")
    submitted(survey, centre_a, typed, 48, "2026-03-12", "Frivilligbørsen", 7)
    submitted(survey, centre_b, typed, 12, "2026-02-01", "frivilligbørsen", 10)
    submitted(survey, third, typed, 20, "2026-03-12", "", 4)
    survey.status = Survey.Status.PUBLISHED
    survey.save()
    return survey


def test_results_sum_average_dates_and_other(client_for, coordinator, answered, typed):
    page = client_for(coordinator).get(reverse("surveys:results", args=[answered.pk]))
    page = page.content.decode()
    assert "80 personer" in page  # the sum
    assert "26,7 personer" in page  # the average, in Norwegian
    assert "12 – 48 personer" in page
    dates = page[page.index("Datoene som er oppgitt") :]
    assert dates.index("1. februar 2026") < dates.index("12. mars 2026")
    others = page[page.index("Skrevet inn under «Annet»") :]
    assert "Frivilligbørsen" in others and "frivilligbørsen" in others
    assert "Annet: 2 av 3" in page
    assert "Gjennomsnitt:" in page and "av 10" in page


def test_exports_type_numbers_and_dates(client_for, coordinator, answered, typed):
    client = client_for(coordinator)
    csv = client.get(reverse("surveys:export_csv", args=[answered.pk])).getvalue().decode()
    assert "Hvor mange frivillige har sentralen? (personer)" in csv
    assert "12.03.2026" in csv and "Annet: Frivilligbørsen" in csv
    xlsx = client.get(reverse("surveys:export_xlsx", args=[answered.pk])).getvalue()
    sheet = load_workbook(io.BytesIO(xlsx)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert 48 in values and datetime.datetime(2026, 3, 12) in values


def test_read_only_pages_show_the_unit_beside_the_number(
    client_for, coordinator, leader_a, answered, typed, centre_a
):
    """«48 personer» on the submitted answer, the centre's results, side by side and the
    question's own page; the scale, which has no unit, stays a bare number."""
    leader = client_for(leader_a)
    own = leader.get(answer_url(answered, centre_a)).content.decode()
    assert "<dd>48 personer" in own and "<dd>7" in own
    client = client_for(coordinator)
    pages = [
        reverse("surveys:centre_results", args=[answered.pk, centre_a.slug]),
        reverse("surveys:side_by_side", args=[answered.pk]),
        reverse("surveys:question_answers", args=[answered.pk, typed["volunteers"].pk]),
    ]
    for url in pages:
        assert "48 personer</p>" in client.get(url).content.decode(), url
    side = client.get(pages[1]).content.decode()
    assert "<p>12 personer</p>" in side and "<p>48</p>" not in side
