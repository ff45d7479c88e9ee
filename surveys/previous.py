"""Last year's answers, one click away: for a question copied from the previous round,
the centre's submitted answer to the question it was copied from, and filling it in
when the leader asks («Bruk fjorårets svar», per question or for the whole form)."""

from .models import Answer

USE_ALL = "all"


def previous_answers(questions, centre) -> dict[int, Answer]:
    """{question id: the centre's submitted answer last round}, in one query (none
    when no question was copied). Only an answer of the same kind of question."""
    copied = {q.copied_from_id: q for q in questions if q.copied_from_id}
    if not copied:
        return {}
    found = (
        Answer.objects.submitted()
        .answered()
        .filter(response__centre=centre, question_id__in=list(copied))
        .select_related("question")
    )
    return {
        copied[a.question_id].pk: a for a in found if a.question.kind == copied[a.question_id].kind
    }


def use_previous(questions, values: dict, previous: dict, which: str) -> int:
    """Puts last year's answer into `values` for the question `which` (its id) or for
    every question (USE_ALL); returns how many were filled in. Nothing is stored: the
    leader sees them in the form and saves or changes them."""
    used = 0
    for q in questions:
        old = previous.get(q.pk)
        if old is None or (which != USE_ALL and which != str(q.pk)):
            continue
        values[q.pk] = Answer(
            question_id=q.pk,
            text=old.text,
            items=list(old.items),
            number=old.number,
            other=old.other,
        )
        used += 1
    return used
