"""The change logs of a survey's page and of one centre's response."""

from django.http import Http404
from django.urls import reverse
from django.utils.text import Truncator

from frivillig.lib.changelog import Kind, register

from . import access
from .models import Answer, Question, Survey, SurveyResponse


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
    )
    register(
        "svar",
        Kind(
            _response_for_user,
            lambda r: r.survey.municipality_id,
            response_sources,
            lambda r: reverse("surveys:centre_results", args=[r.survey_id, r.centre.slug]),
        ),
    )
