"""The coordinator builds a survey: list, create, questions with follow-ups, order,
preview, copy to a new round, and the hub's query ceiling."""

import pytest
from django.urls import reverse

from surveys.models import Question, Survey, SurveyResponse
from surveys.questions import display_order

from ..factories import CentreFactory, MeetingFactory, SurveyFactory, SurveyResponseFactory
from .conftest import in_days, seed_questions


def test_coordinator_list_shows_status_and_response_rate(
    client_for, coordinator, survey, questions, response_a, response_b, draft_survey
):
    response_a.status = SurveyResponse.Status.SUBMITTED
    response_a.save()
    page = client_for(coordinator).get(reverse("surveys:list")).content.decode()
    assert "1 av 2 har svart" in page
    assert "Åpen for svar" in page and "Utkast" in page
    assert reverse("surveys:detail", args=[draft_survey.pk]) in page
    assert "Ny undersøkelse" in page


def test_leader_list_shows_own_status_deadline_and_action(
    client_for, leader_a, survey, questions, response_a, response_b, draft_survey
):
    page = client_for(leader_a).get(reverse("surveys:list")).content.decode()
    assert "Svar nå" in page and "Ikke påbegynt" in page
    assert draft_survey.title not in page and "har svart" not in page
    response_a.status = SurveyResponse.Status.DRAFT
    response_a.save()
    assert "Fortsett" in client_for(leader_a).get(reverse("surveys:list")).content.decode()


def test_reader_list_shows_only_published(client_for, reader, survey, municipality):
    published = SurveyFactory(
        municipality=municipality, title="Publisert runde", status=Survey.Status.PUBLISHED
    )
    page = client_for(reader).get(reverse("surveys:list")).content.decode()
    assert published.title in page and survey.title not in page


def test_coordinator_creates_a_survey_linked_to_a_dialogue_meeting(
    client_for, coordinator, municipality, other_municipality
):
    meeting = MeetingFactory(municipality=municipality, kind="dialogue", title="Dialogmøte")
    foreign = MeetingFactory(municipality=other_municipality, title="Fremmed møte")
    client = client_for(coordinator)
    page = client.get(reverse("surveys:create")).content.decode()
    assert "Dialogmøte" in page and "Fremmed møte" not in page
    data = {
        "title": "Spørreundersøkelse 2026",
        "introduction": "Svar på vegne av sentralen.",
        "round": 2026,
        "deadline": in_days(20).isoformat(),
        "meeting": meeting.pk,
    }
    assert (
        client.post(reverse("surveys:create"), {**data, "meeting": foreign.pk}).status_code == 200
    )
    response = client.post(reverse("surveys:create"), data)
    survey = Survey.objects.get()
    assert response.url == reverse("surveys:detail", args=[survey.pk])
    assert survey.status == Survey.Status.DRAFT and survey.meeting == meeting
    assert survey.municipality == municipality and survey.created_by == coordinator


def test_survey_form_shows_norwegian_errors_and_keeps_input(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        reverse("surveys:create"), {"title": "Uten frist", "round": 2026}
    )
    page = response.content.decode()
    assert "Undersøkelsen ble ikke lagret" in page and 'value="Uten frist"' in page


def question_data(**overrides):
    data = {
        "text": "Er samhandlingen på rett nivå?",
        "kind": Question.Kind.YES_NO,
        "help_text": "",
        "required": "on",
        "rank_count": 3,
        "max_length": "",
        "choices_text": "",
        "condition": "",
    }
    data.update(overrides)
    return data


def test_coordinator_adds_a_question_and_a_follow_up_shown_on_no(
    client_for, coordinator, draft_survey
):
    client = client_for(coordinator)
    add = reverse("surveys:question_add", args=[draft_survey.pk])
    client.post(add, question_data())
    parent = Question.objects.get()
    page = client.get(add).content.decode()
    assert f'value="{parent.pk}:no"' in page and "Når svaret er «Nei»" in page

    client.post(
        add,
        question_data(
            text="Hvordan mener du samhandlingen bør foregå?",
            kind=Question.Kind.LONG_TEXT,
            condition=f"{parent.pk}:no",
            max_length=500,
        ),
    )
    follow_up = Question.objects.get(parent=parent)
    assert follow_up.show_when == "no" and follow_up.limit == 500
    hub = client.get(reverse("surveys:detail", args=[draft_survey.pk])).content.decode()
    assert "vises når svaret på 1 er Nei" in hub


def test_question_form_validates_choices_and_conditions(client_for, coordinator, draft_survey):
    client = client_for(coordinator)
    add = reverse("surveys:question_add", args=[draft_survey.pk])
    page = client.post(
        add, question_data(kind=Question.Kind.SINGLE, choices_text="Bare ett")
    ).content.decode()
    assert "Skriv minst to svaralternativer." in page
    page = client.post(add, question_data(condition="999:yes")).content.decode()
    assert "Velg et gyldig valg" in page or "Velg et av" in page
    client.post(add, question_data(kind=Question.Kind.SINGLE, choices_text="A\nB\n\nC"))
    assert Question.objects.get().choices == ["A", "B", "C"]


def test_coordinator_edits_and_reorders_questions_without_javascript(
    client_for, coordinator, draft_survey
):
    q = seed_questions(draft_survey)
    client = client_for(coordinator)
    client.post(reverse("surveys:question_move", args=[draft_survey.pk, q["agreement"].pk, "opp"]))
    order = [x.pk for x in display_order(list(draft_survey.questions.all()))]
    expected = [q["groups"], q["goals"], q["agreement"], q["way"], q["level"], q["how"]]
    assert order == [x.pk for x in expected]

    client.post(
        reverse("surveys:question_edit", args=[draft_survey.pk, q["goals"].pk]),
        question_data(text="Hva er målene for 2026–2027?", kind=Question.Kind.LONG_TEXT),
    )
    q["goals"].refresh_from_db()
    assert q["goals"].text == "Hva er målene for 2026–2027?"

    delete = reverse("surveys:question_delete", args=[draft_survey.pk, q["level"].pk])
    page = client.get(delete).content.decode()
    assert "Slette spørsmålet?" in page and "Oppfølgingsspørsmålene slettes også:" in page
    assert Question.objects.filter(pk=q["level"].pk).exists()
    response = client.post(delete, follow=True)
    assert "er slettet" in response.content.decode()
    assert not Question.objects.filter(pk=q["how"].pk).exists()  # its follow-up went too


def test_questions_cannot_change_once_the_survey_is_sent(
    client_for, coordinator, survey, questions
):
    client = client_for(coordinator)
    level = questions["level"]
    for url in [
        reverse("surveys:question_add", args=[survey.pk]),
        reverse("surveys:question_edit", args=[survey.pk, level.pk]),
    ]:
        response = client.post(url, question_data(), follow=True)
        assert "Undersøkelsen er sendt, så spørsmålene kan ikke endres lenger." in (
            response.content.decode()
        )
    client.post(reverse("surveys:question_delete", args=[survey.pk, level.pk]))
    client.post(reverse("surveys:question_move", args=[survey.pk, level.pk, "opp"]))
    level.refresh_from_db()
    assert level.order == 3 and survey.questions.count() == 6


def test_preview_is_the_answer_form_with_a_banner(client_for, coordinator, draft_survey):
    q = seed_questions(draft_survey)
    page = (
        client_for(coordinator)
        .get(reverse("surveys:preview", args=[draft_survey.pk]))
        .content.decode()
    )
    assert "Forhåndsvisning." in page and "Svar du gir her, lagres ikke." in page
    assert f'name="q{q["groups"].pk}_3"' in page
    assert "Svar bare hvis du svarte Nei på 3." in page
    assert "Lagre utkast" not in page


def test_copy_to_a_new_round_keeps_questions_and_follow_ups(
    client_for, coordinator, survey, questions
):
    response = client_for(coordinator).post(reverse("surveys:copy", args=[survey.pk]))
    copy = Survey.objects.exclude(pk=survey.pk).get()
    assert response.url == reverse("surveys:detail", args=[copy.pk])
    assert copy.status == Survey.Status.DRAFT and copy.round == 2027
    assert copy.copied_from == survey and copy.title.endswith("2027")
    copied = {q.copied_from_id: q for q in copy.questions.all()}
    assert set(copied) == {q.pk for q in questions.values()}
    how = copied[questions["how"].pk]
    assert how.parent == copied[questions["level"].pk] and how.show_when == "no"


def test_close_and_publish(client_for, coordinator, survey, questions):
    client = client_for(coordinator)
    response = client.post(reverse("surveys:close", args=[survey.pk]), follow=True)
    assert "Undersøkelsen er lukket for nye svar." in response.content.decode()
    response = client.post(reverse("surveys:publish", args=[survey.pk]), follow=True)
    assert "Resultatene er publisert" in response.content.decode()
    survey.refresh_from_db()
    assert survey.status == Survey.Status.PUBLISHED and survey.published_at


def test_survey_list_query_ceiling(client_for, coordinator, municipality, query_count):
    for n in range(12):
        s = SurveyFactory(municipality=municipality, deadline=in_days(n))
        SurveyResponseFactory(survey=s, centre=CentreFactory(municipality=municipality))
    client = client_for(coordinator)
    with query_count(at_most=8):
        page = client.get(reverse("surveys:list"))
    assert page.content.decode().count("0 av 1 har svart") == 12


@pytest.mark.parametrize("centres", [5, 50])
def test_hub_costs_the_same_queries_for_5_and_50_centres(
    client_for, coordinator, survey, questions, centres, query_count
):
    for _ in range(centres):
        response = SurveyResponseFactory(
            survey=survey,
            centre=CentreFactory(municipality=survey.municipality),
            status=SurveyResponse.Status.DRAFT,
        )
        response.answers.create(question=questions["goals"], text="Mål")
    client = client_for(coordinator)
    with query_count(at_most=12):  # 10 + 2 for the change log
        page = client.get(reverse("surveys:detail", args=[survey.pk]))
    assert page.content.decode().count("1 av 4 besvart") == centres


def test_a_question_with_follow_ups_keeps_a_kind_that_offers_their_condition(
    client_for, coordinator, draft_survey
):
    q = seed_questions(draft_survey)
    response = client_for(coordinator).post(
        reverse("surveys:question_edit", args=[draft_survey.pk, q["level"].pk]),
        question_data(text=q["level"].text, kind=Question.Kind.LONG_TEXT),
    )
    assert "Oppfølgingsspørsmålet «Hvordan mener du samhandlingen bør foregå?» vises når" in (
        response.content.decode()
    )
    q["level"].refresh_from_db()
    assert q["level"].kind == Question.Kind.YES_NO
