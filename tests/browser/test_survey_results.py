"""The coordinator reads the demo survey's results, edits a sentence for the deck, merges
two answers into a theme and opens the deck; every page passes axe-core."""

import pytest
from playwright.sync_api import expect

from surveys.models import Question, Survey, Theme

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db, demo):
    """The demo (tests/conftest.py), for the live server: committed, flushed after."""


def test_coordinator_edits_a_sentence_merges_a_theme_and_opens_the_deck(page, demo):
    survey = Survey.objects.get(round=2025)
    agreement = Question.objects.get(survey=survey, text__startswith="Ønsker din")
    partners = Question.objects.get(survey=survey, text__startswith="Nevn de tre viktigste samarb")
    log_in(page, "koordinator-skien")

    page.goto(f"/undersokelser/{survey.pk}/resultater/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Resultater:")
    assert page.get_by_role("img", name="Ja: 3 av 5 (60 prosent)").count() == 1
    expect(page.get_by_text("Tre av fem frivilligsentraler synes at samhandlingen")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Rediger setningen for spørsmål 5", exact=True).click()
    page.wait_for_url("**/oppsummering/")
    assert_accessible(page)
    page.get_by_label("Oppsummering til presentasjonen").fill(
        "Alle frivilligsentralene sier at de ønsker en samarbeidsavtale."
    )
    page.get_by_role("button", name="Lagre setningen").click()
    expect(page.get_by_text("Oppsummeringen er lagret.")).to_be_visible()
    expect(
        page.get_by_text("Alle frivilligsentralene sier at de ønsker en samarbeidsavtale.")
    ).to_be_visible()
    agreement.refresh_from_db()
    assert agreement.summary == "Alle frivilligsentralene sier at de ønsker en samarbeidsavtale."

    page.goto(f"/undersokelser/{survey.pk}/resultater/sporsmal/{partners.pk}/temaer/")
    assert_accessible(page)
    page.get_by_label("«Skolene»").check()
    page.get_by_label("«Barne- og ungdomsskolene i bydelen»").check()
    page.get_by_label("Navn på nytt tema").fill("Skolene")
    page.get_by_role("button", name="Lag tema av valgte svar").click()
    expect(page.get_by_text("Svarene er lagt i temaet «Skolene».")).to_be_visible()
    top = page.get_by_role("row").nth(1)
    assert "Skolene" in top.inner_text() and "6" in top.inner_text()
    assert Theme.objects.get(question=partners, name="Skolene").members.count() == 2
    assert_accessible(page)

    page.goto(f"/undersokelser/{survey.pk}/resultater/side-ved-side/")
    assert_accessible(page)

    page.goto(f"/undersokelser/{survey.pk}/presentasjon/")
    expect(page.get_by_role("heading", name="Velkommen til dialogmøte", level=2)).to_be_visible()
    # on the summary slide and beside the question's chart
    expect(
        page.get_by_text("Alle frivilligsentralene sier at de ønsker en samarbeidsavtale.").first
    ).to_be_visible()
    expect(page.get_by_role("button", name="Skriv ut")).to_be_visible()
    assert_accessible(page)

    page.goto("/undersokelser/besoksmappe/frogner/")
    # the follow-up from the meeting, and the wish beside Frogner's «Ja» it came from
    follow_up = "Kommunale representanter møter jevnlig i nærmiljøforumet på Frogner"
    expect(page.get_by_text(follow_up)).to_be_visible()
    expect(page.get_by_text("«I tillegg ønskes at kommunale representanter")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/undersokelser/{Survey.objects.get(round=2026).pk}/resultater/sammenlign/")
    assert_accessible(page)
