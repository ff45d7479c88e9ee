"""The builder's preview: the question being written, as the centre will see it in the
answer form (the answer form's own template and rows), saved or not."""

import copy

from ..questions import display_order
from .answer import rows


def question_preview(form, survey) -> dict | None:
    """The row the answer form's template shows, from what the form holds: the posted
    question (valid or not: what could be read), else the saved one; None before a
    question has any text."""
    question = form.instance
    if form.is_bound:
        form.is_valid()  # builds form.instance from what could be read
    if not question.kind or not question.text:
        return None
    shown = copy.copy(question)
    shown.pk, shown.id = 0, 0
    shown.parent_id, shown.parent, shown.show_when = None, None, ""
    ordered = display_order(list(survey.questions.all()))
    numbers = {q.pk: q.number for q in ordered}
    mains = sum(1 for q in ordered if not q.parent_id)
    shown.number = numbers.get(question.pk) or str(mains + 1)
    if not isinstance(shown.choices, list):
        shown.choices = []
    return rows([shown], {}, {})[0]
