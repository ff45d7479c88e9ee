"""Removing the scale data, and nothing else."""

from django.db import transaction

from accounts.models import Municipality, User
from agreements.models import (
    Agreement,
    AgreementClause,
    AgreementEvent,
    AgreementVersion,
    Comment,
    Framework,
    FrameworkClause,
    FrameworkVersion,
)
from centres.models import Centre, ContactPerson, GoalPeriod, Partner, PeriodGoal, TargetGroup
from meetings.models import AgendaItem, FollowUp, Meeting
from plans.models import FocusArea, Goal, Hearing, HearingInput, Measure, Plan, Strategy
from surveys.models import Answer, Question, Survey, SurveyResponse, Theme, ThemeMember

from .shape import PREFIX


def wipe() -> int:
    """Deletes the scale data (municipalities named "Skala …" and all they hold)."""
    municipalities = Municipality.objects.filter(name__startswith=f"{PREFIX} ")
    ids = list(municipalities.values_list("pk", flat=True))
    if not ids:
        return 0
    with transaction.atomic():
        # Raw deletes, leaves first: the ORM's cascade would load every answer.
        Answer.objects.filter(response__survey__municipality__in=ids)._raw_delete("default")
        ThemeMember.objects.filter(question__survey__municipality__in=ids)._raw_delete("default")
        Theme.objects.filter(question__survey__municipality__in=ids)._raw_delete("default")
        SurveyResponse.objects.filter(survey__municipality__in=ids)._raw_delete("default")
        Question.objects.filter(survey__municipality__in=ids).update(parent=None, copied_from=None)
        Question.objects.filter(survey__municipality__in=ids)._raw_delete("default")
        Survey.objects.filter(municipality__in=ids).update(copied_from=None)
        Survey.objects.filter(municipality__in=ids)._raw_delete("default")
        Comment.objects.filter(agreement__municipality__in=ids).update(parent=None)
        Comment.objects.filter(agreement__municipality__in=ids)._raw_delete("default")
        AgreementEvent.objects.filter(agreement__municipality__in=ids)._raw_delete("default")
        AgreementVersion.objects.filter(agreement__municipality__in=ids)._raw_delete("default")
        AgreementClause.goals.through.objects.filter(
            agreementclause__agreement__municipality__in=ids
        )._raw_delete("default")
        AgreementClause.objects.filter(agreement__municipality__in=ids)._raw_delete("default")
        Agreement.objects.filter(municipality__in=ids).update(renewal_of=None)
        Agreement.objects.filter(municipality__in=ids)._raw_delete("default")
        Framework.objects.filter(municipality__in=ids).update(current_version=None)
        FrameworkVersion.objects.filter(framework__municipality__in=ids)._raw_delete("default")
        FrameworkClause.objects.filter(framework__municipality__in=ids)._raw_delete("default")
        Framework.objects.filter(municipality__in=ids)._raw_delete("default")
        User.objects.filter(municipality__in=ids).delete()
        Meeting.centres.through.objects.filter(meeting__municipality__in=ids)._raw_delete("default")
        AgendaItem.objects.filter(meeting__municipality__in=ids)._raw_delete("default")
        FollowUp.objects.filter(meeting__municipality__in=ids)._raw_delete("default")
        Meeting.objects.filter(municipality__in=ids)._raw_delete("default")
        PeriodGoal.municipal_goals.through.objects.filter(
            periodgoal__period__centre__municipality__in=ids
        )._raw_delete("default")
        PeriodGoal.objects.filter(period__centre__municipality__in=ids)._raw_delete("default")
        for model in (GoalPeriod, TargetGroup, Partner, ContactPerson):
            model.objects.filter(centre__municipality__in=ids)._raw_delete("default")
        Centre.objects.filter(municipality__in=ids)._raw_delete("default")
        HearingInput.objects.filter(hearing__plan__municipality__in=ids)._raw_delete("default")
        Hearing.objects.filter(plan__municipality__in=ids)._raw_delete("default")
        Measure.objects.filter(plan__municipality__in=ids)._raw_delete("default")
        FocusArea.objects.filter(strategy__goal__plan__municipality__in=ids)._raw_delete("default")
        Strategy.objects.filter(goal__plan__municipality__in=ids)._raw_delete("default")
        Goal.objects.filter(plan__municipality__in=ids)._raw_delete("default")
        Plan.objects.filter(municipality__in=ids).update(parent=None)
        Plan.objects.filter(municipality__in=ids)._raw_delete("default")
        municipalities._raw_delete("default")
    return len(ids)
