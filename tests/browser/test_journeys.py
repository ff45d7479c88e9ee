"""The main journeys in a real browser, each page checked with axe-core."""

import pytest
from playwright.sync_api import expect

from centres.models import Centre

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db, demo):
    """The demo (tests/conftest.py), for the live server: committed, flushed after."""


def test_coordinator_logs_in_and_opens_a_centre(page, demo):
    log_in(page, "koordinator-skien")
    assert page.get_by_role("heading", level=1).inner_text() == "Frivilligheten i Skien"
    assert_accessible(page)
    page.goto("/?ar=2026")
    smk_row = page.get_by_role("row", name="Besøk: SMK frivilligsentral")
    assert "Forsinket" in smk_row.inner_text()
    assert "Gjennomført" in page.get_by_role("row", name="Besøk: Klyve nærmiljøsenter").inner_text()

    page.get_by_role("link", name="Frivilligsentraler", exact=True).first.click()
    expect(page.get_by_role("heading", name="Frivilligsentraler", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Målgruppe").select_option("Seniorer")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("link", name="Gulset nærmiljøsenter")).to_be_visible()
    assert page.get_by_role("link", name="Bakken nærmiljøsenter").count() == 0

    page.get_by_role("link", name="Klyve nærmiljøsenter").click()
    expect(page.get_by_role("heading", name="Klyve nærmiljøsenter", level=1)).to_be_visible()
    expect(page.get_by_text("Motto: Den inkluderende bydelen")).to_be_visible()
    expect(page.get_by_text("Tollnes Ballklubb")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Dialogmøte med frivilligsentralene").click()
    expect(page.get_by_text("utvalgsleder Hans Edvard Askjer")).to_be_visible()
    assert_accessible(page)


def test_leader_edits_own_centre_sees_a_norwegian_error_and_then_saves(page, demo):
    log_in(page, "leder-gulset")
    assert_accessible(page)
    page.get_by_role("link", name="Oppdater profilen").click()
    assert_accessible(page)

    page.get_by_label("Telefon", exact=True).first.fill("35 58 10 00")
    page.get_by_label("Organisasjonsnummer").fill("974775019")
    page.get_by_role("button", name="Lagre profilen").click()

    org_number = page.get_by_label("Organisasjonsnummer")
    assert org_number.get_attribute("aria-invalid") == "true"
    described_by = org_number.get_attribute("aria-describedby").split()
    description = " ".join(page.locator(f"#{id_}").inner_text() for id_ in described_by)
    assert "kontrollsifferet stemmer ikke" in description
    assert page.get_by_label("Telefon", exact=True).first.input_value() == "35 58 10 00"
    assert_accessible(page)

    org_number.fill("974 775 018")
    page.get_by_role("button", name="Lagre profilen").click()
    expect(page.get_by_text("Profilen til Gulset nærmiljøsenter er lagret.")).to_be_visible()
    expect(page.get_by_text("974775018")).to_be_visible()
    assert_accessible(page)
    assert Centre.objects.get(slug="gulset").phone == "35 58 10 00"


def test_leader_cannot_open_another_centres_edit_page(page, demo):
    log_in(page, "leder-gulset")
    response = page.goto("/sentraler/klyve/rediger/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="Ingen tilgang")).to_be_visible()
    assert_accessible(page)
