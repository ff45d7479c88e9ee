"""The coordinator edits a survey's saved deck through the pages: saves it from the default
deck, adds her own slide (Markdown, a checked image served only to those who may see the
deck), adds slides from the portal's data with one click, hides, moves, annotates and
deletes slides; only she edits, nobody sees another municipality's deck; the pages cost
the same queries for 5 and 40 centres."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from plans.models import Goal, Plan
from surveys.models import Deck, Slide

from ..factories import MeetingFactory
from .results_data import RETT_NIVA, build_survey


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _survey(municipality, centres=5):
    meeting = MeetingFactory(municipality=municipality, kind="dialogue", title="Dialogmøte")
    survey, questions, made = build_survey(municipality, centres, meeting=meeting)
    return survey, questions


def _url(name, survey, *args):
    return reverse(f"surveys:{name}", args=[survey.pk, *args])


def _saved(client, survey) -> Deck:
    response = client.post(_url("deck_start", survey))
    assert response.status_code == 302
    return Deck.objects.get(survey=survey)


def _image(kind="PNG", size=(64, 40), name="bilde.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (18, 53, 91)).save(out, kind)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def _deck_titles(client, survey) -> list[str]:
    page = client.get(_url("deck", survey)).content.decode()
    return [
        part.split(">", 1)[1].split("<", 1)[0] for part in page.split('class="slide-heading"')[1:]
    ]


def test_saving_the_deck_keeps_the_default_slides_in_order(client_for, coordinator, municipality):
    survey, _questions = _survey(municipality)
    client = client_for(coordinator)
    before = _deck_titles(client, survey)
    deck = _saved(client, survey)
    assert [s.kind for s in deck.slides.all()][:4] == ["welcome", "agenda", "questions", "summary"]
    assert _deck_titles(client, survey) == before
    # saving again changes nothing
    count = deck.slides.count()
    _saved(client, survey)
    assert deck.slides.count() == count


def test_coordinator_adds_her_own_slide_with_an_image(client_for, coordinator, municipality):
    survey, _questions = _survey(municipality)
    client = client_for(coordinator)
    deck = _saved(client, survey)
    response = client.post(
        _url("deck_add", survey),
        {
            "title": "Nasjonale ressurser",
            "body": "- KS\n- **Frivillighet Norge**\n- [Lenke](javascript:alert(1))",
            "image": _image(),
            "image_alt": "Logoene",
            "notes": "Nevn veilederen fra KS.",
        },
    )
    assert response.status_code == 302
    slide = deck.slides.get(kind="own")
    assert slide.position == deck.slides.count()
    assert slide.image.name.endswith(".png") and slide.notes == "Nevn veilederen fra KS."
    page = client.get(_url("deck", survey)).content.decode()
    assert "<li><strong>Frivillighet Norge</strong></li>" in page
    assert "javascript:" not in page
    image_url = _url("deck_image", survey, slide.pk)
    assert f'<img class="slide-image" src="{image_url}" alt="Logoene">' in page
    image = client.get(image_url)
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("x.png", b"<html>not an image</html>"), "ikke et bilde i PNG"),
        (_image("GIF", name="x.png"), "ikke et bilde i PNG"),
    ],
)
def test_an_upload_that_is_not_a_png_or_jpeg_is_refused_and_the_text_kept(
    client_for, coordinator, municipality, upload, message
):
    survey, _questions = _survey(municipality)
    client = client_for(coordinator)
    deck = _saved(client, survey)
    response = client.post(
        _url("deck_add", survey),
        {"title": "Bilde", "body": "- Min tekst", "image": upload, "image_alt": "x"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "- Min tekst" in page and 'value="Bilde"' in page
    assert not deck.slides.filter(kind="own").exists()


def test_an_image_over_5_mb_is_refused(client_for, coordinator, municipality, monkeypatch):
    from surveys.deck import forms

    monkeypatch.setattr(forms, "MAX_IMAGE_BYTES", 100)
    survey, _questions = _survey(municipality)
    client = client_for(coordinator)
    _saved(client, survey)
    response = client.post(
        _url("deck_add", survey), {"title": "Bilde", "image": _image(size=(300, 300))}
    )
    assert response.status_code == 400
    assert "Bildet kan være på høyst 5 MB." in response.content.decode()


def test_an_image_needs_its_text_for_screen_readers(client_for, coordinator, municipality):
    survey, _questions = _survey(municipality)
    client = client_for(coordinator)
    _saved(client, survey)
    response = client.post(_url("deck_add", survey), {"title": "Bilde", "image": _image()})
    assert response.status_code == 400
    assert "Skriv hva bildet viser" in response.content.decode()


def test_one_click_adds_a_slide_from_the_portals_data(client_for, coordinator, municipality):
    plan = Plan.objects.create(
        municipality=municipality,
        kind="sub_plan",
        title="Kommunedelplan for frivillighet",
        purpose="Gode vekstvilkår",
    )
    goal = Goal.objects.create(plan=plan, number=1, title="Frivilligheten har gode vekstvilkår")
    goal.strategies.create(number=1, text="Sikre gode rammevilkår for lag og foreninger")
    survey, _questions = _survey(municipality)
    municipality.facts = "Rundt 700 registrerte frivillige lag og foreninger"
    municipality.save()
    client = client_for(coordinator)
    _saved(client, survey)
    editor = client.get(_url("deck_edit", survey)).content.decode()
    for option in ("facts:", "interaction:", f"goal:{goal.pk}", f"plan:{plan.pk}"):
        assert f'value="{option}"' in editor
        assert client.post(_url("deck_add_data", survey), {"option": option}).status_code == 302
    titles = _deck_titles(client, survey)
    assert titles[-4:] == [
        "Skien i tall",
        "Den formelle samhandlingen",
        "Mål: Frivilligheten har gode vekstvilkår",
        "Formål: Kommunedelplan for frivillighet",
    ]
    page = client.get(_url("deck", survey)).content.decode()
    assert "Ett årlig fellesmøte i første kvartal" in page
    assert "Sikre gode rammevilkår for lag og foreninger" in page
    # an option the page did not offer is refused
    assert client.post(_url("deck_add_data", survey), {"option": "goal:999999"}).status_code == 400


def test_a_plan_of_another_municipality_is_never_offered_nor_shown(
    client_for, coordinator, municipality, other_municipality
):
    other = Plan.objects.create(municipality=other_municipality, kind="strategy", title="Drammen")
    survey, _questions = _survey(municipality)
    client = client_for(coordinator)
    deck = _saved(client, survey)
    assert f'value="plan:{other.pk}"' not in client.get(_url("deck_edit", survey)).content.decode()
    assert (
        client.post(_url("deck_add_data", survey), {"option": f"plan:{other.pk}"}).status_code
        == 400
    )
    # even a row that names it shows nothing of it
    Slide.objects.create(deck=deck, position=99, kind="plan", source_id=other.pk)
    assert "Drammen" not in client.get(_url("deck", survey)).content.decode()


def test_hide_move_note_and_delete(client_for, coordinator, municipality):
    survey, questions = _survey(municipality)
    client = client_for(coordinator)
    deck = _saved(client, survey)
    agenda = deck.slides.get(kind="agenda")
    client.post(_url("deck_slide_hide", survey, agenda.pk), {"hidden": "1"})
    assert "Agenda" not in _deck_titles(client, survey)
    editor = client.get(_url("deck_edit", survey)).content.decode()
    assert "Skjult" in editor and "Agenda" in editor  # still in the editor
    client.post(_url("deck_slide_hide", survey, agenda.pk), {"hidden": "0"})
    assert _deck_titles(client, survey)[1] == "Agenda"

    client.post(_url("deck_slide_move", survey, agenda.pk, "opp"))
    assert _deck_titles(client, survey)[0] == "Agenda"
    client.post(_url("deck_slide_move", survey, agenda.pk, "opp"))  # already first
    assert _deck_titles(client, survey)[0] == "Agenda"
    client.post(_url("deck_slide_move", survey, agenda.pk, "ned"))
    assert _deck_titles(client, survey)[:2] == ["Velkommen til dialogmøte", "Agenda"]
    assert client.post(_url("deck_slide_move", survey, agenda.pk, "sidelengs")).status_code == 404

    level = deck.slides.get(kind="question", source_id=questions["level"].pk)
    response = client.post(
        _url("deck_slide", survey, level.pk),
        {"title": "", "notes": "Bakken og SMK vil ha flere møter."},
    )
    assert response.status_code == 302
    page = client.get(_url("deck_present", survey)).content.decode()
    assert 'data-notes="Bakken og SMK vil ha flere møter."' in page
    assert RETT_NIVA in page

    client.post(_url("deck_slide_delete", survey, level.pk))
    assert not deck.slides.filter(pk=level.pk).exists()
    assert deck.history.count() >= 1 and Slide.history.filter(id=level.pk).count() >= 2


def test_a_centre_as_one_summary_slide_or_the_full_set(client_for, coordinator, municipality):
    survey, _questions = _survey(municipality)
    client = client_for(coordinator)
    deck = _saved(client, survey)
    row = deck.slides.filter(kind="centre").first()
    full = len(_deck_titles(client, survey))
    response = client.post(
        _url("deck_slide", survey, row.pk), {"title": "", "notes": "", "detail": "summary"}
    )
    assert response.status_code == 302
    titles = _deck_titles(client, survey)
    assert len(titles) < full
    page = client.get(_url("deck", survey)).content.decode()
    assert f'id="slide-s{row.pk}"' in page and "Målgrupper: " in page


def test_only_the_coordinator_edits_and_others_see_what_the_results_allow(
    client_for, coordinator, leader_a, reader, other_coordinator, municipality
):
    survey, _questions = _survey(municipality)
    deck = _saved(client_for(coordinator), survey)
    agenda = deck.slides.get(kind="agenda")
    leader = client_for(leader_a)
    assert leader.get(_url("deck", survey)).status_code == 200  # published results
    assert leader.get(_url("deck_edit", survey)).status_code == 403
    assert (
        leader.post(_url("deck_slide_hide", survey, agenda.pk), {"hidden": "1"}).status_code == 403
    )
    assert client_for(reader).get(_url("deck_slide", survey, agenda.pk)).status_code == 403
    stranger = client_for(other_coordinator)
    assert stranger.get(_url("deck", survey)).status_code == 404
    assert stranger.post(_url("deck_slide_delete", survey, agenda.pk)).status_code == 404
    agenda.refresh_from_db()
    assert not agenda.hidden


def test_a_slide_or_image_of_another_deck_is_not_found(client_for, coordinator, municipality):
    first, _q = _survey(municipality)
    second, _q = _survey(municipality)
    client = client_for(coordinator)
    deck = _saved(client, first)
    _saved(client, second)
    own = Slide(deck=deck, position=50, kind="own", title="Bilde", image_alt="x")
    own.image.save("bilde.png", _image(), save=False)
    own.save()
    assert client.get(_url("deck_image", second, own.pk)).status_code == 404
    assert client.get(_url("deck_slide", second, own.pk)).status_code == 404
    agenda = deck.slides.get(kind="agenda")
    assert client.get(_url("deck_image", first, agenda.pk)).status_code == 404  # no image


@pytest.mark.parametrize("url_name", ["deck", "deck_present", "deck_edit"])
def test_deck_pages_cost_the_same_queries_for_5_and_40_centres(
    client_for, coordinator, municipality, query_count, url_name
):
    counts = []
    for centres in (5, 40):
        survey, _questions = _survey(municipality, centres)
        client = client_for(coordinator)
        _saved(client, survey)
        counts.append(query_count.get(client, _url(url_name, survey)))
    assert counts[0] == counts[1]
    assert counts[0] <= 30


def test_the_image_of_an_own_slide_is_replaced_kept_or_removed(
    client_for, coordinator, municipality
):
    survey, _questions = _survey(municipality)
    client = client_for(coordinator)
    _saved(client, survey)
    client.post(
        _url("deck_add", survey), {"title": "Bilde", "image": _image(), "image_alt": "Rådhuset"}
    )
    slide = Slide.objects.get(title="Bilde")
    first = slide.image.name
    form = {"title": "Bilde", "body": "", "image_alt": "Rådhuset", "notes": ""}
    assert client.post(_url("deck_slide", survey, slide.pk), form).status_code == 302
    slide.refresh_from_db()
    assert slide.image.name == first  # kept when nothing new is uploaded
    client.post(_url("deck_slide", survey, slide.pk), {**form, "image": _image(size=(80, 50))})
    slide.refresh_from_db()
    assert slide.image.name != first and slide.image.storage.exists(slide.image.name)
    assert not slide.image.storage.exists(first)  # the old file goes
    client.post(_url("deck_slide", survey, slide.pk), {**form, "image-clear": "on"})
    slide.refresh_from_db()
    assert not slide.image
    assert client.get(_url("deck_image", survey, slide.pk)).status_code == 404
