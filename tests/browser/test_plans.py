"""From a plan to a goal to the centres working for it, in a real browser, each page
checked with axe-core."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db, demo):
    """The demo (tests/conftest.py), for the live server: committed, flushed after."""


def test_coordinator_goes_from_a_plan_to_a_goal_to_the_centres_working_for_it(page, demo):
    log_in(page, "koordinator-skien")
    page.get_by_role("link", name="Planer", exact=True).click()
    expect(page.get_by_role("heading", name="Planer", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Plansystemet i Skien")).to_be_visible()
    assert_accessible(page)

    page.get_by_role(
        "link", name="Kommunedelplan for kultur, idrett, friluftsliv og frivillighet"
    ).click()
    expect(page.get_by_text("2020–2029").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Mål 1: Frivilligheten i Skien har gode vekstvilkår").click()
    expect(
        page.get_by_role("heading", name="Frivilligheten i Skien har gode vekstvilkår")
    ).to_be_visible()
    centres = page.get_by_role("region", name="Frivilligsentraler som arbeider for målet")
    assert "5 sentraler har mål for perioden som peker hit." in centres.inner_text()
    assert "Flytte den kommunale frivilligsentralen fra Menstad til Lie" in page.content()
    assert_accessible(page)

    centres.get_by_role("link", name="Klyve nærmiljøsenter").click()
    expect(page.get_by_role("heading", name="Klyve nærmiljøsenter", level=1)).to_be_visible()
    expect(page.get_by_text("Arbeider for:").first).to_be_visible()
    assert_accessible(page)

    page.goto("/planer/fremdrift/")
    expect(page.get_by_role("heading", name="Tiltak over fristen (2)")).to_be_visible()
    assert_accessible(page)


def test_drammen_reads_its_strategy_and_hearing_as_in_seed_004(page, demo):
    log_in(page, "koordinator-drammen")
    page.goto("/planer/")
    assert_accessible(page)
    page.get_by_role("link", name="Strategi for frivillighet").click()
    expect(page.get_by_text("Strategi har ikke tiltak.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Høringsrapport 15.6.–17.9.2023").click()
    expect(page.get_by_role("heading", name="Hvordan innspillene er innarbeidet")).to_be_visible()
    expect(page.get_by_text("10 innspill", exact=True)).to_be_visible()
    expect(page.get_by_text("9 innarbeidet, 1 ikke innarbeidet")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="mål 2, strategi 3").first.click()
    expect(page.get_by_text("Legge til rette for enkel og hensiktsmessig kontakt")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    ("models", "link", "heading"),
    [
        ("Mål", "Mål 1: Frivilligheten i Skien", "Endre mål"),
        ("Planer", "Strategisk plan for frivillighet", "Endre plan"),
        ("Planer", "Strategi for frivillighet", "Endre plan"),
    ],
)
def test_admin_edits_goals_and_measures_without_scrolling_sideways(
    page, demo, models, link, heading
):
    """A goal's and a plan's goals and measures are edited on a 1280 pixel wide screen
    with the status, the deadline and the delete box in view."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/admin/login/")
    page.get_by_label("Brukernavn").fill("admin")
    page.get_by_label("Passord").fill("demo")
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("link", name=models, exact=True).first.click()
    page.get_by_role("link", name=link, exact=False).first.click()
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
