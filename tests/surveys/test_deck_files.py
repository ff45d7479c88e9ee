"""The deck's files are made in the background and kept in the database: a download finds
the file made for the deck as it stands, or is told it is being prepared (202, try again)
and the worker is asked once; a change of the deck asks for both files at once; a change
of the results gives another key, so nobody downloads yesterday's numbers."""

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends
from PIL import Image

from surveys.answering import reopen_response, submit_response
from surveys.deck import files
from surveys.deck.saved import full_context, shown_slides
from surveys.deck.services import add_slide, create_deck, set_hidden, update_slide
from surveys.models import Answer, DeckFile, Slide, Survey

from .results_data import build_survey

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def worker(settings):
    """A backend that only records what it is asked (the worker runs later)."""
    settings.TASKS = DUMMY  # django-tasks resets its backends on the change
    backend = task_backends["default"]
    backend.results.clear()
    yield backend
    backend.results.clear()


def _url(fmt, survey):
    return reverse(f"surveys:deck_{fmt}", args=[survey.pk])


@pytest.mark.parametrize("fmt", ["pdf", "pptx"])
def test_a_download_is_prepared_in_the_background_then_served_from_the_store(
    client_for, coordinator, municipality, worker, fmt
):
    survey, _questions, _centres = build_survey(municipality, 3)
    client = client_for(coordinator)
    response = client.get(_url(fmt, survey))
    assert response.status_code == 202 and response["Retry-After"] == "3"
    assert "Filen gjøres klar" in response.content.decode()
    assert len(worker.results) == 1
    client.get(_url(fmt, survey))  # asked once only while it is being made
    assert len(worker.results) == 1

    files.make(survey, fmt, with_previous=False)  # what the worker does
    response = client.get(_url(fmt, survey))
    assert response.status_code == 200
    magic = b"%PDF" if fmt == "pdf" else b"PK"
    assert response.content.startswith(magic)
    assert DeckFile.objects.filter(survey=survey, format=fmt).exclude(data=None).count() == 1


def test_a_change_of_the_results_gives_another_file(client_for, coordinator, municipality, worker):
    survey, questions, _centres = build_survey(municipality, 3)
    client = client_for(coordinator)
    client.get(_url("pdf", survey))
    files.make(survey, "pdf", with_previous=False)
    assert client.get(_url("pdf", survey)).status_code == 200
    Answer.objects.filter(question=questions["level"], text="no").update(text="yes")
    assert client.get(_url("pdf", survey)).status_code == 202  # not yesterday's numbers


def test_a_change_of_the_deck_asks_for_both_files_once_committed(
    coordinator, municipality, worker, django_capture_on_commit_callbacks
):
    survey, _questions, _centres = build_survey(municipality, 3)
    results = full_context(survey)["results"]
    with django_capture_on_commit_callbacks(execute=True):
        deck = create_deck(survey=survey, results=results, now=survey.created_at)
    assert sorted(r.args[1] for r in worker.results) == ["pdf", "pptx"]
    with django_capture_on_commit_callbacks(execute=True):
        set_hidden(slide=deck.slides.first(), hidden=True, now=survey.created_at)
    assert len(worker.results) == 4
    assert DeckFile.objects.filter(survey=survey, data=None).count() == 4


def test_without_a_worker_the_download_is_made_at_once(client_for, coordinator, municipality):
    survey, _questions, _centres = build_survey(municipality, 3)
    response = client_for(coordinator).get(_url("pptx", survey))
    assert response.status_code == 200 and response.content.startswith(b"PK")


def test_a_reopened_or_submitted_response_asks_the_worker_for_both_files_again(
    coordinator, municipality, worker, django_capture_on_commit_callbacks
):
    survey, _questions, _centres = build_survey(
        municipality, 3, status=Survey.Status.OPEN, deadline=datetime.date(2099, 1, 1)
    )
    response = survey.responses.filter(status="submitted").first()
    with django_capture_on_commit_callbacks(execute=True):
        reopen_response(response=response, by=coordinator)
    assert [r.task.name for r in worker.results] == ["remake_deck_files"]

    response.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        submit_response(response=response, by=coordinator, revision=response.revision)
    assert len(worker.results) == 2

    files.remake_deck_files.call(survey.pk)  # what the worker does
    assert set(DeckFile.objects.exclude(data=None).values_list("format", flat=True)) == {
        "pdf",
        "pptx",
    }


def _png(name: str, colour) -> SimpleUploadedFile:
    out = BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def test_an_own_slides_replaced_image_gives_another_file(municipality):
    """The image's URL stays the same when it is replaced: its stored name is in the key."""
    survey, _questions, _centres = build_survey(municipality, 3)
    deck = create_deck(survey=survey, results=full_context(survey)["results"], now=timezone.now())
    slide = add_slide(
        deck=deck,
        kind=Slide.Kind.OWN,
        now=timezone.now(),
        title="Bilder fra året",
        body="",
        image=_png("sommer.png", (200, 40, 40)),
        image_alt="Sommerfest",
    )

    def key():
        context = full_context(survey)
        context["footer"] = files.footer(survey)
        context["slides"] = shown_slides(survey, context)
        return files.content_key(context)

    before = key()
    assert key() == before  # the same deck, the same file
    update_slide(slide=slide, now=timezone.now(), image=_png("host.png", (40, 40, 200)))
    assert key() != before
