"""The dashboard's survey card, so the dashboard view needs no change: for a leader the
surveys to answer with deadline and progress, for a coordinator the open surveys'
response rate. A fixed number of queries whatever the number of surveys."""

from django import template
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from frivillig.lib.access import is_coordinator_of
from surveys import services
from surveys.models import Answer, Question, SurveyResponse

from .. import access

register = template.Library()


@register.inclusion_tag("surveys/includes/dashboard_card.html", takes_context=True)
def survey_dashboard_card(context):
    user = context["request"].user
    today = timezone.localdate()
    if user.is_leader:
        responses = list(
            SurveyResponse.objects.filter(
                centre_id=user.centre_id,
                survey__in=access.visible_surveys(user).open().filter(deadline__gte=today),
            )
            .exclude(status=SurveyResponse.Status.SUBMITTED)
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
            questions = services.display_order(list(response.survey.questions.all()))
            values = services.values_from_answers(response.answers.all())
            response.answered, response.asked = services.progress(questions, values)
        return {"leader": True, "responses": responses}
    if is_coordinator_of(user):
        surveys = (
            access.visible_surveys(user)
            .open()
            .annotate(
                invited=Count("responses"),
                submitted=Count(
                    "responses", filter=Q(responses__status=SurveyResponse.Status.SUBMITTED)
                ),
            )
            .order_by("deadline")
        )
        return {"leader": False, "surveys": list(surveys), "coordinator": True}
    return {"leader": False, "surveys": []}
