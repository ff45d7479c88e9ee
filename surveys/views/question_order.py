"""Reordering a draft's questions from the survey page: up and down, into the follow-ups
of the question above and out of them. Each is a POST form that works without
JavaScript (back to the survey page); static/js/question-order.js sends the same form
with fetch and gets the list again and a sentence for the screen reader, so the page
stays where it is and the focus on the question moved."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..follow_ups import make_follow_up, make_main_question, mark_moves
from ..questions import display_order, move_question
from .build import _draft_survey

FETCHED = "fetch"  # the X-Requested-With header of static/js/question-order.js


def _is_fetched(request) -> bool:
    return request.headers.get("X-Requested-With") == FETCHED


def _numbered(survey) -> list:
    return mark_moves(display_order(list(survey.questions.all())))


def _moved(request, survey, question_pk, message: str, *, done: bool = True):
    """The answer to a move: the list again and the sentence (fetch), or the survey page
    at the question with the sentence as its message."""
    if _is_fetched(request):
        questions = _numbered(survey)
        html = render_to_string(
            "surveys/includes/question_list.html",
            {"survey": survey, "questions": questions},
            request=request,
        )
        return JsonResponse({"html": html, "message": message, "question": question_pk})
    (messages.success if done else messages.info)(request, message)
    return redirect(f"{reverse('surveys:detail', args=[survey.pk])}#question-{question_pk}")


def _draft_question(request, pk, question_pk):
    survey, refused = _draft_survey(request, pk)
    if refused:
        if _is_fetched(request):
            message = _("Undersøkelsen er sendt, så spørsmålene kan ikke endres lenger.")
            return survey, None, JsonResponse({"message": message}, status=409)
        return survey, None, refused
    return survey, get_object_or_404(survey.questions, pk=question_pk), None


def _number_of(survey, question_pk) -> str:
    return next(q.number for q in _numbered(survey) if q.pk == question_pk)


@require_POST
def question_move(request, pk, question_pk, direction):
    if direction not in ("opp", "ned"):
        raise Http404
    survey, question, refused = _draft_question(request, pk, question_pk)
    if refused:
        return refused
    before = _number_of(survey, question.pk)
    move_question(question=question, up=direction == "opp")
    after = _number_of(survey, question.pk)
    if before == after:
        message = _("Spørsmål %(number)s står allerede øverst.") % {"number": before}
        if direction == "ned":
            message = _("Spørsmål %(number)s står allerede nederst.") % {"number": before}
    elif direction == "opp":
        message = _("Spørsmål %(before)s er flyttet opp og er nå spørsmål %(after)s.") % {
            "before": before,
            "after": after,
        }
    else:
        message = _("Spørsmål %(before)s er flyttet ned og er nå spørsmål %(after)s.") % {
            "before": before,
            "after": after,
        }
    return _moved(request, survey, question.pk, message, done=before != after)


@require_POST
def question_follow_up(request, pk, question_pk):
    """«Gjør til oppfølging av 2»: into the follow-ups of the main question above."""
    survey, question, refused = _draft_question(request, pk, question_pk)
    if refused:
        return refused
    before = _number_of(survey, question.pk)
    main = make_follow_up(question=question)
    if main is None:
        message = _(
            "Spørsmål %(number)s kan ikke bli et oppfølgingsspørsmål: det er det første, "
            "er allerede et oppfølgingsspørsmål eller har egne oppfølgingsspørsmål."
        ) % {"number": before}
        return _moved(request, survey, question.pk, message, done=False)
    message = _(
        "Spørsmål %(before)s er nå oppfølgingsspørsmål %(after)s til spørsmål %(main)s."
    ) % {"before": before, "after": _number_of(survey, question.pk), "main": main.number}
    return _moved(request, survey, question.pk, message)


@require_POST
def question_main(request, pk, question_pk):
    """«Gjør til hovedspørsmål»: out of the follow-ups, right after its main question."""
    survey, question, refused = _draft_question(request, pk, question_pk)
    if refused:
        return refused
    before = _number_of(survey, question.pk)
    if not make_main_question(question=question):
        message = _("Spørsmål %(number)s er allerede et hovedspørsmål.") % {"number": before}
        return _moved(request, survey, question.pk, message, done=False)
    message = _("Spørsmål %(before)s er nå hovedspørsmål %(after)s.") % {
        "before": before,
        "after": _number_of(survey, question.pk),
    }
    return _moved(request, survey, question.pk, message)
