"""Who may open what: every building and answering view, for the whole cast."""

import pytest
from django.urls import reverse

from surveys.models import Survey, SurveyResponse

LOGIN = "login"


def urls(survey, questions, centre):
    level = questions["level"].pk
    return {
        "list": reverse("surveys:list"),
        "create": reverse("surveys:create"),
        "detail": reverse("surveys:detail", args=[survey.pk]),
        "edit": reverse("surveys:edit", args=[survey.pk]),
        "preview": reverse("surveys:preview", args=[survey.pk]),
        "question_add": reverse("surveys:question_add", args=[survey.pk]),
        "question_edit": reverse("surveys:question_edit", args=[survey.pk, level]),
        "answer": reverse("surveys:answer", args=[survey.pk, centre.slug]),
        "send_confirm": reverse("surveys:send", args=[survey.pk]),
        "question_delete_confirm": reverse("surveys:question_delete", args=[survey.pk, level]),
        "copy": reverse("surveys:copy", args=[survey.pk]),
        "send": reverse("surveys:send", args=[survey.pk]),
        "remind": reverse("surveys:remind", args=[survey.pk]),
        "close": reverse("surveys:close", args=[survey.pk]),
        "publish": reverse("surveys:publish", args=[survey.pk]),
        "question_move": reverse("surveys:question_move", args=[survey.pk, level, "opp"]),
        "question_delete": reverse("surveys:question_delete", args=[survey.pk, level]),
        "reopen": reverse("surveys:reopen", args=[survey.pk, centre.slug]),
        "answer_post": reverse("surveys:answer", args=[survey.pk, centre.slug]),
        "answer_save": reverse("surveys:answer_save", args=[survey.pk, centre.slug]),
    }


BUILDER_GET = [
    "detail",
    "edit",
    "preview",
    "question_add",
    "question_edit",
    "send_confirm",
    "question_delete_confirm",
]
BUILDER_POST = [
    "copy",
    "send",
    "remind",
    "close",
    "publish",
    "question_move",
    "question_delete",
    "reopen",
]

# Expected status per user for an open survey (not published) and centre A's response.
# 200/302 = allowed; 403 = may see but not do; 404 = does not exist for this user.
MATRIX = {
    "anonymous": {
        name: LOGIN
        for name in [
            "list",
            "create",
            *BUILDER_GET,
            "answer",
            *BUILDER_POST,
            "answer_post",
            "answer_save",
        ]
    },
    "leader_a": {
        "list": 200,
        "create": 403,
        **dict.fromkeys(BUILDER_GET, 403),
        "answer": 200,
        **dict.fromkeys(BUILDER_POST, 403),
        "answer_post": 302,
        "answer_save": 200,
    },
    "leader_b": {
        "list": 200,
        "create": 403,
        **dict.fromkeys(BUILDER_GET, 403),
        "answer": 404,
        **dict.fromkeys(BUILDER_POST, 403),
        "answer_post": 404,
        "answer_save": 404,
    },
    "reader": {
        "list": 200,
        "create": 403,
        **dict.fromkeys(BUILDER_GET, 404),
        "answer": 404,
        **dict.fromkeys(BUILDER_POST, 404),
        "answer_post": 404,
        "answer_save": 404,
    },
    "other_coordinator": {
        "list": 200,
        "create": 200,
        **dict.fromkeys(BUILDER_GET, 404),
        "answer": 404,
        **dict.fromkeys(BUILDER_POST, 404),
        "answer_post": 404,
        "answer_save": 404,
    },
    "coordinator": {
        "list": 200,
        "create": 200,
        "detail": 200,
        "edit": 200,
        "preview": 200,
        # questions of a sent survey: refused with a message and a redirect
        "question_add": 302,
        "question_edit": 302,
        "send_confirm": 200,
        "question_delete_confirm": 302,
        "answer": 200,
        **dict.fromkeys(BUILDER_POST, 302),
        "answer_post": 403,
        "answer_save": 403,
    },
}


@pytest.fixture
def answered(survey, questions, response_a, response_b):
    return survey


@pytest.mark.parametrize("who", list(MATRIX))
def test_access_matrix(who, cast, client_for, answered, questions, centre_a, response_a):
    user = cast[who]
    client = client_for(user)
    links = urls(answered, questions, centre_a)
    failures = []
    for name, expected in MATRIX[who].items():
        # Each action runs on a fresh open survey state.
        Survey.objects.filter(pk=answered.pk).update(status=Survey.Status.OPEN)
        method = client.post if name in BUILDER_POST or name.startswith("answer_") else client.get
        revision = response_a.__class__.objects.get(pk=response_a.pk).revision
        data = {"revision": revision} if name.startswith("answer_") else {}
        response = method(links[name], data)
        if expected == LOGIN:
            ok = response.status_code == 302 and "/konto/logg-inn/" in response.url
        else:
            ok = response.status_code == expected
        if not ok:
            failures.append((name, expected, response.status_code))
    assert not failures, f"{who}: {failures}"


def test_reader_sees_a_published_survey_answer_page_read_only(
    client_for, reader, survey, questions, response_a, centre_a
):
    survey.status = Survey.Status.PUBLISHED
    survey.save()
    # A reader reads submitted answers only (tests/security/test_unsubmitted_answers.py).
    response_a.status = SurveyResponse.Status.SUBMITTED
    response_a.save()
    client = client_for(reader)
    page = client.get(reverse("surveys:answer", args=[survey.pk, centre_a.slug]))
    assert page.status_code == 200 and "Lagre utkast" not in page.content.decode()
    response = client.post(reverse("surveys:answer", args=[survey.pk, centre_a.slug]))
    assert response.status_code == 403


def test_leader_does_not_see_draft_surveys(client_for, leader_a, draft_survey):
    response = client_for(leader_a).get(reverse("surveys:detail", args=[draft_survey.pk]))
    assert response.status_code == 404
