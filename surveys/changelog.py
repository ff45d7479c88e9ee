"""The change logs of a survey's page and of one centre's response."""

from django.http import Http404
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext

from frivillig.lib.changelog import Kind, register

from . import access
from .models import Answer, Question, Survey, SurveyResponse
from .questions import condition_label


def survey_sources(survey):
    return [
        Survey.history.filter(id=survey.pk),
        Question.history.filter(survey_id=survey.pk),
    ]


def response_sources(response):
    return [
        SurveyResponse.history.filter(id=response.pk).select_related("centre"),
        Answer.history.filter(response_id=response.pk).select_related("question"),
    ]


def _response_for_user(user, pk):
    """A response as the answer page would open it: 404 for the other centres' leaders."""
    response = SurveyResponse.objects.select_related("survey", "centre").filter(pk=pk).first()
    if response is None:
        raise Http404
    access.get_survey_for_user(user, response.survey_id)
    access.get_response_centre_for_user(user, response.survey, response.centre.slug)
    return response


def _answer_label(row) -> str:
    question = row.question if row.question_id else None
    return Truncator(question.text if question else "").chars(80)


def _response_label(row) -> str:
    return row.centre.name if row.centre_id and row.centre else ""


# The settings only some kinds use (Question.KIND_FIELDS); another kind's are not shown.
KIND_SETTINGS = {name for names in Question.KIND_FIELDS.values() for name in names} | {
    "profile_field"
}


def _question_uses(row, name) -> bool:
    if name not in KIND_SETTINGS:
        return True
    used = Question.KIND_FIELDS.get(row.kind, ())
    return name in used or (name == "profile_field" and row.kind == Question.Kind.RANKED)


def _stored_words(name, value):
    """«yes», «no» and «Annet»'s marker as the page writes them, in the reader's language."""
    if isinstance(value, list):
        return [_stored_words(name, item) for item in value]
    if value in (Question.YES, Question.NO) and name in ("show_when", "text"):
        return condition_label(Question(kind=Question.Kind.YES_NO), value)
    if value == Question.OTHER:
        return gettext("Annet")
    return value


def register_kinds() -> None:
    labels = {Answer: _answer_label, SurveyResponse: _response_label}
    hidden = ["municipality", "centre", "survey", "response", "question"]
    register(
        "undersokelse",
        Kind(
            lambda user, pk: access.get_survey_for_user(user, pk),
            lambda s: s.municipality_id,
            survey_sources,
            lambda s: reverse("surveys:detail", args=[s.pk]),
        ),
        hidden=hidden,
        labels=labels,
        relevant={Question: _question_uses},
        values={Question: _stored_words},
    )
    register(
        "svar",
        Kind(
            _response_for_user,
            lambda r: r.survey.municipality_id,
            response_sources,
            lambda r: reverse("surveys:centre_results", args=[r.survey_id, r.centre.slug]),
        ),
        values={Answer: _stored_words},
    )
