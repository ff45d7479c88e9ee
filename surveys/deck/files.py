"""The deck's PDF and PowerPoint files, made in the background and kept in the database
(DeckFile), so the first download is quick on every app server.

A file is kept under a hash of what it shows: the slides' HTML as the PDF gets it (titles,
lines, charts, notes, the images' names), the stylesheet and the exporters' version. A
changed deck, changed results or a new round to compare with give another key: the next
download asks for the file again and is told it is being prepared, unless the worker
made it already (the deck's changes ask for it at once, surveys.deck.services).
"""

import hashlib
import io
from datetime import timedelta

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task, task_backends
from django_tasks.backends.immediate import ImmediateBackend

from frivillig.lib.pdf import render_pdf, static_file

from ..models import DeckFile, Survey
from . import saved
from .pptx import pptx_bytes

# Raise when the exporters change what the same slides give.
VERSION = "1"
STYLESHEET = "css/deck.css"
# A file asked for this long ago and still not made is asked for again (a worker died).
STALE_AFTER = timedelta(minutes=2)
# Files of older versions of a survey's deck kept beside the newest (other variants).
KEPT = 3


def footer(survey) -> str:
    # As the seed's slides: "SKIEN KOMMUNE" on every slide.
    return (_("%(name)s kommune") % {"name": survey.municipality.name}).upper()


def content_key(context: dict) -> str:
    """The hash of what the files show: `context` with the shown slides in it."""
    digest = hashlib.sha256(VERSION.encode())
    digest.update(render_to_string("surveys/deck_pdf.html", context).encode())
    digest.update(static_file(STYLESHEET).read_bytes())
    for slide in context["slides"]:
        if slide.image_name:
            digest.update(f"{slide.saved_pk}:{slide.image_name}".encode())
    return digest.hexdigest()


def _images(survey) -> dict:
    return {row.pk: row for row in saved.saved_rows(survey) or [] if row.image}


def render(survey, fmt: str, context: dict) -> bytes:
    slides = context["slides"]
    if fmt == DeckFile.Format.PDF:
        embedded = {**context, "slides": saved.embed_images(slides, _images(survey))}
        return render_pdf("surveys/deck_pdf.html", embedded, STYLESHEET)
    images = {}
    for pk, row in _images(survey).items():
        with row.image.open("rb") as handle:
            images[pk] = io.BytesIO(handle.read())
    return pptx_bytes(slides, context["footer"], images)


def stored(survey, fmt: str, key: str) -> bytes | None:
    found = DeckFile.objects.filter(survey=survey, format=fmt, key=key).exclude(data=None)
    data = found.values_list("data", flat=True).first()
    return bytes(data) if data is not None else None


def ask_for(survey, fmt: str, key: str, *, with_previous: bool) -> None:
    """Marks the file as being made and asks the worker for it, once (again when the
    last request is stale)."""
    now = timezone.now()
    marker, created = DeckFile.objects.get_or_create(
        survey=survey, format=fmt, key=key, defaults={"created_at": now}
    )
    if not created and (marker.data is not None or marker.created_at > now - STALE_AFTER):
        return
    if not created:
        DeckFile.objects.filter(pk=marker.pk).update(created_at=now)
    render_deck_file.enqueue(survey.pk, fmt, with_previous)


def make(survey, fmt: str, *, with_previous: bool) -> None:
    """Renders the file as the deck stands now and keeps it (the worker's task)."""
    previous = survey.previous_round() if with_previous else None
    context = saved.full_context(survey, previous=previous)
    context["footer"] = footer(survey)
    context["slides"] = saved.shown_slides(survey, context)
    key = content_key(context)
    if stored(survey, fmt, key) is None:
        DeckFile.objects.update_or_create(
            survey=survey,
            format=fmt,
            key=key,
            defaults={"data": render(survey, fmt, context), "created_at": timezone.now()},
        )
    old = DeckFile.objects.filter(survey=survey, format=fmt).exclude(key=key)
    stale = old.filter(data=None, created_at__lt=timezone.now() - STALE_AFTER)
    stale.delete()
    kept = old.exclude(data=None).order_by("-created_at").values_list("pk", flat=True)[KEPT:]
    DeckFile.objects.filter(pk__in=list(kept)).delete()


@task()
def render_deck_file(survey_pk: int, fmt: str, with_previous: bool) -> None:
    survey = Survey.objects.select_related("municipality", "meeting").filter(pk=survey_pk).first()
    if survey is not None:
        make(survey, fmt, with_previous=with_previous)


def ask_for_all(survey) -> None:
    """After the deck changed: both files, as the coordinator gets them."""
    previous = survey.previous_round()
    context = saved.full_context(survey, previous=previous)
    context["footer"] = footer(survey)
    context["slides"] = saved.shown_slides(survey, context)
    key = content_key(context)
    for fmt in DeckFile.Format.values:
        ask_for(survey, fmt, key, with_previous=previous is not None)


@task()
def remake_deck_files(survey_pk: int) -> None:
    """After the answers changed: both files for the results as they are now (the key,
    which needs the results, is worked out here in the worker, not in the request)."""
    survey = Survey.objects.select_related("municipality", "meeting").filter(pk=survey_pk).first()
    if survey is not None:
        with_previous = survey.previous_round() is not None
        for fmt in DeckFile.Format.values:
            make(survey, fmt, with_previous=with_previous)


def results_changed(survey) -> None:
    """A response was submitted or reopened: the deck shows other numbers, so the worker
    makes its files again once that is committed, and the first download after the
    meeting's last answer is served from the store. Without a worker, as prerender."""
    if isinstance(task_backends["default"], ImmediateBackend):
        return
    transaction.on_commit(lambda: remake_deck_files.enqueue(survey.pk))


def prerender(survey) -> None:
    """Asks the worker for the files once the deck's change is committed. Without a
    worker (the immediate backend of development and tests) nothing is asked: rendering
    here would make every edit wait for WeasyPrint; the download renders on demand."""
    if isinstance(task_backends["default"], ImmediateBackend):
        return
    transaction.on_commit(lambda: ask_for_all(survey))
