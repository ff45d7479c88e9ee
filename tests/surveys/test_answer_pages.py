"""A centre leader answers the survey: drafts, conflicts, submit, read only, deadline."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from surveys.models import Answer, Question, Survey, SurveyResponse

from ..factories import LeaderFactory, QuestionFactory
from .conftest import answer_url, full_answers


def save(client, survey, centre, data, revision, action="save"):
    return client.post(answer_url(survey, centre), {**data, "revision": revision, "action": action})


def test_leader_sees_every_kind_rendered_accessibly(
    client_for, leader_a, survey, questions, response_a, centre_a
):
    QuestionFactory(survey=survey, order=7, kind=Question.Kind.SCALE, text="Hvor fornøyd?")
    QuestionFactory(
        survey=survey,
        order=8,
        kind=Question.Kind.MULTIPLE,
        text="Hvilke tilbud?",
        choices=["Kafé", "Turgruppe"],
        required=False,
    )
    page = client_for(leader_a).get(answer_url(survey, centre_a)).content.decode()
    groups, level, way = questions["groups"], questions["level"], questions["way"]
    assert "0 av 6 besvart" in page  # the two follow-ups are not asked yet
    assert page.count(f'name="q{groups.pk}_') == 3
    assert f'<label class="rank-number" for="q{groups.pk}_1">' in page
    assert f'type="radio" id="q{level.pk}_1" name="q{level.pk}" value="yes"' in page
    assert f'aria-describedby="q{level.pk}_help"' in page
    assert "<legend" in page and "(må besvares)" in page
    assert "Svar bare hvis du svarte Nei på 3." in page
    assert "Svar bare hvis du svarte Ja på 4." in page
    assert f'data-parent="{level.pk}" data-show-when="no"' in page
    assert 'type="checkbox"' in page and "5 – svært mye" in page
    assert f'name="q{way.pk}" value="Begge deler"' in page
    assert 'role="status" aria-live="polite"' in page
    assert "js/surveys.js" in page


def test_draft_survives_reload(client_for, leader_a, survey, questions, response_a, centre_a):
    client = client_for(leader_a)
    data = full_answers(questions)
    response = save(client, survey, centre_a, data, revision=0)
    assert response.status_code == 302
    page = client.get(answer_url(survey, centre_a)).content.decode()
    assert "Utkastet er lagret kl." in page
    assert 'value="Flerkulturelle"' in page
    assert "Den inkluderende bydelen</textarea>" in page
    assert "5 av 5 besvart" in page
    response_a.refresh_from_db()
    assert response_a.status == SurveyResponse.Status.DRAFT
    assert response_a.revision == 1 and response_a.updated_by == leader_a


def test_another_device_of_the_other_leader_sees_the_same_draft(
    leader_a, survey, questions, response_a, centre_a
):
    other_leader = LeaderFactory(username="leder-a2", centre=centre_a)
    first, second = Client(), Client()
    first.force_login(leader_a)
    second.force_login(other_leader)
    save(first, survey, centre_a, full_answers(questions), revision=0)
    page = second.get(answer_url(survey, centre_a)).content.decode()
    assert 'value="Barn og ungdom"' in page
    assert 'name="revision" value="1"' in page


def test_stale_form_is_refused_and_keeps_what_was_typed(
    leader_a, survey, questions, response_a, centre_a
):
    other_leader = LeaderFactory(username="leder-a2", centre=centre_a, first_name="Kari")
    tab_one, tab_two = Client(), Client()
    tab_one.force_login(leader_a)
    tab_two.force_login(other_leader)
    goals = f"q{questions['goals'].pk}"
    save(tab_two, survey, centre_a, {goals: "Flere møteplasser"}, revision=0)

    response = save(tab_one, survey, centre_a, {goals: "Sikre langsiktig bærekraft"}, revision=0)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Noen andre har lagret svaret i mellomtiden" in page
    assert "Flere møteplasser" in page  # the newer saved answer is shown
    assert "Sikre langsiktig bærekraft</textarea>" in page  # what this user typed is kept
    assert 'name="revision" value="1"' in page  # saving again goes over it knowingly
    assert Answer.objects.get(question=questions["goals"]).text == "Flere møteplasser"


def test_autosave_answers_json_and_refuses_a_stale_revision(
    client_for, leader_a, survey, questions, response_a, centre_a
):
    client = client_for(leader_a)
    url = reverse("surveys:answer_save", args=[survey.pk, centre_a.slug])
    level = f"q{questions['level'].pk}"
    body = client.post(url, {level: "no", "revision": 0}).json()
    assert body["ok"] and body["revision"] == 1
    assert body["message"].startswith("Lagret kl. ")
    assert body["progress"] == "1 av 5 besvart"  # the "Hvis nei" follow-up is now asked

    # The newer save was this leader's own (another tab): refused, and said so.
    stale = client.post(url, {level: "yes", "revision": 0})
    assert stale.status_code == 409
    assert "du har lagret svaret i en annen fane" in stale.json()["message"]
    assert "noen andre" not in stale.json()["message"]
    assert Answer.objects.get(question=questions["level"]).text == "no"

    # Someone else (the centre's other leader) with the same stale form is told so.
    other = LeaderFactory(centre=centre_a)
    stale = client_for(other).post(url, {level: "yes", "revision": 0})
    assert stale.status_code == 409
    assert "noen andre har lagret svaret" in stale.json()["message"]


def test_submit_asks_for_confirmation_then_is_read_only(
    client_for, leader_a, survey, questions, response_a, centre_a
):
    client = client_for(leader_a)
    confirm = save(client, survey, centre_a, full_answers(questions), 0, action="submit")
    page = confirm.content.decode()
    assert "Send inn svaret?" in page and "Ja, send inn svaret" in page
    response_a.refresh_from_db()
    assert response_a.status == SurveyResponse.Status.DRAFT  # nothing submitted yet

    done = client.post(
        answer_url(survey, centre_a),
        {"action": "confirm", "revision": response_a.revision},
        follow=True,
    )
    page = done.content.decode()
    assert "Takk! Svaret fra Klyve nærmiljøsenter er sendt inn." in page
    assert "Svaret er sendt inn. Ta kontakt med koordinatoren" in page
    assert "<textarea" not in page and "Lagre utkast" not in page
    assert "Flerkulturelle" in page
    response_a.refresh_from_db()
    assert response_a.is_submitted and response_a.submitted_by == leader_a

    again = save(client, survey, centre_a, full_answers(questions), response_a.revision)
    assert again.status_code == 302
    assert Answer.objects.get(question=questions["goals"]).text == "Den inkluderende bydelen"


def test_double_submit_gives_one_submission_and_a_clear_message(
    client_for, leader_a, survey, questions, response_a, centre_a
):
    client = client_for(leader_a)
    save(client, survey, centre_a, full_answers(questions), 0)
    confirm = {"action": "confirm", "revision": 1}
    first = client.post(answer_url(survey, centre_a), confirm)
    second = client.post(answer_url(survey, centre_a), confirm, follow=True)
    assert first.status_code == 302
    assert "Svaret er allerede sendt inn." in second.content.decode()
    response_a.refresh_from_db()
    assert response_a.is_submitted and response_a.revision == 2


def test_invalid_submit_shows_errors_next_to_fields_and_keeps_input(
    client_for, leader_a, survey, questions, response_a, centre_a
):
    groups, goals = questions["groups"].pk, questions["goals"].pk
    data = full_answers(
        questions,
        **{
            f"q{groups}_2": "  barn OG ungdom ",
            f"q{goals}": "x" * 301,
            f"q{questions['agreement'].pk}": "",
            f"q{questions['way'].pk}": "Noe annet",
        },
    )
    response = save(client_for(leader_a), survey, centre_a, data, 0, action="submit")
    page = response.content.decode()
    assert "Svaret er ikke sendt inn. Rett dette:" in page
    assert f'href="#q{groups}_1"' in page
    assert "Du har skrevet «barn OG ungdom» to ganger. Skriv ulike punkter." in page
    assert "Svaret er for langt: 301 tegn. Det kan være høyst 300 tegn." in page
    assert "Dette spørsmålet må besvares." in page
    assert f'id="q{goals}_error"' in page and 'aria-invalid="true"' in page
    assert 'value="barn OG ungdom"' in page and "x" * 301 in page
    response_a.refresh_from_db()
    assert response_a.status == SurveyResponse.Status.NOT_STARTED


def test_answering_after_the_deadline_is_refused(
    client_for, leader_a, survey, questions, response_a, centre_a
):
    survey.deadline = datetime.date.today() - datetime.timedelta(days=2)
    survey.save()
    client = client_for(leader_a)
    page = client.get(answer_url(survey, centre_a)).content.decode()
    assert "Svarfristen gikk ut" in page and "Lagre utkast" not in page
    response = save(client, survey, centre_a, full_answers(questions), 0, action="save")
    assert "Svarfristen gikk ut" in client.get(response.url).content.decode()
    assert not Answer.objects.exists()


def test_closed_survey_refuses_answers(
    client_for, leader_a, survey, questions, response_a, centre_a
):
    survey.status = Survey.Status.CLOSED
    survey.save()
    response = save(client_for(leader_a), survey, centre_a, full_answers(questions), 0)
    assert response.status_code == 302
    assert not Answer.objects.exists()


def test_coordinator_reopens_a_submitted_response(
    client_for, coordinator, leader_a, survey, questions, response_a, centre_a
):
    client = client_for(leader_a)
    save(client, survey, centre_a, full_answers(questions), 0)
    client.post(answer_url(survey, centre_a), {"action": "confirm", "revision": 1})
    coordinator_client = client_for(coordinator)
    page = coordinator_client.get(answer_url(survey, centre_a)).content.decode()
    assert "Åpne svaret igjen for sentralen" in page
    response = coordinator_client.post(
        reverse("surveys:reopen", args=[survey.pk, centre_a.slug]), follow=True
    )
    assert "Svaret fra Klyve nærmiljøsenter er åpnet igjen" in response.content.decode()
    response_a.refresh_from_db()
    assert response_a.status == SurveyResponse.Status.DRAFT
    page = client_for(leader_a).get(answer_url(survey, centre_a)).content.decode()
    assert "Lagre utkast" in page and 'value="Seniorer"' in page


@pytest.mark.parametrize("count", [5, 30])
def test_answer_form_costs_the_same_queries_for_5_and_30_questions(
    client_for, leader_a, survey, centre_a, count, django_assert_max_num_queries
):
    response = SurveyResponse.objects.create(survey=survey, centre=centre_a)
    for n in range(count):
        q = QuestionFactory(survey=survey, kind=Question.Kind.SHORT_TEXT, order=n)
        Answer.objects.create(response=response, question=q, text=f"Svar {n}")
    client = client_for(leader_a)
    with django_assert_max_num_queries(12):
        page = client.get(answer_url(survey, centre_a))
    assert f"{count} av {count} besvart" in page.content.decode()
