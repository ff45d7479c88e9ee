"""The dialogue-meeting deck: shown, presented, downloaded (PDF, PowerPoint), and edited
by the coordinator (her own slides, slides from the portal's data, hidden, moved,
annotated). Access: surveys.access; the changes: surveys.deck.services."""

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.lib.files import attachment
from frivillig.lib.posted import posted_int

from .. import access, exports
from ..deck import files, saved, services
from ..deck.forms import DataSlideForm, OwnSlideForm
from ..deck.options import data_options
from ..models import Deck, DeckFile, Slide
from ..results import survey_for_results

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _survey(request, pk, *, write=False):
    return access.get_deck_survey_for_user(
        request.user, pk, write=write, queryset=survey_for_results()
    )


def _context(request, survey) -> dict:
    previous = access.previous_round_for_deck(request.user, survey)
    context = saved.full_context(survey, previous=previous)
    context["previous"] = previous
    context["footer"] = files.footer(survey)
    context["can_edit"] = access.can_edit_deck(request.user, survey)
    return context


def _slides(request, pk):
    survey = _survey(request, pk)
    context = _context(request, survey)
    context["slides"] = saved.shown_slides(survey, context)
    return survey, context


def deck(request, pk):
    _survey_, context = _slides(request, pk)
    return render(request, "surveys/deck.html", context)


def deck_present(request, pk):
    """Full screen in the browser; `?visning=foredragsholder` is the presenter's window
    (the notes and the next slide), kept in step by the same script."""
    _survey_, context = _slides(request, pk)
    context["presenter"] = request.GET.get("visning") == "foredragsholder"
    return render(request, "surveys/deck_present.html", context)


def _download(request, pk, fmt: str, content_type: str):
    """The file from the store; asked for and, while it is being made, a page that says
    so and offers to try again (202). With the immediate backend it is made at once."""
    survey, context = _slides(request, pk)
    key = files.content_key(context)
    data = files.stored(survey, fmt, key)
    if data is None:
        files.ask_for(survey, fmt, key, with_previous=bool(context["previous"]))
        data = files.stored(survey, fmt, key)
    if data is None:
        response = render(
            request, "surveys/deck_preparing.html", {**context, "format": fmt}, status=202
        )
        response["Retry-After"] = "3"
        return response
    return attachment(data, content_type=content_type, filename=exports.filename(survey, fmt))


def deck_pdf(request, pk):
    return _download(request, pk, DeckFile.Format.PDF, "application/pdf")


def deck_pptx(request, pk):
    return _download(request, pk, DeckFile.Format.PPTX, PPTX)


def deck_image(request, pk, slide_pk):
    survey = _survey(request, pk)
    slide = access.get_deck_slide_for_user(request.user, survey, slide_pk)
    if not slide.image:
        raise Http404
    kind = "image/png" if slide.image.name.lower().endswith(".png") else "image/jpeg"
    response = FileResponse(slide.image.open("rb"), content_type=kind)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- editing (the coordinator) -----------------------------------------------------------


def _edit_url(survey, slide_pk=None) -> str:
    url = reverse("surveys:deck_edit", args=[survey.pk])
    return f"{url}#rad-{slide_pk}" if slide_pk else url


def _deck(survey) -> Deck:
    deck = Deck.objects.filter(survey=survey).first()
    if deck is None:
        raise Http404
    return deck


def deck_edit(request, pk, *, own_form=None):
    survey = _survey(request, pk, write=True)
    context = _context(request, survey)
    rows = saved.editor_rows(survey, context)
    context.update(
        {
            "has_deck": Deck.objects.filter(survey=survey).exists(),
            "rows": rows,
            "options": data_options(survey, context),
            "own_form": own_form or OwnSlideForm(),
        }
    )
    return render(request, "surveys/deck_edit.html", context, status=400 if own_form else 200)


@require_POST
def deck_start(request, pk):
    survey = _survey(request, pk, write=True)
    context = saved.full_context(survey)
    services.create_deck(survey=survey, results=context["results"], now=timezone.now())
    messages.success(request, _("Presentasjonen er lagret. Nå kan du endre den."))
    return redirect(_edit_url(survey))


@require_POST
def deck_add(request, pk):
    """The coordinator's own slide; a form with errors is shown again with her text."""
    survey = _survey(request, pk, write=True)
    deck = _deck(survey)
    form = OwnSlideForm(request.POST, request.FILES)
    if not form.is_valid():
        return deck_edit(request, pk, own_form=form)
    slide = services.add_slide(
        deck=deck, kind=Slide.Kind.OWN, now=timezone.now(), **form.cleaned_data
    )
    messages.success(request, _("Lysbildet «%(title)s» er lagt til.") % {"title": slide.title})
    return redirect(_edit_url(survey, slide.pk))


@require_POST
def deck_add_data(request, pk):
    """A slide from the portal's data, with one click: `option` names it."""
    survey = _survey(request, pk, write=True)
    deck = _deck(survey)
    context = _context(request, survey)
    chosen = request.POST.get("option", "")
    options = {o.value: o for group in data_options(survey, context) for o in group.options}
    if chosen not in options:
        raise BadRequest("option: not one of the deck's data slides")
    option = options[chosen]
    slide = services.add_slide(
        deck=deck, kind=option.kind, source_id=option.source_id, now=timezone.now()
    )
    messages.success(request, _("Lysbildet «%(title)s» er lagt til.") % {"title": option.label})
    return redirect(_edit_url(survey, slide.pk))


def deck_slide(request, pk, slide_pk):
    survey = _survey(request, pk, write=True)
    slide = access.get_deck_slide_for_user(request.user, survey, slide_pk, write=True)
    form_class = OwnSlideForm if slide.kind == Slide.Kind.OWN else DataSlideForm
    form = form_class(request.POST or None, request.FILES or None, instance=slide)
    if request.method == "POST" and form.is_valid():
        services.update_slide(slide=slide, now=timezone.now(), **form.cleaned_data)
        messages.success(request, _("Lysbildet er lagret."))
        return redirect(_edit_url(survey, slide.pk))
    return render(
        request,
        "surveys/deck_slide_form.html",
        {"survey": survey, "slide": slide, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def deck_slide_move(request, pk, slide_pk, direction):
    survey = _survey(request, pk, write=True)
    slide = access.get_deck_slide_for_user(request.user, survey, slide_pk, write=True)
    if direction not in ("opp", "ned"):
        raise Http404
    services.move_slide(slide=slide, up=direction == "opp", now=timezone.now())
    where = _("opp") if direction == "opp" else _("ned")
    messages.success(
        request, _("«%(title)s» er flyttet %(where)s.") % {"title": slide, "where": where}
    )
    return redirect(_edit_url(survey, slide.pk))


@require_POST
def deck_slide_hide(request, pk, slide_pk):
    survey = _survey(request, pk, write=True)
    slide = access.get_deck_slide_for_user(request.user, survey, slide_pk, write=True)
    hidden = posted_int(request, "hidden") == 1
    services.set_hidden(slide=slide, hidden=hidden, now=timezone.now())
    text = _("«%(title)s» er skjult.") if hidden else _("«%(title)s» vises igjen.")
    messages.success(request, text % {"title": slide})
    return redirect(_edit_url(survey, slide.pk))


@require_POST
def deck_slide_delete(request, pk, slide_pk):
    survey = _survey(request, pk, write=True)
    slide = access.get_deck_slide_for_user(request.user, survey, slide_pk, write=True)
    title = str(slide)
    services.delete_slide(slide=slide, now=timezone.now())
    messages.success(request, _("«%(title)s» er slettet.") % {"title": title})
    return redirect(_edit_url(survey))
