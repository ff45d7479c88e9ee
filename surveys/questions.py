"""Building a survey's questions: the order and numbering a centre sees ("4", "4a"), the
words of a follow-up's condition, editing the questions of a draft, and copying a survey
to a new round."""

from collections import defaultdict

from django.db import transaction
from django.utils.translation import gettext as _

from frivillig.lib import history

from .models import Question, Survey

FOLLOW_UP_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def display_order(questions) -> list[Question]:
    """Main questions by order, each followed by its follow-ups; each question gets a
    `number` ("4", "4a") for labels, messages and conditions written out. The one way a
    question is numbered: the answer form, the coordinator's page and the results."""
    mains = sorted((q for q in questions if not q.parent_id), key=lambda q: (q.order, q.pk))
    children = defaultdict(list)
    for q in questions:
        if q.parent_id:
            children[q.parent_id].append(q)
    ordered = []
    for index, main in enumerate(mains, start=1):
        main.number = str(index)
        ordered.append(main)
        for sub_index, child in enumerate(sorted(children[main.pk], key=lambda q: (q.order, q.pk))):
            child.number = f"{index}{FOLLOW_UP_LETTERS[sub_index % 26]}"
            child.parent = main
            child.show_when_label = condition_label(main, child.show_when)
            ordered.append(child)
    return ordered


def condition_label(question: Question, value: str) -> str:
    """A question's value as a person reads it: "Ja", "Nei", "3" or the choice itself."""
    if question.kind == Question.Kind.YES_NO:
        return _("Ja") if value == Question.YES else _("Nei")
    return value


# --- editing questions while the survey is a draft -------------------------------------


def _write_order(questions) -> None:
    """Stores the order of the questions whose order changed, with their history."""
    if questions:
        Question.objects.bulk_update(questions, ["order"])
        history.record((history.CHANGED, questions))


def _renumbered(questions) -> list[Question]:
    """Gives the questions positions 1, 2, … in the order given; returns those moved."""
    moved = []
    for position, q in enumerate(questions, start=1):
        if q.order != position:
            q.order = position
            moved.append(q)
    return moved


def renumber(survey) -> None:
    _write_order(_renumbered(display_order(list(survey.questions.all()))))


@transaction.atomic
def move_question(*, question, up: bool) -> None:
    """Swaps a question with its neighbour among its siblings (main questions move with
    their follow-ups)."""
    survey = question.survey
    questions = display_order(list(survey.questions.all()))
    siblings = [q for q in questions if q.parent_id == question.parent_id]
    index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    _write_order(_renumbered(siblings))
    renumber(survey)


def add_question(*, question) -> Question:
    last = question.survey.questions.order_by("-order").values_list("order", flat=True).first()
    question.order = (last or 0) + 1
    question.save()
    renumber(question.survey)
    return question


def delete_question(*, question) -> None:
    """Deletes a question of a draft (with its follow-ups) and closes the gap."""
    survey = question.survey
    question.delete()
    renumber(survey)


# --- the results' summary, once the answers are in --------------------------------------


@transaction.atomic
def set_summary(*, question, summary: str) -> None:
    """The coordinator's summary of a question's results; "" gives back the portal's own,
    written from the answers."""
    question.summary = summary
    question.save(update_fields=["summary"])
    question.survey.results_changed()


# --- a new round -----------------------------------------------------------------------

COPIED_FIELDS = [
    "order",
    "kind",
    "text",
    "help_text",
    "required",
    "rank_count",
    "choices",
    "max_length",
    "show_when",
    "allow_other",
    "allow_comment",
    "scale_min",
    "scale_max",
    "scale_low",
    "scale_high",
    "unit",
    "number_min",
    "number_max",
    "profile_field",
]


@transaction.atomic
def copy_survey(*, survey, by, round: int | None = None) -> Survey:
    """A draft for the next round with the same questions and follow-ups; each question
    remembers the one it was copied from, so rounds can be compared."""
    new_round = round or survey.round + 1
    copy = Survey.objects.create(
        municipality_id=survey.municipality_id,
        title=survey.title.replace(str(survey.round), str(new_round)),
        introduction=survey.introduction,
        round=new_round,
        deadline=survey.deadline.replace(year=survey.deadline.year + (new_round - survey.round)),
        copied_from=survey,
        created_by=by,
    )
    questions = list(survey.questions.order_by("parent_id", "order", "pk"))
    mains = [q for q in questions if not q.parent_id]
    new_mains = Question.objects.bulk_create(
        [Question(survey=copy, copied_from=q, **_copied(q)) for q in mains]
    )
    new_by_old = {old.pk: new for old, new in zip(mains, new_mains, strict=True)}
    new_follow_ups = Question.objects.bulk_create(
        [
            Question(survey=copy, copied_from=q, parent=new_by_old[q.parent_id], **_copied(q))
            for q in questions
            if q.parent_id
        ]
    )
    history.record((history.CREATED, new_mains + new_follow_ups), by=by)
    return copy


def _copied(question: Question) -> dict:
    return {name: getattr(question, name) for name in COPIED_FIELDS}
