"""Every change made through the portal's pages (and the admin) leaves a history row with
the user who made it, also where the code writes with UPDATE or bulk_create."""

from django.urls import reverse

from agreements.models import Agreement, AgreementClause
from centres.models import Centre, TargetGroup
from plans.models import Goal
from surveys import answering, sending
from surveys.models import Answer, Question, Survey, SurveyResponse

from ..agreements.conftest import edit_post
from ..factories import QuestionFactory, SurveyResponseFactory
from ..payloads import centre_post
from ..surveys.conftest import in_days
from ..surveys.test_answer_rules import posted
from ..surveys.test_build_pages import question_data
from .conftest import latest


def test_a_leader_editing_the_centre_page_is_recorded_with_the_field_and_the_user(
    client_for, leader_a, centre_a
):
    data = centre_post(centre_a, phone="35 58 10 00")
    data["groups-0-name"], data["groups-1-name"] = "Seniorer", "Barnefamilier"
    response = client_for(leader_a).post(reverse("centres:edit", args=[centre_a.slug]), data)
    assert response.status_code == 302
    row = latest(Centre, id=centre_a.pk)
    assert row.history_user == leader_a and row.phone == "35 58 10 00"
    groups = TargetGroup.history.filter(centre_id=centre_a.pk, history_type="+")
    assert sorted(groups.values_list("name", "history_user")) == [
        ("Barnefamilier", leader_a.pk),
        ("Seniorer", leader_a.pk),
    ]


def test_saving_the_centre_unchanged_rewrites_no_target_group(client_for, leader_a, centre_a):
    data = centre_post(centre_a)
    data["groups-0-name"] = "Seniorer"
    client = client_for(leader_a)
    client.post(reverse("centres:edit", args=[centre_a.slug]), data)
    client.post(reverse("centres:edit", args=[centre_a.slug]), data)
    assert TargetGroup.history.filter(centre_id=centre_a.pk).count() == 1


def test_editing_a_survey_and_a_question_is_recorded(client_for, coordinator, survey):
    survey.status = Survey.Status.DRAFT
    survey.save()
    question = QuestionFactory(survey=survey, order=1, kind=Question.Kind.YES_NO)
    client = client_for(coordinator)
    response = client.post(
        reverse("surveys:edit", args=[survey.pk]),
        {
            "title": "Ny tittel",
            "introduction": "",
            "round": survey.round,
            "deadline": in_days(20).isoformat(),
        },
    )
    assert response.status_code == 302
    row = latest(Survey, id=survey.pk)
    assert row.title == "Ny tittel" and row.history_user == coordinator
    client.post(
        reverse("surveys:question_edit", args=[survey.pk, question.pk]),
        question_data(text="Er samhandlingen god nok?"),
    )
    row = latest(Question, id=question.pk)
    assert row.text == "Er samhandlingen god nok?" and row.history_user == coordinator


def test_a_draft_save_records_the_response_and_only_the_answers_that_changed(
    client_for, leader_a, survey, questions, response_a
):
    url = reverse("surveys:answer", args=[survey.pk, "klyve"])
    goals = questions["goals"]
    client = client_for(leader_a)
    client.post(url, {"action": "save", "revision": 0, f"q{goals.pk}": "Flere frivillige"})
    client.post(
        url,
        {
            "action": "save",
            "revision": 1,
            f"q{goals.pk}": "Flere unge frivillige",
            f"q{questions['level'].pk}": "yes",
        },
    )
    rows = Answer.history.filter(response_id=response_a.pk)
    assert sorted((r.question_id, r.history_type, r.text) for r in rows) == [
        (goals.pk, "+", "Flere frivillige"),
        (goals.pk, "~", "Flere unge frivillige"),
        (questions["level"].pk, "+", "yes"),
    ]
    assert {r.history_user_id for r in rows} == {leader_a.pk}
    assert {r.id for r in rows if r.question_id == goals.pk} == {
        Answer.objects.get(question=goals).pk
    }
    response_rows = SurveyResponse.history.filter(id=response_a.pk)
    assert response_rows.count() == 3  # created, then two saves
    assert latest(SurveyResponse, id=response_a.pk).revision == 2


def test_emptying_an_answer_records_it_as_deleted(
    client_for, leader_a, survey, questions, response_a
):
    url = reverse("surveys:answer", args=[survey.pk, "klyve"])
    goals = questions["goals"]
    client = client_for(leader_a)
    client.post(url, {"action": "save", "revision": 0, f"q{goals.pk}": "Flere frivillige"})
    client.post(url, {"action": "save", "revision": 1, f"q{goals.pk}": ""})
    row = latest(Answer, response_id=response_a.pk)
    assert row.history_type == "-" and row.text == "Flere frivillige"
    assert row.history_user == leader_a
    assert not Answer.objects.filter(response=response_a).exists()


def test_submit_and_reopen_are_recorded_with_their_users(
    client_for, leader_a, coordinator, survey, questions, response_a
):
    url = reverse("surveys:answer", args=[survey.pk, "klyve"])
    data = {
        f"q{questions['groups'].pk}_1": "Seniorer",
        f"q{questions['goals'].pk}": "Flere frivillige",
        f"q{questions['level'].pk}": "yes",
        f"q{questions['agreement'].pk}": "no",
    }
    client = client_for(leader_a)
    client.post(url, {"action": "submit", "revision": 0, **data})
    client.post(url, {"action": "confirm", "revision": 1})
    row = latest(SurveyResponse, id=response_a.pk)
    assert row.status == SurveyResponse.Status.SUBMITTED and row.history_user == leader_a
    client_for(coordinator).post(reverse("surveys:reopen", args=[survey.pk, "klyve"]))
    row = latest(SurveyResponse, id=response_a.pk)
    assert row.status == SurveyResponse.Status.DRAFT and row.history_user == coordinator


def test_submitting_30_answers_writes_their_history_in_one_insert(
    survey, centre_a, leader_a, query_count
):
    questions = [
        QuestionFactory(survey=survey, kind=Question.Kind.SHORT_TEXT, order=n) for n in range(30)
    ]
    response = SurveyResponseFactory(survey=survey, centre=centre_a)
    for q in questions[:10]:
        Answer.objects.create(response=response, question=q, text="Gammelt svar")
    data = {f"q{q.pk}": f"Svar {n}" for n, q in enumerate(questions)}
    values = answering.values_from_post(questions, posted(data))
    with query_count() as queries:
        answering.submit_response(
            response=response, by=leader_a, revision=0, values=values, questions=questions
        )
    inserts = [q["sql"] for q in queries if "historicalanswer" in q["sql"]]
    assert len(inserts) == 1
    rows = Answer.history.filter(response_id=response.pk).exclude(text="Gammelt svar")
    assert rows.count() == 30 and set(rows.values_list("history_user", flat=True)) == {leader_a.pk}
    assert sorted(rows.values_list("history_type", flat=True)) == ["+"] * 20 + ["~"] * 10


def test_sending_and_reminding_record_the_responses(
    client_for, coordinator, survey, centre_a, leader_a
):
    # leader_a: Klyve has an address, so the reminder is sent (and recorded).
    survey.status = Survey.Status.DRAFT
    survey.save()
    QuestionFactory(survey=survey, order=1)
    client = client_for(coordinator)
    client.post(reverse("surveys:send", args=[survey.pk]))
    response = SurveyResponse.objects.get(survey=survey, centre=centre_a)
    assert latest(SurveyResponse, id=response.pk).history_type == "+"
    assert latest(SurveyResponse, id=response.pk).history_user == coordinator
    client.post(reverse("surveys:remind", args=[survey.pk]))
    row = latest(SurveyResponse, id=response.pk)
    assert row.reminder_count == 1 and row.history_user == coordinator


def test_closing_expired_surveys_is_recorded(survey):
    survey.deadline = in_days(-1)
    survey.save()
    assert sending.close_expired(today=in_days(0)) == 1
    row = latest(Survey, id=survey.pk)
    assert row.status == Survey.Status.CLOSED and row.history_user is None


def test_copying_a_survey_records_the_new_questions(client_for, coordinator, survey, questions):
    client_for(coordinator).post(reverse("surveys:copy", args=[survey.pk]))
    copy = Survey.objects.exclude(pk=survey.pk).get()
    rows = Question.history.filter(survey_id=copy.pk, history_type="+")
    assert rows.count() == 6 and {r.history_user_id for r in rows} == {coordinator.pk}


def test_an_agreement_save_and_a_transition_are_recorded(client_for, coordinator, agreement):
    client = client_for(coordinator)
    response = client.post(
        reverse("agreements:edit", args=[agreement.pk]), edit_post(agreement, premises="Lie skole")
    )
    assert response.status_code == 302
    row = latest(Agreement, id=agreement.pk)
    assert row.premises == "Lie skole" and row.history_user == coordinator
    assert row.revision == Agreement.objects.get(pk=agreement.pk).revision
    client.post(reverse("agreements:transition", args=[agreement.pk, "send"]))
    row = latest(Agreement, id=agreement.pk)
    assert row.status == Agreement.Status.SENT and row.history_user == coordinator


def test_adding_a_local_clause_is_recorded(client_for, coordinator, agreement):
    extra = [{"order": 9, "title": "Lokalt punkt", "text": "Sentralen holder åpent."}]
    client_for(coordinator).post(
        reverse("agreements:edit", args=[agreement.pk]), edit_post(agreement, extra=extra)
    )
    row = latest(AgreementClause, agreement_id=agreement.pk, title="Lokalt punkt")
    assert row.history_type == "+" and row.history_user == coordinator


def test_an_admin_edit_of_a_goal_is_recorded(client_for, admin_user, goal):
    client = client_for(admin_user)
    data = {
        "plan": goal.plan.pk,
        "number": 1,
        "title": "Frivilligheten har svært gode vekstvilkår",
        "description": "",
        "strategies-TOTAL_FORMS": "0",
        "strategies-INITIAL_FORMS": "0",
        "measures-TOTAL_FORMS": "0",
        "measures-INITIAL_FORMS": "0",
    }
    response = client.post(f"/admin/plans/goal/{goal.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"]
    row = latest(Goal, id=goal.pk)
    assert row.title == "Frivilligheten har svært gode vekstvilkår"
    assert row.history_user == admin_user
