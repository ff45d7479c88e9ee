"""Moving a question into or out of a follow-up from the builder's list, without opening
its form: a main question becomes the last follow-up of the main question just above it
(asked always; the answer that shows it is chosen in its form), and a follow-up becomes
the main question right after the one it belonged to. The condition of a follow-up
moved out is dropped: it spoke of the question it leaves."""

from django.db import transaction

from .models import Question
from .questions import display_order, renumber


def mark_moves(questions: list[Question]) -> list[Question]:
    """Gives each question of `questions` (in display order) `follow_up_of`: the main
    question it can become a follow-up of (the one just above it), or None: the first
    question, a follow-up, and a question with follow-ups of its own stay as they are."""
    with_follow_ups = {q.parent_id for q in questions if q.parent_id}
    above = None
    for q in questions:
        q.follow_up_of = None
        if q.parent_id:
            continue
        if q.pk not in with_follow_ups:
            q.follow_up_of = above
        above = q
    return questions


def _loaded(question) -> tuple[list[Question], Question]:
    questions = display_order(list(question.survey.questions.all()))
    return questions, next(q for q in questions if q.pk == question.pk)


@transaction.atomic
def make_follow_up(*, question) -> Question | None:
    """Makes a main question a follow-up of the main question above it; returns that
    question, or None when it cannot move (see mark_moves)."""
    questions, question = _loaded(question)
    mark_moves(questions)
    main = question.follow_up_of
    if main is None:
        return None
    # Its order already lies after every follow-up of the question above, and before
    # the next main question: renumbering keeps it in its place, now the last follow-up.
    question.parent, question.show_when = main, ""
    question.save(update_fields=["parent", "show_when"])
    renumber(question.survey)
    return main


@transaction.atomic
def make_main_question(*, question) -> bool:
    """Makes a follow-up a main question, right after the one it belonged to; False when
    it is a main question already."""
    questions, question = _loaded(question)
    if not question.parent_id:
        return False
    # Its order lies between the question it belonged to and the next main question,
    # so it comes right after that question's group (the follow-ups that were after it
    # stay with their main question, shown before it).
    question.parent, question.show_when = None, ""
    question.save(update_fields=["parent", "show_when"])
    renumber(question.survey)
    return True
