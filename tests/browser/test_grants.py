"""The grant year in the browser, as the issue's "Done when" tells it: the coordinator
opens Skien's 2026 year and sees who qualifies and why not, Gulset's leader submits the
annual report with the accounts by keyboard and the overview turns green for Gulset,
the coordinator records the decision about the municipal centre and downloads the
application basis. axe-core checks every page on the way."""

import pytest
from playwright.sync_api import expect

from grants.models import GrantYear

from ..grants.conftest import MINIMAL_PDF
from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db, demo, settings, tmp_path):
    """The demo (tests/conftest.py), for the live server: committed, flushed after."""
    settings.MEDIA_ROOT = tmp_path
    return GrantYear.objects.get(municipality__slug="skien", year=2026)


def _row(page, centre: str):
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=centre))


def test_the_grant_year_from_overview_to_application_basis(page, demo, tmp_path):
    log_in(page, "koordinator-skien")
    page.get_by_role("link", name="Tilskudd").click()
    assert_accessible(page)
    page.get_by_role("link", name="Tilskuddsåret 2026").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilskuddsåret 2026")
    expect(page.get_by_text("Søknadsfrist 1. juni 2027")).to_be_visible()
    expect(_row(page, "Klyve nærmiljøsenter")).to_contain_text("Oppfyller vilkårene")
    expect(_row(page, "Gulset nærmiljøsenter")).to_contain_text("Regnskapet er ikke lastet opp")
    expect(_row(page, "Den kommunale frivilligsentralen")).to_contain_text(
        "Ikke oppfylt: Har lokal finansiering"
    )
    assert_accessible(page)
    page.get_by_role("link", name="Den kommunale frivilligsentralen").click()
    expect(page.get_by_text("Menstad til Lie").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Logg ut").click()

    log_in(page, "leder-gulset")
    page.get_by_role("link", name="Tilskudd").click()
    page.get_by_role("link", name="Gulset nærmiljøsenter: tilskuddsåret 2026").click()
    expect(page.get_by_role("heading", name="Dette mangler")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Fyll ut årsrapporten").click()
    assert_accessible(page)
    page.get_by_label("Året i korte trekk").fill("Et år med strikkekafé og nye frivillige.")
    pdf = tmp_path / "Regnskap 2026.pdf"
    pdf.write_bytes(MINIMAL_PDF)
    page.get_by_label("Godkjent regnskap (PDF)").set_input_files(str(pdf))
    submit = page.get_by_role("button", name="Lagre og send inn")
    submit.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Årsrapporten er sendt inn.")).to_be_visible()
    expect(page.get_by_text("Oppfyller vilkårene").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Logg ut").click()

    log_in(page, "koordinator-skien")
    page.goto(f"/tilskudd/{demo.pk}/")
    expect(_row(page, "Gulset nærmiljøsenter")).to_contain_text("Oppfyller vilkårene")
    page.goto(f"/tilskudd/{demo.pk}/kommunal-frivilligsentral/vedtak/")
    assert_accessible(page)
    page.get_by_label("Sentralen tas ikke med i søknaden").check()
    page.get_by_role("button", name="Registrer vedtaket").click()
    expect(page.get_by_text("Vedtaket er registrert.")).to_be_visible()
    expect(page.get_by_text("Sentralen kan klage til kommunen")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/tilskudd/{demo.pk}/")
    expect(_row(page, "Den kommunale frivilligsentralen")).to_contain_text("Ikke med (vedtak)")
    with page.expect_download() as download:
        page.get_by_role("link", name="Søknadsgrunnlag (XLSX)").click()
    assert download.value.suggested_filename == "soknadsgrunnlag-skien-2026.xlsx"


def test_the_report_form_says_what_is_wrong_with_a_file_that_is_not_a_pdf(page, demo, tmp_path):
    log_in(page, "leder-gulset")
    page.goto(f"/tilskudd/{demo.pk}/gulset/arsrapport/")
    fake = tmp_path / "regnskap.pdf"
    fake.write_text("<html><body>Ikke en PDF</body></html>")
    page.get_by_label("Året i korte trekk").fill("Dette skal ikke forsvinne.")
    page.get_by_label("Godkjent regnskap (PDF)").set_input_files(str(fake))
    page.get_by_role("button", name="Lagre", exact=True).click()
    expect(page.get_by_text("Filen er ikke en PDF.")).to_be_visible()
    expect(page.get_by_label("Året i korte trekk")).to_have_value("Dette skal ikke forsvinne.")
    assert_accessible(page)


def test_a_wrong_entry_on_the_documentation_page_is_said_next_to_the_form(page, demo):
    """The grant pages themselves are walked by axe as every role and in both languages
    with the rest of the portal (tests/browser/test_every_page.py); here the error state
    of the documentation form, which that walk does not reach."""
    log_in(page, "koordinator-skien")
    page.goto(f"/tilskudd/{demo.pk}/klyve/dokumentasjon/")
    page.get_by_label("Årsverk").fill("mange")
    page.get_by_role("button", name="Lagre dokumentasjonen").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    assert_accessible(page)
