"""Building, sending and following up a survey (coordinator)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from centres.access import own_centre
from centres.models import recipients_by_centre
from frivillig.lib import changelog
from frivillig.lib.access import is_coordinator_of, require_coordinator

from .. import access, answering, sending
from ..follow_ups import mark_moves
from ..forms import QuestionForm, SurveyForm
from ..models import Answer, AnswerLink, Question, ResponseLocked, Survey, SurveyResponse
from ..questions import add_question, copy_survey, delete_question, display_order
from .answer import rows
from .preview import question_preview


def survey_list(request):
    user = request.user
    surveys = access.visible_surveys(user, Survey.objects.all()).with_response_counts()
    centre = own_centre(user)
    if centre:
        own = SurveyResponse.objects.filter(survey=OuterRef("pk"), centre_id=centre.pk)
        surveys = list(
            surveys.filter(Exists(own)).annotate(own_status=Subquery(own.values("status")[:1]))
        )
        for survey in surveys:
            # The status read with the survey, as a response the template asks for its
            # badge and label (no query per survey).
            survey.own_response = SurveyResponse(status=survey.own_status)
    return render(
        request,
        "surveys/survey_list.html",
        {
            "surveys": surveys,
            "can_manage": is_coordinator_of(user),
            "own_centre": centre,
        },
    )


def survey_create(request):
    require_coordinator(request.user)
    if request.user.municipality_id is None:
        messages.info(request, _("Undersøkelser opprettes av kommunens koordinator."))
        return redirect("surveys:list")
    today = timezone.localdate()
    survey = Survey(municipality_id=request.user.municipality_id, created_by=request.user)
    return _edit(request, survey, _("Ny undersøkelse"), initial={"round": today.year})


def survey_edit(request, pk):
    survey = access.get_survey_for_user(request.user, pk, write=True)
    return _edit(request, survey, _("Rediger undersøkelsen"))


def _edit(request, survey, page_title, initial=None):
    form = SurveyForm(request.POST or None, instance=survey, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            survey = form.save()
            messages.success(request, _("Undersøkelsen «%(title)s» er lagret.") % {"title": survey})
            return redirect("surveys:detail", survey.pk)
        messages.error(request, _("Undersøkelsen ble ikke lagret. Rett feilene som er merket."))
    return render(
        request,
        "surveys/survey_form.html",
        {"form": form, "survey": survey, "page_title": page_title},
    )


def survey_detail(request, pk):
    """The coordinator's hub: status, questions, who has answered, and the actions."""
    survey = access.get_survey_for_user(
        request.user,
        pk,
        write=True,
        queryset=Survey.objects.select_related("meeting", "copied_from"),
    )
    questions = mark_moves(display_order(list(survey.questions.all())))
    responses = list(
        survey.responses.select_related("centre", "submitted_by", "updated_by")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.only(
                    "response_id", "question_id", "text", "items", "number"
                ),
            )
        )
        .order_by("centre__name")
    )
    counts = {status: 0 for status in SurveyResponse.Status.values}
    links = {
        link.response_id: link
        for link in AnswerLink.objects.working().filter(response__survey=survey)
    }
    for response in responses:
        counts[response.status] += 1
        response.answered, response.asked = answering.response_progress(response, questions)
        link = links.get(response.pk)
        response.link_url = sending.answer_link_url(link) if link else ""
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "questions": questions,
            "responses": responses,
            "counts": counts,
            "today": timezone.localdate(),
            # Open for answers: the coordinator answers for a centre and hands out links.
            "takes_answers": survey.accepts_answers(),
            "unreachable": sending.unreachable_centres(survey) if survey.is_open else [],
            "changelog": changelog.for_page(
                request.user, "undersokelse", survey, survey.municipality_id
            ),
        },
    )


def survey_preview(request, pk):
    survey = access.get_survey_for_user(request.user, pk, write=True)
    questions = display_order(list(survey.questions.all()))
    return render(
        request,
        "surveys/answer.html",
        {
            "survey": survey,
            "centre": None,
            "rows": rows(questions, {}, {}),
            "preview": True,
            "editable": False,
            "progress": answering.progress(questions, {}),
        },
    )


# --- questions -------------------------------------------------------------------------


def _draft_survey(request, pk):
    survey = access.get_survey_for_user(request.user, pk, write=True)
    if not survey.is_draft:
        messages.error(
            request,
            _("Undersøkelsen er sendt, så spørsmålene kan ikke endres lenger."),
        )
        return survey, redirect("surveys:detail", survey.pk)
    return survey, None


def question_add(request, pk):
    survey, refused = _draft_survey(request, pk)
    if refused:
        return refused
    return _edit_question(request, survey, Question(survey=survey), _("Nytt spørsmål"))


def question_edit(request, pk, question_pk):
    survey, refused = _draft_survey(request, pk)
    if refused:
        return refused
    question = get_object_or_404(survey.questions, pk=question_pk)
    return _edit_question(request, survey, question, _("Rediger spørsmål"))


def _edit_question(request, survey, question, page_title):
    form = QuestionForm(request.POST or None, instance=question)
    # «Forhåndsvis» (and the builder's script, asking for the preview alone) saves nothing.
    previewing = "preview" in request.POST
    if request.method == "POST" and not previewing:
        if form.is_valid():
            if question.pk:
                form.save()
            else:
                add_question(question=form.save(commit=False))
            messages.success(request, _("Spørsmålet er lagret."))
            return redirect(f"{_detail_url(survey)}#question-{question.pk}")
        messages.error(request, _("Spørsmålet ble ikke lagret. Rett feilene som er merket."))
    preview = question_preview(form, survey)
    if previewing and request.headers.get("X-Preview"):
        return render(request, "surveys/includes/question_preview.html", {"preview": preview})
    return render(
        request,
        "surveys/question_form.html",
        {
            "form": form,
            "survey": survey,
            "question": question,
            "page_title": page_title,
            "kind_sections": form.kind_sections(),
            "preview": preview,
        },
    )


def _detail_url(survey):
    return reverse("surveys:detail", args=[survey.pk])


def question_delete(request, pk, question_pk):
    """GET asks for confirmation (a page that works without JavaScript); POST deletes."""
    survey, refused = _draft_survey(request, pk)
    if refused:
        return refused
    question = get_object_or_404(survey.questions, pk=question_pk)
    if request.method != "POST":
        return render(
            request,
            "surveys/question_confirm_delete.html",
            {"survey": survey, "question": question, "follow_ups": question.follow_ups.all()},
        )
    text = question.text
    delete_question(question=question)
    messages.success(request, _("Spørsmålet «%(text)s» er slettet.") % {"text": text})
    return redirect("surveys:detail", survey.pk)


# --- status actions --------------------------------------------------------------------


@require_POST
def survey_copy(request, pk):
    survey = access.get_survey_for_user(request.user, pk, write=True)
    copy = copy_survey(survey=survey, by=request.user)
    messages.success(
        request,
        _("Kopien for runde %(round)s er laget som utkast. Se over spørsmålene og fristen.")
        % {"round": copy.round},
    )
    return redirect("surveys:detail", copy.pk)


def survey_send(request, pk):
    """GET shows who will be invited and asks for confirmation; POST sends."""
    survey = access.get_survey_for_user(request.user, pk, write=True)
    if request.method != "POST":
        return render(
            request,
            "surveys/survey_confirm_send.html",
            {"survey": survey, "centres": _with_recipients(sending.centres_to_invite(survey))},
        )
    try:
        count = sending.send_survey(survey=survey, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, sending.message_for_sent(count))
    return redirect("surveys:detail", survey.pk)


def _with_recipients(centres):
    recipients = recipients_by_centre(centres)
    for centre in centres:
        centre.recipients = [getattr(r, "email", r) for r in recipients[centre.pk]]
    return centres


@require_POST
def survey_remind(request, pk):
    survey = access.get_survey_for_user(request.user, pk, write=True)
    try:
        count, waiting = sending.remind_by_hand(survey=survey)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("surveys:detail", survey.pk)
    if count:
        messages.success(
            request,
            ngettext(
                "Påminnelse sendt til %(count)s frivilligsentral.",
                "Påminnelse sendt til %(count)s frivilligsentraler.",
                count,
            )
            % {"count": count},
        )
    elif waiting:
        messages.info(
            request,
            _(
                "Sentralene som mangler svar, fikk en påminnelse for mindre enn "
                "%(minutes)s minutter siden. Ingen ny påminnelse sendt."
            )
            % {"minutes": int(sending.REMINDER_PAUSE.total_seconds() // 60)},
        )
    elif unreachable := sending.unreachable_centres(survey):
        messages.info(
            request,
            _(
                "Ingen påminnelse sendt: portalen har ingen e-postadresse til %(centres)s. "
                "Gi dem svarlenken, eller registrer svaret for dem."
            )
            % {"centres": ", ".join(c.name for c in unreachable)},
        )
    else:
        messages.info(request, _("Alle sentralene har sendt inn. Ingen påminnelse sendt."))
    return redirect("surveys:detail", survey.pk)


@require_POST
def answer_link_make(request, pk, slug):
    """A personal answer link for the centre (a new one replaces the one before)."""
    survey = access.get_survey_for_user(request.user, pk, write=True)
    response = access.get_response_for_link_for_user(request.user, survey, slug)
    if not survey.accepts_answers() or response.is_submitted:
        messages.error(request, _("Undersøkelsen tar ikke imot svar fra sentralen nå."))
    else:
        sending.make_answer_link(response=response, by=request.user)
        messages.success(
            request,
            _("Svarlenken til %(centre)s er laget. Kopier den og gi den til sentralen.")
            % {"centre": response.centre.name},
        )
    return redirect(f"{_detail_url(survey)}#response-{response.centre.slug}")


@require_POST
def answer_link_revoke(request, pk, slug):
    survey = access.get_survey_for_user(request.user, pk, write=True)
    response = access.get_response_for_link_for_user(request.user, survey, slug)
    if sending.revoke_answer_link(response=response, by=request.user):
        messages.success(
            request,
            _("Svarlenken til %(centre)s virker ikke lenger.") % {"centre": response.centre.name},
        )
    return redirect(f"{_detail_url(survey)}#response-{response.centre.slug}")


def _status_action(request, pk, action, done_message):
    survey = access.get_survey_for_user(request.user, pk, write=True)
    try:
        action(survey=survey)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done_message)
    return redirect("surveys:detail", survey.pk)


@require_POST
def survey_close(request, pk):
    return _status_action(
        request, pk, sending.close_survey, _("Undersøkelsen er lukket for nye svar.")
    )


@require_POST
def survey_publish(request, pk):
    return _status_action(
        request,
        pk,
        sending.publish_results,
        _("Resultatene er publisert for sentralene og leserne i kommunen."),
    )


@require_POST
def response_reopen(request, pk, slug):
    survey = access.get_survey_for_user(request.user, pk, write=True)
    response = access.get_response_to_reopen_for_user(request.user, survey, slug)
    centre = response.centre
    try:
        answering.reopen_response(response=response, by=request.user)
    except ResponseLocked as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Svaret fra %(centre)s er åpnet igjen, og sentralen kan endre det.")
            % {"centre": centre.name},
        )
    return redirect("surveys:detail", survey.pk)
