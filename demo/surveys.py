"""Seed 000's survey (2025, published, five answers) and the 2026 round copied from it.

Every object is found by a natural key: a survey by municipality, round and title; a
question by survey and order; a response by survey and centre; an answer by response and
question; a theme by question and name. A second run changes nothing.
"""

import datetime

from django.utils import timezone

from meetings.models import Meeting
from surveys.models import Answer, Question, Survey, SurveyResponse, Theme, ThemeMember

from .loader import DemoContext


def _when(value):
    if not value:
        return None
    return timezone.make_aware(datetime.datetime.fromisoformat(value))


def load(data: dict, context: DemoContext) -> None:
    loaded = {}
    for item in data["surveys"]:
        previous = loaded.get(item.get("copied_from"))
        survey = _load_survey(item, previous, context)
        questions = _load_questions(survey, item, previous, context)
        loaded[item["round"]] = (survey, item, questions)
        _load_themes(questions, item.get("themes", {}), context)
        for response in item["responses"]:
            _load_response(survey, questions, response, context)


def _load_survey(item, previous, context) -> Survey:
    municipality = context.municipalities[item["municipality"]]
    meeting = None
    if meeting_key := item.get("meeting"):
        meeting = Meeting.objects.filter(
            municipality=municipality,
            kind=meeting_key["kind"],
            date=datetime.date.fromisoformat(meeting_key["date"]),
        ).first()
    survey, created = Survey.objects.update_or_create(
        municipality=municipality,
        round=item["round"],
        title=item["title"],
        defaults={
            "introduction": item["introduction"],
            "deadline": datetime.date.fromisoformat(item["deadline"]),
            "status": item["status"],
            "meeting": meeting,
            "copied_from": previous[0] if previous else None,
            "created_by": context.users.get(item.get("created_by")),
            "sent_at": _when(item.get("sent_at")),
            "closed_at": _when(item.get("closed_at")),
            "published_at": _when(item.get("published_at")),
        },
    )
    context.report.count("spørreundersøkelser", created)
    return survey


def _question_specs(item, previous):
    """The questions in order with their follow-ups; a copied round takes the previous
    round's questions."""
    return item.get("questions") or previous[1]["questions"]


def _load_questions(survey, item, previous, context) -> dict[str, Question]:
    questions = {}
    order = 0
    for spec in _question_specs(item, previous):
        order += 1
        parent = _load_question(survey, spec, order, None, previous, context)
        questions[spec["key"]] = parent
        for follow_up in spec.get("follow_ups", []):
            order += 1
            questions[follow_up["key"]] = _load_question(
                survey, follow_up, order, parent, previous, context
            )
    survey.questions.filter(order__gt=order).delete()
    return questions


def _load_question(survey, spec, order, parent, previous, context) -> Question:
    question, created = Question.objects.update_or_create(
        survey=survey,
        order=order,
        defaults={
            "kind": spec["kind"],
            "text": spec["text"],
            "help_text": spec.get("help_text", ""),
            "required": spec.get("required", True),
            "rank_count": spec.get("rank_count", 3),
            "choices": spec.get("choices", []),
            "allow_comment": spec.get("allow_comment", False),
            "parent": parent,
            "show_when": spec.get("show_when", ""),
            "copied_from": previous[2][spec["key"]] if previous else None,
            # The coordinator's deck sentence belongs to the round it was written for.
            "summary": "" if previous else spec.get("summary", ""),
        },
    )
    context.report.count("spørsmål", created)
    return question


def _load_themes(questions, themes, context) -> None:
    for key, named in themes.items():
        question = questions[key]
        for name, texts in named.items():
            theme, created = Theme.objects.update_or_create(question=question, name=name)
            context.report.count("temaer", created)
            for text in texts:
                ThemeMember.objects.update_or_create(
                    question=question,
                    text=ThemeMember.normalise(text),
                    defaults={"theme": theme},
                )


def _load_response(survey, questions, item, context) -> None:
    centre = context.centres[item["centre"]]
    user = context.users.get(item.get("by"))
    status = item["status"]
    submitted_at = _when(item.get("submitted_at"))
    updated_at = submitted_at or (survey.sent_at and survey.sent_at + datetime.timedelta(days=9))
    response, created = SurveyResponse.objects.update_or_create(
        survey=survey,
        centre=centre,
        defaults={
            "status": status,
            "invited_at": survey.sent_at,
            "updated_at": updated_at if status != SurveyResponse.Status.NOT_STARTED else None,
            "updated_by": user if status != SurveyResponse.Status.NOT_STARTED else None,
            "submitted_at": submitted_at,
            "submitted_by": user if submitted_at else None,
        },
    )
    context.report.count("svar fra sentraler", created)
    for key, value in item["answers"].items():
        question = questions[key]
        # «Utdyp gjerne»: what the centre wrote beside its answer (seed 000: Frogner).
        comment = item.get("comments", {}).get(key, "")
        fields = {"text": "", "items": [], "number": None, "comment": comment}
        if isinstance(value, list):
            fields["items"] = value
        elif isinstance(value, int):
            fields["number"] = value
        else:
            fields["text"] = value
        _answer, created = Answer.objects.update_or_create(
            response=response, question=question, defaults=fields
        )
        context.report.count("svar på spørsmål", created)
    response.answers.exclude(question__in=[questions[key] for key in item["answers"]]).delete()
