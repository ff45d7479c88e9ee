"""Answering a survey for a centre: its leader, the coordinator on its behalf, or whoever
holds the centre's personal answer link (no login)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frivillig.lib.access import is_coordinator_of
from frivillig.lib.posted import posted_int, whole_number

from .. import access, answering, kinds, profile, sending
from ..models import (
    IncompleteResponse,
    Question,
    ResponseLocked,
    StaleResponse,
    Survey,
    SurveyResponse,
)
from ..previous import previous_answers, use_previous
from ..questions import condition_label, display_order


def rows(questions, values, errors, previous=None):
    """What the form template needs per question: the current answer, its error,
    whether it is shown now, and the condition written out for follow-ups; and, ready
    to print, the ids, aria-describedby and each option with its id and checked state
    (the template's per-field logic and number formatting were most of the page's cost).
    """
    shown = answering.shown_ids(questions, values)
    result = []
    for q in questions:
        answer = values.get(q.pk)
        if answer is not None:
            answer.question = q  # loaded already: the read-only answer shows the unit
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
        options = kinds.answer_options(q)
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
                "first_id": field_id if q.kind in kinds.ONE_FIELD_KINDS else f"{field_id}_1",
                "other": answer.other if answer else "",
                "comment": answer.comment if answer else "",
                "previous": (previous or {}).get(q.pk),
            }
        )
    return result


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


class Answerer:
    """Who answers on the page, and where the page lives: a signed-in user at
    surveys:answer, or the holder of the centre's answer link (`by` None)."""

    def __init__(self, request, survey, centre, *, link=None):
        self.link = link
        if link is not None:
            self.by, self.may_answer, self.on_behalf, self.can_reopen = None, True, False, False
            self.here = reverse("surveys:link_answer", args=[link.token])
            self.save_url = ""
        else:
            user = request.user
            self.by = user
            self.may_answer = access.can_answer_for_centre(user, centre)
            self.on_behalf = access.answers_on_behalf(user, centre)
            self.can_reopen = is_coordinator_of(user, survey.municipality_id)
            self.here = reverse("surveys:answer", args=[survey.pk, centre.slug])
            self.save_url = reverse("surveys:answer_save", args=[survey.pk, centre.slug])


def _render(request, survey, centre, response, questions, values, errors=None, **extra):
    who = extra.pop("who", None) or Answerer(request, survey, centre)
    may_answer = who.may_answer
    closed = answering.closed_reason(response)
    errors = errors or {}
    editable = may_answer and not closed
    earlier = previous_answers(questions, centre) if editable else {}
    all_rows = rows(questions, values, errors, earlier)
    context = {
        "survey": survey,
        "centre": centre,
        "response": response,
        "rows": all_rows,
        "shown_rows": [r for r in all_rows if r["shown"]],
        "errors": errors,
        "progress": answering.progress(questions, values),
        "editable": editable,
        "has_previous": bool(earlier),
        "closed_reason": closed,
        "may_answer": may_answer,
        "on_behalf": who.on_behalf,
        "link_mode": who.link is not None,
        "here": who.here,
        "save_url": who.save_url,
        "can_reopen": response.is_submitted and who.can_reopen,
        "revision": response.revision,
        "preview": False,
        **extra,
    }
    return render(request, "surveys/answer.html", context, status=extra.pop("status", 200))


def answer(request, pk, slug):
    survey, centre, response, questions = _load(request, pk, slug)
    if request.method == "POST":
        access.require_answer_for_centre(request.user, centre)
    return _answer(request, survey, centre, response, questions, Answerer(request, survey, centre))


@login_not_required
@never_cache
def link_answer(request, token):
    """The centre's personal answer link: its response only, without a login, while the
    survey takes answers (404 once revoked, closed or past the deadline)."""
    link = sending.find_answer_link(token)
    if link is None:
        return render(request, "surveys/answer_link_invalid.html", status=404)
    response = link.response
    survey, centre = response.survey, response.centre
    questions = display_order(list(survey.questions.all()))
    who = Answerer(request, survey, centre, link=link)
    return _answer(request, survey, centre, response, questions, who)


def _answer(request, survey, centre, response, questions, who):
    if request.method != "POST":
        values = answering.values_from_answers(response.answers.all())
        if not response.is_submitted:
            values = profile.prefilled(questions, values, centre)
        return _render(request, survey, centre, response, questions, values, who=who)
    if response.is_submitted:
        messages.error(request, _("Svaret er allerede sendt inn."))
        return redirect(who.here)
    if reason := answering.closed_reason(response):
        messages.error(request, reason)
        return redirect(who.here)
    action = request.POST.get("action", "save")
    if action == "confirm":
        return _confirm(request, survey, centre, response, questions, who)
    values = answering.values_from_post(questions, request.POST)
    if action.startswith("previous:"):
        # «Bruk fjorårets svar»: filled in on the page, stored when the leader saves.
        earlier = previous_answers(questions, centre)
        if use_previous(questions, values, earlier, action.removeprefix("previous:")):
            messages.info(
                request, _("Fjorårets svar er fylt inn. Se over, og lagre eller send inn.")
            )
        return _render(request, survey, centre, response, questions, values, who=who)
    revision = posted_int(request, "revision")
    if action == "submit":
        errors = answering.validate(questions, values, complete=True)
    else:
        errors = answering.character_errors(questions, values)
    if errors:
        # Nothing is saved; the page comes back with everything typed and the errors.
        draft = action != "submit"
        return _render(
            request, survey, centre, response, questions, values, errors, draft=draft, who=who
        )
    try:
        answering.save_answers(
            response=response,
            values=values,
            by=who.by,
            revision=revision,
            questions=questions,
        )
    except StaleResponse:
        return _conflict(request, survey, centre, response, questions, values, who)
    except ResponseLocked as error:
        messages.error(request, str(error))
        return redirect(who.here)
    if action == "submit":
        return _confirm_page(request, survey, centre, response, questions, values, who)
    messages.success(
        request,
        _("Utkastet er lagret kl. %(time)s.")
        % {"time": timezone.localtime(response.updated_at).strftime("%H:%M")},
    )
    return redirect(who.here)


def _conflict(request, survey, centre, response, questions, values, who):
    """Someone saved since this form was rendered: keep what this user typed, show the
    newer saved answers, and let the next save go over them knowingly."""
    own = answering.saved_since_by_same_person(response, who.by)
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
        own_conflict=own,
        newer_rows=newer_rows,
        status=409,
        who=who,
    )


def _confirm_page(request, survey, centre, response, questions, values, who, **extra):
    """«Send inn svaret?»: the answers, and what submitting would change in the profile."""
    return render(
        request,
        "surveys/answer_confirm.html",
        {
            "survey": survey,
            "centre": centre,
            "response": response,
            "rows": [r for r in rows(questions, values, {}) if r["shown"]],
            "progress": answering.progress(questions, values),
            "profile_changes": profile.changes(questions, values, centre),
            "here": who.here,
            "link_mode": who.link is not None,
            **extra,
        },
        status=extra.pop("status", 200),
    )


def _confirm(request, survey, centre, response, questions, who):
    try:
        profile.submit_response(
            response=response,
            by=who.by,
            revision=posted_int(request, "revision"),
            questions=questions,
            update_profile=request.POST.get("update_profile") == "yes",
            seen={f: request.POST.getlist(f"seen_{f}") for f in Question.ProfileField.values},
        )
    except profile.ProfileChanged:
        # Someone changed the profile since the page showed it: nothing is submitted;
        # the page comes back with the profile as it is now.
        response.refresh_from_db()
        values = answering.values_from_answers(response.answers.all())
        return _confirm_page(
            request,
            survey,
            centre,
            response,
            questions,
            values,
            who,
            profile_conflict=True,
            status=409,
        )
    except IncompleteResponse as error:
        values = answering.values_from_answers(response.answers.all())
        return _render(request, survey, centre, response, questions, values, error.errors, who=who)
    except StaleResponse:
        if answering.saved_since_by_same_person(response, who.by):
            message = _(
                "Svaret ble lagret på nytt fra en annen fane eller et annet vindu etter at "
                "du så over det, og er ikke sendt inn. Se over svarene og send inn på nytt."
            )
        else:
            message = _(
                "Svaret ble endret av noen andre etter at du så over det, og er ikke sendt "
                "inn. Se over svarene og send inn på nytt."
            )
        messages.error(request, message)
    except ResponseLocked as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Takk! Svaret fra %(centre)s er sendt inn.") % {"centre": centre.name},
        )
    return redirect(who.here)


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
        if answering.saved_since_by_same_person(response, request.user):
            message = _(
                "Ikke lagret: du har lagret svaret i en annen fane eller et annet vindu i "
                "mellomtiden. Trykk «Lagre utkast» for å se de nyeste svarene; det du har "
                "skrevet, beholdes."
            )
        else:
            message = _(
                "Ikke lagret: noen andre har lagret svaret i mellomtiden. Trykk «Lagre "
                "utkast» for å se de nyeste svarene; det du har skrevet, beholdes."
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
