"""The visit dossier: the whole picture of a centre before the yearly visit, in a fixed
number of queries. Its profile, its latest submitted answers beside the same centre's
answers the round before, its agreements (from agreements, through centres.page_parts),
its open and overdue follow-ups, and the notes of the last visit."""

from dataclasses import dataclass

from django.db.models import Q

from centres import page_parts
from meetings.access import visible_meetings
from meetings.models import FollowUp, Meeting

from .models import SurveyResponse
from .results import QuestionResult, SurveyResults


@dataclass
class AnswerRow:
    result: QuestionResult
    answer: object | None  # this round's Answer
    before: object | None  # the same centre's answer to the question it was copied from
    asked_before: bool  # whether the previous round had the question at all


def _submitted(centre, **filters):
    return (
        SurveyResponse.objects.submitted()
        .filter(centre=centre, **filters)
        .select_related("survey")
        .order_by("-survey__round", "-submitted_at")
        .first()
    )


def answer_rows(centre):
    """(latest response, the previous round's response or None, rows)."""
    response = _submitted(centre)
    if response is None:
        return None, None, []
    current = SurveyResults(response.survey, answers_for=[response])
    previous_survey = response.survey.previous_round()
    before = _submitted(centre, survey=previous_survey) if previous_survey else None
    previous = SurveyResults(previous_survey, answers_for=[before]) if before else None
    rows = []
    for result, answer in current.for_centre(centre):
        earlier = previous.by_question.get(result.question.copied_from_id) if previous else None
        rows.append(
            AnswerRow(
                result,
                answer,
                earlier.answer_for(centre.pk) if earlier else None,
                earlier is not None,
            )
        )
    return response, before, rows


def follow_ups(centre, today):
    """Follow-ups not done from meetings the centre took part in and from the common and
    dialogue meetings every centre is invited to; by deadline (dossier_context puts the
    overdue first)."""
    return (
        FollowUp.objects.open()
        .with_overdue(today)
        .filter(meeting__municipality_id=centre.municipality_id)
        .filter(
            Q(meeting__centres=centre)
            | Q(meeting__kind__in=(Meeting.Kind.COMMON, Meeting.Kind.DIALOGUE))
        )
        .select_related("meeting")
        .distinct()
        .order_by("due_date", "pk")
    )


def last_visit(user, centre, today):
    """The latest visit held at the centre (today or before), with its notes."""
    visits = Meeting.objects.filter(kind=Meeting.Kind.VISIT, centres=centre, date__lte=today)
    return visible_meetings(user, visits).order_by("-date", "-start_time").first()


def dossier_context(user, centre, today) -> dict:
    response, before, rows = answer_rows(centre)
    return {
        "centre": centre,
        "period": centre.current_goal_period,
        "response": response,
        "previous_response": before,
        "answer_rows": rows,
        "follow_ups": sorted(follow_ups(centre, today), key=lambda f: not f.is_overdue),
        "last_visit": last_visit(user, centre, today),
        "today": today,
        **page_parts.for_dossier(user, centre, today),
    }
