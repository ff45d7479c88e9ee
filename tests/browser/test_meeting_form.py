"""The meeting form without saves in between: the coordinator adds six agenda rows,
removes one, moves one with the keyboard and saves once; the page passes axe-core at each
step and the strict CSP holds (the script is a file of our own). Side by side keeps its
heading row and centre column in view as the page scrolls, and prints on A4 landscape."""

import io
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from meetings.models import Meeting

from ..factories import CentreFactory, CoordinatorFactory, FollowUpFactory, MeetingFactory
from ..surveys.results_data import build_survey
from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.browser

# Set SCREENSHOTS=/some/dir to keep what the tests looked at.
SCREENSHOTS = os.environ.get("SCREENSHOTS")
# Wide enough for the whole navigation bar on one line.
WIDE = {"width": 1440, "height": 900}


def _shot(page, name):
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


AGENDA = [
    ("Velkomst og innledning", "utvalgsleder Hans Edvard Askjer"),
    ("Innlegg om frivillighet", "kultursjef Guro Honningdal"),
    ("Feil punkt", ""),
    ("Oppsummering av tilbakemeldinger fra spørreundersøkelse", "Eivind Løberg"),
    ("Dialog", "Løberg"),
    ("Kaffe og mingling", ""),
]


def _visible_rows(page):
    return page.locator("[data-formset][data-prefix=agenda] [data-row]:visible")


def test_six_agenda_rows_one_removed_one_moved_saved_once(page):
    coordinator = CoordinatorFactory(username="koordinator")
    CentreFactory(municipality=coordinator.municipality, name="Klyve nærmiljøsenter")
    page.set_viewport_size(WIDE)
    log_in(page, "koordinator")
    page.goto("/moter/nytt/?type=dialogue")
    # The script keeps one empty row of the six the page offers without it.
    assert _visible_rows(page).count() == 1
    assert_accessible(page)

    add = page.get_by_role("button", name="Legg til punkt")
    for _ in range(5):
        add.click()
    rows = _visible_rows(page)
    assert rows.count() == 6
    # Each new row takes the focus in its first field, so typing can go on at once.
    assert page.evaluate("document.activeElement.name") == "agenda-5-title"
    for index, (title, presenter) in enumerate(AGENDA):
        rows.nth(index).get_by_label("Punkt").fill(title)
        rows.nth(index).get_by_label("Ved").fill(presenter)
    rows.nth(5).get_by_label("Pause").check()
    assert_accessible(page)

    # Remove «Feil punkt» (row 3): the rows after it are numbered again.
    page.get_by_role("button", name="Fjern punkt 3").click()
    assert _visible_rows(page).count() == 5
    expect(page.get_by_role("status").filter(has_text="Punkt fjernet.")).to_have_count(1)
    titles = _visible_rows(page).locator("input[name$='-title']")
    assert "Feil punkt" not in titles.evaluate_all("inputs => inputs.map(i => i.value)")

    # Move the coffee break (now row 5) up one place with the keyboard alone.
    move_up = page.get_by_role("button", name="Flytt opp punkt 5")
    move_up.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Punkt flyttet til plass 4.")).to_have_count(
        1
    )
    # The focus stays on the button, now of row 4.
    assert page.evaluate("document.activeElement.textContent").strip() == "Flytt opp punkt 4"
    assert_accessible(page)
    _shot(page, "meeting-form-six-rows")

    page.get_by_label("Tittel").fill("Dialogmøte med frivilligsentralene")
    page.get_by_label("Dato").fill("2027-03-11")
    page.get_by_role("button", name="Lagre møtet").click()
    page.wait_for_url("**/moter/*/")
    expect(page.get_by_text("er lagret")).to_be_visible()
    meeting = Meeting.objects.get()
    assert list(meeting.agenda_items.values_list("order", "title", "is_break")) == [
        (1, "Velkomst og innledning", False),
        (2, "Innlegg om frivillighet", False),
        (3, "Oppsummering av tilbakemeldinger fra spørreundersøkelse", False),
        (4, "Kaffe og mingling", True),
        (5, "Dialog", False),
    ]
    assert_accessible(page)


def test_a_saved_row_removed_and_an_overdue_follow_up_closed(page):
    coordinator = CoordinatorFactory(username="koordinator")
    meeting = MeetingFactory(municipality=coordinator.municipality, title="Fellesmøte")
    for order, title in enumerate(["Først", "Fjernes", "Sist"], 1):
        meeting.agenda_items.create(order=order, title=title)
    FollowUpFactory(meeting=meeting, text="Sende referat", due_date="2026-06-15")
    page.set_viewport_size(WIDE)
    log_in(page, "koordinator")

    page.goto(f"/moter/{meeting.pk}/rediger/")
    # A saved meeting gets no empty rows from the script; the button adds one.
    assert _visible_rows(page).count() == 3
    page.get_by_role("button", name="Fjern punkt 2").click()
    page.get_by_role("button", name="Lagre møtet").click()
    page.wait_for_url(f"**/moter/{meeting.pk}/")
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Først", "Sist"]

    follow_ups = page.locator("#oppfolging")
    expect(follow_ups.get_by_text("Forfalt")).to_be_visible()
    assert_accessible(page)
    _shot(page, "meeting-overdue-follow-up")
    follow_ups.get_by_text("Lukk som utført").click()
    follow_ups.get_by_label("Hva ble gjort?").fill("Sendt til alle sentralene 16. juni.")
    follow_ups.get_by_role("button", name="Lukk punktet").click()
    page.wait_for_url(f"**/moter/{meeting.pk}/#oppfolging")
    expect(follow_ups.get_by_text("Sendt til alle sentralene 16. juni.")).to_be_visible()
    expect(follow_ups.get_by_text("Utført", exact=True)).to_be_visible()
    assert_accessible(page)


def test_side_by_side_keeps_headings_in_view_and_prints_landscape(page):
    coordinator = CoordinatorFactory(username="koordinator")
    survey, _questions, _centres = build_survey(coordinator.municipality, 15)
    page.set_viewport_size(WIDE)
    log_in(page, "koordinator")
    page.goto(f"/undersokelser/{survey.pk}/resultater/side-ved-side/")
    assert_accessible(page)
    # No box with a scroll bar of its own: the page scrolls.
    region = page.get_by_role("region", name="Svar fra hver frivilligsentral")
    assert region.evaluate("e => getComputedStyle(e).overflowY") == "visible"
    assert page.evaluate("document.documentElement.scrollWidth") > WIDE["width"]
    _shot(page, "side-by-side-top")

    page.evaluate("window.scrollTo(600, 900)")
    heading = page.locator(".side-by-side th[scope=col]").first
    centre = page.locator(".side-by-side tbody th[scope=row]").nth(8)
    assert abs(heading.evaluate("e => e.getBoundingClientRect().top")) < 1
    assert abs(centre.evaluate("e => e.getBoundingClientRect().left")) < 1
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/side-by-side-scrolled.png")

    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    # A4 landscape: 297 × 210 mm, in points.
    assert round(float(box.width)) == 842 and round(float(box.height)) == 595
    if SCREENSHOTS:
        Path(f"{SCREENSHOTS}/side-by-side.pdf").write_bytes(pdf)


def test_without_the_script_six_empty_rows_take_the_whole_agenda_in_one_save(page):
    # The page as it is when rows.js does not run (blocked, failed, or no JavaScript):
    # the script is refused, the rest of the page (and axe) runs.
    page.route("**/js/rows.js", lambda route: route.abort())
    CoordinatorFactory(username="koordinator")
    page.set_viewport_size(WIDE)
    log_in(page, "koordinator")
    page.goto("/moter/nytt/?type=dialogue")
    rows = _visible_rows(page)
    assert rows.count() == 6
    # The script's buttons stay hidden; each row has its «Slett» box instead.
    assert page.get_by_role("button", name="Legg til punkt").count() == 0
    expect(rows.first.get_by_label("Slett")).to_be_visible()
    assert_accessible(page)
    for index, (title, presenter) in enumerate(AGENDA):
        rows.nth(index).get_by_label("Punkt").fill(title)
        rows.nth(index).get_by_label("Ved").fill(presenter)
    rows.nth(2).get_by_label("Slett").check()
    page.get_by_label("Tittel").fill("Dialogmøte")
    page.get_by_label("Dato").fill("2027-03-11")
    page.get_by_role("button", name="Lagre møtet").click()
    page.wait_for_url("**/moter/*/")
    titles = list(Meeting.objects.get().agenda_items.values_list("title", flat=True))
    assert titles == [title for title, _presenter in AGENDA if title != "Feil punkt"]
