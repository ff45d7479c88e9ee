"""The walk of issue 18 in the browser, axe on every page: the coordinator builds a
0–10 scale with her own end words, a number question, a choice with «Annet» and a
question bound to the centres' target groups (the builder shows only the chosen kind's
fields and previews the question); the leader of Klyve answers starting from the
profile, changes one target group, and the profile shows it after submit."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from centres.services import replace_target_groups, target_group_names
from surveys.models import Question, Survey, SurveyResponse

from ..factories import (
    CentreFactory,
    CoordinatorFactory,
    LeaderFactory,
    MunicipalityFactory,
    SurveyFactory,
)
from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def skien(transactional_db):
    municipality = MunicipalityFactory(name="Skien", slug="skien")
    klyve = CentreFactory(municipality=municipality, name="Klyve nærmiljøsenter", slug="klyve")
    replace_target_groups(klyve, ["Barn og unge", "Seniorer", "Innvandrere"])
    LeaderFactory(username="leder-klyve", centre=klyve)
    CoordinatorFactory(username="koordinator-skien", municipality=municipality)
    survey = SurveyFactory(
        municipality=municipality,
        title="Spørreundersøkelse 2027",
        round=2027,
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        status=Survey.Status.DRAFT,
    )
    return survey, klyve


def add_question(page, text, kind):
    page.get_by_role("link", name="Legg til spørsmål").click()
    page.get_by_label("Spørsmål*").fill(text)
    page.get_by_label("Spørsmålstype").select_option(kind)


def test_coordinator_builds_the_new_kinds_and_the_leader_answers(page, skien):
    survey, klyve = skien
    log_in(page, "koordinator-skien")
    page.goto(f"/undersokelser/{survey.pk}/")

    add_question(page, "Hvor godt kjenner kommunen sentralen?", "scale")
    scale = page.locator('fieldset[data-kinds="scale"]')
    expect(scale).to_be_visible()
    expect(page.locator('fieldset[data-kinds="ranked"]')).to_be_hidden()
    expect(page.get_by_label("Antall i rangert liste")).to_be_hidden()
    page.get_by_label("Skalaen starter på").select_option("0")
    page.get_by_label("Skalaen slutter på").select_option("10")
    page.get_by_label("Ord for laveste verdi").fill("ikke i det hele tatt")
    page.get_by_label("Ord for høyeste verdi").fill("svært godt")
    preview = page.locator("#question-preview")
    expect(preview.get_by_text("10 – svært godt")).to_be_visible()
    expect(preview.get_by_text("0 – ikke i det hele tatt")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Lagre spørsmålet").click()
    expect(page.get_by_text("Spørsmålet er lagret.")).to_be_visible()

    add_question(page, "Hvor mange frivillige har sentralen?", "number")
    expect(page.locator('fieldset[data-kinds="scale"]')).to_be_hidden()
    page.get_by_label("Enhet").fill("personer")
    page.get_by_label("Minste tall").fill("0")
    page.get_by_label("Største tall").fill("5000")
    expect(preview.get_by_text("Et helt tall fra 0 til 5000.")).to_be_visible()
    page.get_by_role("button", name="Lagre spørsmålet").click()
    expect(page.get_by_text("Spørsmålet er lagret.")).to_be_visible()

    add_question(page, "Hvordan når dere nye frivillige?", "single")
    page.get_by_label("Svaralternativer").fill("Sosiale medier\nAvisen")
    page.get_by_label("Med «Annet (skriv inn)»").check()
    expect(preview.get_by_label("Annet, skriv inn")).to_be_visible()
    page.get_by_role("button", name="Lagre spørsmålet").click()
    expect(page.get_by_text("Spørsmålet er lagret.")).to_be_visible()

    add_question(page, "Hvem er sentralens viktigste målgrupper?", "ranked")
    page.get_by_label("Knyttet til sentralens profil").select_option("target_groups")
    assert_accessible(page)
    page.get_by_role("button", name="Lagre spørsmålet").click()
    expect(page.get_by_text("Spørsmålet er lagret.")).to_be_visible()
    assert_accessible(page)
    assert Question.objects.filter(survey=survey).count() == 4

    survey.status = Survey.Status.OPEN
    survey.save()
    SurveyResponse.objects.create(survey=survey, centre=klyve)
    page.context.clear_cookies()  # the coordinator leaves; Klyve's leader answers
    log_in(page, "leder-klyve")
    page.goto(f"/undersokelser/{survey.pk}/svar/klyve/")
    assert page.get_by_label("Punkt 3").input_value() == "Innvandrere"  # from the profile
    expect(page.get_by_text("Fylt ut fra sentralens profil.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Punkt 3").fill("Flyktninger")
    page.get_by_label("10 – svært godt").check()
    page.get_by_label("Hvor mange frivillige har sentralen?").fill("mange")
    page.get_by_label("Annet (skriv inn)", exact=True).check()
    page.get_by_role("button", name="Send inn …").click()
    expect(page.locator("#error-summary")).to_contain_text("Skriv et helt tall, for eksempel 12.")
    expect(page.locator("#error-summary")).to_contain_text("Du har valgt «Annet».")
    assert page.get_by_label("Hvor mange frivillige har sentralen?").input_value() == "mange"
    assert_accessible(page)

    page.get_by_label("Hvor mange frivillige har sentralen?").fill("48")
    page.get_by_label("Annet, skriv inn").fill("Frivilligbørsen")
    page.get_by_role("button", name="Send inn …").click()
    expect(page.get_by_role("heading", name="Send inn svaret?")).to_be_visible()
    expect(page.get_by_text("Endringer i sentralens profil")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ja, oppdater profilen med svaret").check()
    page.get_by_role("button", name="Ja, send inn svaret").click()
    expect(page.get_by_text("Takk! Svaret fra Klyve nærmiljøsenter er sendt inn.")).to_be_visible()
    assert target_group_names(klyve) == ["Barn og unge", "Seniorer", "Flyktninger"]
    page.goto("/sentraler/klyve/")
    expect(page.get_by_text("Flyktninger").first).to_be_visible()
    assert_accessible(page)
