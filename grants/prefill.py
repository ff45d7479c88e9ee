"""What the annual report starts from: what the portal already knows of the centre for
the year (its target groups, the period's goals, partners, its meetings with the
municipality and the surveys it answered). A few queries whatever the centre holds."""

from django.utils import formats
from django.utils.translation import gettext as _

from centres.models import GoalPeriod
from meetings.models import Meeting
from surveys.models import SurveyResponse


def _lines(items) -> str:
    return "\n".join(f"– {item}" for item in items)


def report_initial(centre, year: int) -> dict:
    groups = centre.target_groups.order_by("rank").values_list("name", flat=True)
    period = (
        GoalPeriod.objects.filter(centre=centre, start_year__lte=year, end_year__gte=year)
        .prefetch_related("goals")
        .first()
    )
    goals = [goal.text for goal in period.goals.all()] if period else []
    partners = centre.partners.order_by("order").values_list("name", flat=True)
    meetings = Meeting.objects.in_year(year).filter(centres=centre).order_by("date")
    responses = (
        SurveyResponse.objects.submitted()
        .filter(centre=centre, survey__round=year)
        .select_related("survey")
        .order_by("submitted_at")
    )
    goals_text = ""
    if goals:
        goals_text = _("Mål for %(period)s:") % {"period": period.label} + "\n" + _lines(goals)
    return {
        "target_groups": _lines(groups),
        "goals_and_results": goals_text,
        "partners": _lines(partners),
        "municipality_meetings": _lines(
            f"{formats.date_format(m.date, 'SHORT_DATE_FORMAT')}: {m.title}" for m in meetings
        ),
        "survey_answers": _lines(
            _("%(survey)s (sendt inn %(date)s)")
            % {
                "survey": r.survey.title,
                "date": formats.date_format(r.submitted_at, "SHORT_DATE_FORMAT"),
            }
            for r in responses
        ),
    }
