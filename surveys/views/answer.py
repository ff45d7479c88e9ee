"""Answering a survey for a centre (centre leader)."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.lib.access import is_coordinator_of
from frivillig.lib.posted import posted_int, whole_number

from .. import access, answering
from ..models import (
    IncompleteResponse,
    Question,
    ResponseLocked,
    StaleResponse,
    Survey,
    SurveyResponse,
)
from ..questions import condition_label, display_order


def rows(questions, values, errors):
    """What the form template needs per question: the current answer, its error,
    whether it is shown now, and the condition written out for follow-ups; and, ready
    to print, the ids, aria-describedby and each option with its id and checked state
    (the template's per-field logic and number formatting were most of the page's cost).
    """
    shown = answering.shown_ids(questions, values)
    result = []
    for q in questions:
        answer = values.get(q.pk)
        items = list(answer.items) if answer else []
        text = answer.text if answer else ""
        number = str(answer.number) if answer and answer.number is not None else ""
        condition = ""
        if q.parent_id and q.show_when:
            condition = _("Svar bare hvis du svarte %(value)s på %(number)s.") % {
                "value": condition_label(q.parent, q.show_when),
                "number": q.parent.number,
            }
        error = errors.get(q.pk, "")
        field_id = f"q{q.pk}"
        described = [
            f"{field_id}_{part}"
            for part, present in (("error", error), ("condition", condition), ("help", q.help_text))
            if present
        ]
        ranked = (
            [(n, items[n - 1] if n <= len(items) else "") for n in range(1, q.rank_count + 1)]
            if q.kind == Question.Kind.RANKED
            else []
        )
        options = _options(q)
        if q.kind == Question.Kind.MULTIPLE:
            checked = set(items)
        else:
            checked = {number if q.kind == Question.Kind.SCALE else text}
        result.append(
            {
                "q": q,
                "answer": answer,
                "text": text,
                "number": number,
                "items": items,
                "ranked": ranked,
                "ranked_inputs": [(str(n), f"{field_id}_{n}", value) for n, value in ranked],
                "options": options,
                "option_inputs": [
                    (f"{field_id}_{n}", value, label, value in checked)
                    for n, (value, label) in enumerate(options, start=1)
                ],
                "error": error,
                "shown": q.pk in shown,
                "condition": condition,
                "id": field_id,
                "describedby": " ".join(described),
                "first_id": field_id if q.kind in Question.TEXT_KINDS else f"{field_id}_1",
            }
        )
    return result


def _options(q):
    if q.kind == Question.Kind.SCALE:
        labels = {1: _("1 – svært lite"), 3: _("3 – middels"), 5: _("5 – svært mye")}
        return [(str(n), labels.get(n, str(n))) for n in Question.SCALE_RANGE]
    if q.kind in Question.COUNTED_KINDS:  # yes/no and the choices
        return [(value, condition_label(q, value)) for value in q.option_values()]
    return []


def _load(request, pk, slug):
    survey = access.get_survey_for_user(
        request.user, pk, queryset=Survey.objects.select_related("municipality")
    )
    if request.user.municipality_id == survey.municipality_id:
        # The navbar names the user's municipality: the survey's, already loaded.
        request.user.municipality = survey.municipality
    response = access.get_response_for_user(
        request.user,
        survey,
        slug,
        queryset=SurveyResponse.objects.select_related(
            "survey", "centre", "updated_by", "submitted_by"
        ),
    )
    centre = response.centre
    questions = display_order(list(survey.questions.all()))
    return survey, centre, response, questions


def _render(request, survey, centre, response, questions, values, errors=None, **extra):
    may_answer = access.can_answer_for_centre(request.user, centre)
    closed = answering.closed_reason(response)
    errors = errors or {}
    all_rows = rows(questions, values, errors)
    context = {
        "survey": survey,
        "centre": centre,
        "response": response,
        "rows": all_rows,
        "shown_rows": [r for r in all_rows if r["shown"]],
        "errors": errors,
        "progress": answering.progress(questions, values),
        "editable": may_answer and not closed,
        "closed_reason": closed,
        "may_answer": may_answer,
        "can_reopen": response.is_submitted
        and is_coordinator_of(request.user, survey.municipality_id),
        "revision": response.revision,
        "preview": False,
        **extra,
    }
    return render(request, "surveys/answer.html", context, status=extra.pop("status", 200))


def answer(request, pk, slug):
    survey, centre, response, questions = _load(request, pk, slug)
    if request.method != "POST":
        values = answering.values_from_answers(response.answers.all())
        return _render(request, survey, centre, response, questions, values)

    access.require_answer_for_centre(request.user, centre)
    if response.is_submitted:
        messages.error(request, _("Svaret er allerede sendt inn."))
        return redirect("surveys:answer", survey.pk, centre.slug)
    if reason := answering.closed_reason(response):
        messages.error(request, reason)
        return redirect("surveys:answer", survey.pk, centre.slug)
    action = request.POST.get("action", "save")
    if action == "confirm":
        return _confirm(request, survey, centre, response, questions)
    values = answering.values_from_post(questions, request.POST)
    revision = posted_int(request, "revision")
    if action == "submit":
        errors = answering.validate(questions, values, complete=True)
    else:
        errors = answering.character_errors(questions, values)
    if errors:
        # Nothing is saved; the page comes back with everything typed and the errors.
        draft = action != "submit"
        return _render(request, survey, centre, response, questions, values, errors, draft=draft)
    try:
        answering.save_answers(
            response=response,
            values=values,
            by=request.user,
            revision=revision,
            questions=questions,
        )
    except StaleResponse:
        return _conflict(request, survey, centre, response, questions, values)
    except ResponseLocked as error:
        messages.error(request, str(error))
        return redirect("surveys:answer", survey.pk, centre.slug)
    if action == "submit":
        return render(
            request,
            "surveys/answer_confirm.html",
            {
                "survey": survey,
                "centre": centre,
                "response": response,
                "rows": [r for r in rows(questions, values, {}) if r["shown"]],
                "progress": answering.progress(questions, values),
            },
        )
    messages.success(
        request,
        _("Utkastet er lagret kl. %(time)s.")
        % {"time": timezone.localtime(response.updated_at).strftime("%H:%M")},
    )
    return redirect("surveys:answer", survey.pk, centre.slug)


def _conflict(request, survey, centre, response, questions, values):
    """Someone saved since this form was rendered: keep what this user typed, show the
    newer saved answers, and let the next save go over them knowingly."""
    response.refresh_from_db()
    newer = answering.values_from_answers(response.answers.all())
    newer_rows = [r for r in rows(questions, newer, {}) if r["answer"] is not None]
    return _render(
        request,
        survey,
        centre,
        response,
        questions,
        values,
        conflict=True,
        newer_rows=newer_rows,
        status=409,
    )


def _confirm(request, survey, centre, response, questions):
    try:
        answering.submit_response(
            response=response,
            by=request.user,
            revision=posted_int(request, "revision"),
            questions=questions,
        )
    except IncompleteResponse as error:
        values = answering.values_from_answers(response.answers.all())
        return _render(request, survey, centre, response, questions, values, error.errors)
    except StaleResponse:
        messages.error(
            request,
            _(
                "Svaret ble endret av noen andre etter at du så over det, og er ikke sendt "
                "inn. Se over svarene og send inn på nytt."
            ),
        )
    except ResponseLocked as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Takk! Svaret fra %(centre)s er sendt inn.") % {"centre": centre.name},
        )
    return redirect("surveys:answer", survey.pk, centre.slug)


@require_POST
def answer_save(request, pk, slug):
    """Autosave from static/js/surveys.js: the same draft save, answered in JSON."""
    survey, centre, response, questions = _load(request, pk, slug)
    access.require_answer_for_centre(request.user, centre)
    values = answering.values_from_post(questions, request.POST)
    if reason := answering.closed_reason(response):
        return JsonResponse({"ok": False, "message": reason}, status=409)
    if (revision := whole_number(request.POST.get("revision", ""))) is None:
        # Not what the form sends: the page in the tab is not the portal's form.
        message = _("Ikke lagret: last inn siden på nytt og prøv igjen.")
        return JsonResponse({"ok": False, "message": message}, status=400)
    if errors := answering.character_errors(questions, values):
        message = _("Ikke lagret: %(error)s") % {"error": next(iter(errors.values()))}
        return JsonResponse(
            {"ok": False, "message": message, "errors": {f"q{pk}": e for pk, e in errors.items()}},
            status=400,
        )
    try:
        answering.save_answers(
            response=response,
            values=values,
            by=request.user,
            revision=revision,
            questions=questions,
        )
    except StaleResponse:
        message = _(
            "Ikke lagret: noen andre har lagret svaret i mellomtiden. Trykk «Lagre utkast» "
            "for å se de nyeste svarene; det du har skrevet, beholdes."
        )
        return JsonResponse({"ok": False, "message": message}, status=409)
    except ResponseLocked as error:
        return JsonResponse({"ok": False, "message": str(error)}, status=409)
    answered, asked = answering.progress(questions, values)
    return JsonResponse(
        {
            "ok": True,
            "revision": response.revision,
            "message": _("Lagret kl. %(time)s")
            % {"time": timezone.localtime(response.updated_at).strftime("%H:%M")},
            "progress": _("%(answered)s av %(asked)s besvart")
            % {"answered": answered, "asked": asked},
        }
    )
