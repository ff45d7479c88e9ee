"""The coordinator invites a centre leader, who follows the e-mail's link, chooses a
password and lands on the dashboard; and the coordinator registers the answer of a
centre that has no login, and hands out its answer link. axe-core checks every page."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from surveys.models import Question, Survey, SurveyResponse

from ..factories import (
    CentreFactory,
    CoordinatorFactory,
    LeaderFactory,
    MunicipalityFactory,
    QuestionFactory,
    SurveyFactory,
)
from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def skien(transactional_db):
    municipality = MunicipalityFactory(name="Skien", slug="skien")
    klyve = CentreFactory(municipality=municipality, name="Klyve nærmiljøsenter", slug="klyve")
    CentreFactory(
        municipality=municipality, name="Den kommunale frivilligsentralen", slug="kommunal"
    )
    LeaderFactory(username="leder-klyve", centre=klyve)
    CoordinatorFactory(
        username="koordinator-skien",
        municipality=municipality,
        first_name="Kari",
        last_name="Koordinator",
    )
    return municipality


def test_an_invited_leader_chooses_a_password_and_lands_on_the_dashboard(page, skien):
    log_in(page, "koordinator-skien")
    page.get_by_role("link", name="Personer").click()
    assert_accessible(page)
    page.get_by_role("link", name="Inviter en person").click()
    assert_accessible(page)
    page.get_by_label("Fornavn").fill("Nina")
    page.get_by_label("Etternavn").fill("Lie")
    page.get_by_label("E-post").fill("nina.lie@example.no")
    page.get_by_label("Daglig leder").check()
    page.get_by_label("Sentral").select_option(label="Den kommunale frivilligsentralen")
    page.get_by_role("button", name="Send invitasjonen").click()
    expect(page.get_by_text("Invitasjonen er sendt til nina.lie@example.no.")).to_be_visible()
    expect(page.get_by_role("cell", name="Invitert")).to_be_visible()
    assert_accessible(page)

    [message] = mail.outbox
    path = re.search(r"/konto/invitasjon/\S+/", message.body).group(0)
    page.context.clear_cookies()
    page.goto(path)
    expect(page.get_by_role("heading", name="Velkommen til portalen")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Velg et passord").fill("kort")
    page.get_by_label("Skriv passordet en gang til").fill("kort")
    page.get_by_role("button", name="Lagre passordet og logg inn").click()
    expect(page.locator(".invalid-feedback, .errorlist").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Velg et passord").fill("Frivillig i Skien 2026")
    page.get_by_label("Skriv passordet en gang til").fill("Frivillig i Skien 2026")
    page.get_by_role("button", name="Lagre passordet og logg inn").click()
    page.wait_for_url("**/")
    expect(page.get_by_text("Velkommen, Nina Lie! Du er logget inn.")).to_be_visible()
    assert_accessible(page)

    page.goto(path)
    expect(page.get_by_role("heading", name="Lenken virker ikke")).to_be_visible()
    assert_accessible(page)


def test_the_coordinator_registers_an_answer_and_hands_out_a_link(page, skien):
    survey = SurveyFactory(
        municipality=skien,
        title="Spørreundersøkelse 2026",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        status=Survey.Status.OPEN,
    )
    QuestionFactory(
        survey=survey,
        kind=Question.Kind.YES_NO,
        text="Er den formaliserte samhandlingen på rett nivå?",
    )
    for centre in skien.centres.all():
        SurveyResponse.objects.create(survey=survey, centre=centre)

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(page, "koordinator-skien")
    page.goto(f"/undersokelser/{survey.pk}/")
    expect(page.get_by_role("heading", name="Må nås på annen måte")).to_be_visible()
    assert_accessible(page)

    # A link for the municipal centre, copied with the button.
    page.get_by_role("button", name="Lag svarlenke for Den kommunale frivilligsentralen").click()
    field = page.get_by_label("Svarlenke for Den kommunale frivilligsentralen")
    expect(field).to_have_value(re.compile(r"/undersokelser/lenke/"))
    page.get_by_role(
        "button", name="Kopier svarlenken for Den kommunale frivilligsentralen"
    ).click()
    expect(page.get_by_text("Lenken er kopiert.")).to_be_visible()
    assert_accessible(page)

    # The coordinator answers Klyve's on the phone, with the keyboard.
    page.get_by_role("link", name="Registrer svar for Klyve nærmiljøsenter").click()
    expect(
        page.get_by_text("Du registrerer svaret på vegne av Klyve nærmiljøsenter")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ja").check()
    page.get_by_role("button", name="Send inn …").click()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, send inn svaret").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(
        page.get_by_text("registrert av Kari Koordinator for Klyve nærmiljøsenter")
    ).to_be_visible()
    assert_accessible(page)
    response = SurveyResponse.objects.get(survey=survey, centre__slug="klyve")
    assert response.is_submitted and response.submitted_on_behalf

    # Whoever holds the link answers without a login.
    url = field_value = None
    page.goto(f"/undersokelser/{survey.pk}/")
    field_value = page.get_by_label("Svarlenke for Den kommunale frivilligsentralen").input_value()
    url = field_value.split("localhost", 1)[-1].split("/", 1)[-1]
    page.context.clear_cookies()
    page.goto(f"/{url}")
    expect(page.get_by_text("Denne lenken er til svaret fra Den kommunale")).to_be_visible()
    assert_accessible(page)
