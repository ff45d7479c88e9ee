"""The coordinator opens the demo deck, adds a slide of her own with an image, hides one,
moves one with the keyboard, writes a note, and presents it full screen with the
presenter's window following; axe-core on every state."""

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from surveys.models import Slide, Survey

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db, demo):
    """The demo (tests/conftest.py), for the live server: committed, flushed after."""


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _png(tmp_path):
    path = tmp_path / "radhus.png"
    Image.new("RGB", (320, 200), (18, 53, 91)).save(path, "PNG")
    return path


def _row(page, title):
    return page.locator(".deck-row", has=page.get_by_text(title, exact=True)).first


def test_coordinator_edits_the_demo_deck(page, demo, media, tmp_path):
    survey = Survey.objects.get(municipality__slug="skien", round=2025)
    log_in(page, "koordinator-skien")
    page.goto(f"/undersokelser/{survey.pk}/presentasjon/")
    expect(page.get_by_role("heading", name="Velkommen til dialogmøte", level=2)).to_be_visible()
    assert page.get_by_role("img", name=re.compile("^Er den formaliserte")).count() == 1
    assert_accessible(page)

    page.get_by_role("link", name="Rediger presentasjonen").click()
    page.wait_for_url("**/rediger/")
    expect(page.get_by_role("heading", name="Rediger presentasjonen", level=1)).to_be_visible()
    assert_accessible(page)

    # her own slide, with an image; a missing title keeps what she wrote
    page.get_by_label("Tekst", exact=True).fill("- Frivilligsentralene\n- **Lag og foreninger**")
    page.get_by_role("button", name="Legg til eget lysbilde").click()
    page.get_by_text("Feltet er påkrevet.").first.wait_for()
    assert page.get_by_label("Tekst", exact=True).input_value().startswith("- Frivilligsentralene")
    assert_accessible(page)
    page.get_by_label("Tittel").fill("Hvem er vi?")
    page.get_by_label("Bilde", exact=True).set_input_files(str(_png(tmp_path)))
    page.get_by_label("Bildetekst for skjermlesere").fill("Skien rådhus i kveldssol")
    page.get_by_label("Notater til foredragsholder").fill("Be alle presentere seg kort.")
    page.get_by_role("button", name="Legg til eget lysbilde").click()
    page.get_by_text("Lysbildet «Hvem er vi?» er lagt til.").wait_for()
    assert_accessible(page)
    own = Slide.objects.get(title="Hvem er vi?")
    assert own.notes == "Be alle presentere seg kort." and own.image.name.endswith(".png")

    # hide one
    _row(page, "Nasjonale ressurser").get_by_role("button", name="Skjul").click()
    page.get_by_text("«Nasjonale ressurser» er skjult.").wait_for()
    expect(_row(page, "Nasjonale ressurser").get_by_text("Skjult")).to_be_visible()
    assert_accessible(page)

    # move one up, from the keyboard only
    last = Slide.objects.filter(deck__survey=survey).order_by("-position").first()
    assert last.title == "Hvem er vi?"
    before = last.position
    _row(page, "Hvem er vi?").get_by_role("button", name="Flytt opp").focus()
    page.keyboard.press("Enter")
    page.get_by_text("«Hvem er vi?» er flyttet opp.").wait_for()
    last.refresh_from_db()
    assert last.position == before - 1
    assert_accessible(page)

    # one click adds a slide from the portal's data
    page.get_by_role("button", name="Legg til lysbildet «Den formelle samhandlingen»").click()
    page.get_by_text("Lysbildet «Den formelle samhandlingen» er lagt til.").wait_for()
    assert_accessible(page)

    # a centre in one summary slide, with a note
    _row(page, "Klyve nærmiljøsenter").get_by_role("link", name="Rediger").click()
    page.get_by_role("heading", name="Rediger lysbildet").wait_for()
    assert_accessible(page)
    page.get_by_label("Ett sammendrag").check()
    page.get_by_label("Notater til foredragsholder").fill(
        "Klyve har mottoet «Den inkluderende bydelen»."
    )
    page.get_by_role("button", name="Lagre lysbildet").click()
    page.get_by_text("Lysbildet er lagret.").wait_for()
    expect(_row(page, "Klyve nærmiljøsenter").get_by_text("ett sammendrag")).to_be_visible()

    page.goto(f"/undersokelser/{survey.pk}/presentasjon/")
    expect(page.get_by_role("heading", name="Hvem er vi?")).to_be_visible()
    expect(page.get_by_role("img", name="Skien rådhus i kveldssol")).to_be_visible()
    assert page.get_by_role("heading", name="Nasjonale ressurser").count() == 0
    assert page.get_by_role("heading", name="Den formelle samhandlingen").count() == 1
    assert_accessible(page)


def test_coordinator_presents_with_the_presenters_window_following(page, demo):
    survey = Survey.objects.get(municipality__slug="skien", round=2025)
    log_in(page, "koordinator-skien")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"/undersokelser/{survey.pk}/presentasjon/")
    page.get_by_role("link", name="Presenter i fullskjerm").click()
    page.wait_for_url("**/vis/**")
    total = page.locator(".present-deck .slide").count()
    counter = page.locator("[data-counter]")
    assert counter.inner_text() == "1"
    assert page.locator(".slide.is-current").get_by_role("heading").inner_text() == (
        "Velkommen til dialogmøte"
    )
    assert_accessible(page)

    # the slide fills the screen: 1280 px wide or 720 px high, title at least 36 pt
    box = page.locator(".slide.is-current").bounding_box()
    assert box["width"] / box["height"] == pytest.approx(16 / 9, abs=0.01)
    title_px = page.locator(".slide.is-current .slide-heading").evaluate(
        "el => parseFloat(getComputedStyle(el).fontSize)"
    )
    assert title_px / box["width"] * 1280 >= 48  # 36 pt at 1280 x 720

    for key, shown in (("ArrowRight", "2"), ("Space", "3"), ("PageDown", "4"), ("ArrowLeft", "3")):
        page.keyboard.press(key)
        assert counter.inner_text() == shown
    page.keyboard.press("End")
    assert counter.inner_text() == str(total)
    page.keyboard.press("Home")
    assert counter.inner_text() == "1"
    page.keyboard.press("PageUp")
    assert counter.inner_text() == "1"

    # the presenter's window: the notes and the next slide, in step with the audience's
    presenter = page.context.new_page()
    presenter.goto(f"/undersokelser/{survey.pk}/presentasjon/vis/?visning=foredragsholder")
    expect(presenter.get_by_role("heading", name="Notater")).to_be_visible()
    expect(
        presenter.get_by_text("Ønsk velkommen. Utvalgsleder Hans Edvard Askjer innleder.")
    ).to_be_visible()
    assert presenter.locator("[data-next-title]").inner_text() == "Agenda"
    assert_accessible(presenter)
    page.bring_to_front()
    page.keyboard.press("ArrowRight")
    presenter.locator("[data-counter]").filter(has_text=re.compile("^2$")).wait_for()
    expect(presenter.get_by_text("Ingen notater til dette lysbildet.")).to_be_visible()
    presenter.keyboard.press("End")
    counter.filter(has_text=re.compile(f"^{total}$")).wait_for()
    expect(presenter.get_by_text("Dette er det siste lysbildet.")).to_be_visible()
    assert_accessible(presenter)

    # Esc outside full screen leaves for the deck's page
    page.keyboard.press("Escape")
    page.wait_for_url(f"**/undersokelser/{survey.pk}/presentasjon/")
    assert_accessible(page)
