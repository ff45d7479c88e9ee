"""What the dialogue-meeting deck shows, gathered in a fixed number of queries: the
meeting and its agenda, the results, and the profiles of the centres."""

from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects

from centres.models import Centre, GoalPeriod
from meetings.models import Meeting

from ..models import Question, Survey
from ..results import SurveyResults

# Per centre, the deck shows the answers to the questions the meeting discusses: yes/no,
# choices and scales with their follow-ups. Target groups, goals and partners come from
# the centre's profile, as in the slides built by hand.
DISCUSSED_KINDS = (
    Question.Kind.YES_NO,
    Question.Kind.SINGLE,
    Question.Kind.MULTIPLE,
    Question.Kind.SCALE,
)


@dataclass
class CentreSlides:
    centre: Centre
    answers: list  # [(QuestionResult, [(QuestionResult, Answer | None)])]


def deck_context(survey: Survey) -> dict:
    results = SurveyResults(survey)
    meeting = None
    if survey.meeting_id and Survey.meeting.is_cached(survey):
        # Loaded with the survey (survey_for_results, the worker's task): its agenda only.
        meeting = survey.meeting
        prefetch_related_objects([meeting], "agenda_items")
    elif survey.meeting_id:
        meeting = Meeting.objects.prefetch_related("agenda_items").get(pk=survey.meeting_id)
    # The results loaded the centres with their responses: their profiles only.
    prefetch_related_objects(
        results.centres,
        "target_groups",
        "partners",
        Prefetch("goal_periods", queryset=GoalPeriod.objects.prefetch_related("goals")),
    )
    discussed = [r for r in results.questions if r.kind in DISCUSSED_KINDS]
    centres = [
        CentreSlides(
            centre,
            [
                (
                    result,
                    result.answer_for(centre.pk),
                    [(f, f.answer_for(centre.pk)) for f in result.follow_ups],
                )
                for result in discussed
            ],
        )
        for centre in results.centres
    ]
    return {
        "survey": survey,
        "municipality": survey.municipality,
        "meeting": meeting,
        "results": results,
        "summaries": [r for r in results.questions if r.kind in DISCUSSED_KINDS],
        "themed": [r for r in results.questions if r.kind == Question.Kind.RANKED and r.tally],
        "centres": centres,
    }
