"""The dashboard's survey card, so the dashboard view needs no change: for a leader the
surveys to answer with deadline and progress, for a coordinator the open surveys'
response rate. A fixed number of queries whatever the number of surveys."""

from django import template
from django.db.models import Prefetch
from django.utils import timezone

from centres.access import is_centre_leader
from frivillig.lib.access import is_coordinator_of
from surveys import answering
from surveys.models import Answer, Question, SurveyResponse
from surveys.questions import display_order

from .. import access

register = template.Library()


@register.inclusion_tag("surveys/includes/dashboard_card.html", takes_context=True)
def survey_dashboard_card(context):
    user = context["request"].user
    today = timezone.localdate()
    if is_centre_leader(user):
        responses = list(
            SurveyResponse.objects.filter(
                centre_id=user.centre_id,
                survey__in=access.visible_surveys(user).open().filter(deadline__gte=today),
            )
            .not_submitted()
            .select_related("survey", "centre")
            .prefetch_related(
                Prefetch(
                    "survey__questions",
                    queryset=Question.objects.all(),
                ),
                Prefetch("answers", queryset=Answer.objects.all()),
            )
            .order_by("survey__deadline")
        )
        for response in responses:
            questions = display_order(list(response.survey.questions.all()))
            response.answered, response.asked = answering.response_progress(response, questions)
        return {"leader": True, "responses": responses}
    if is_coordinator_of(user):
        surveys = access.visible_surveys(user).open().with_response_counts().order_by("deadline")
        return {"leader": False, "surveys": list(surveys), "coordinator": True}
    return {"leader": False, "surveys": []}
