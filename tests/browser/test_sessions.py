"""A session that ends while a leader answers a survey loses nothing: the autosave says
so and resumes after a login in another tab, and a form sent to the login page comes
back with its text."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from agreements import services as agreements
from surveys.models import Survey, SurveyResponse

from ..accounts.test_sessions import end_all_sessions
from ..factories import (
    CentreFactory,
    CoordinatorFactory,
    LeaderFactory,
    MunicipalityFactory,
    SurveyFactory,
    framework_with_clauses,
)
from ..surveys.conftest import seed_questions
from .conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def answering(transactional_db):
    municipality = MunicipalityFactory(name="Skien", slug="skien")
    klyve = CentreFactory(municipality=municipality, name="Klyve nærmiljøsenter", slug="klyve")
    LeaderFactory(username="leder-klyve", centre=klyve)
    survey = SurveyFactory(
        municipality=municipality,
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        status=Survey.Status.OPEN,
    )
    questions = seed_questions(survey)
    response = SurveyResponse.objects.create(survey=survey, centre=klyve)
    return response, questions, f"/undersokelser/{survey.pk}/svar/klyve/"


def saved_text(response, question):
    answer = response.answers.filter(question=question).first()
    return answer.text if answer else None


def test_autosave_after_the_session_ended_waits_for_a_login_in_another_tab(page, answering):
    response, questions, url = answering
    goals = page.locator(f"#q{questions['goals'].pk}")
    status = page.locator("#save-status")
    log_in(page, "leder-klyve")
    page.goto(url)
    goals.fill("Flere frivillige")
    expect(status).to_contain_text("Lagret kl.")

    end_all_sessions()
    goals.fill("Flere frivillige og nye lokaler på Lie")
    expect(status).to_contain_text("du er logget ut")
    expect(status.get_by_role("link", name="Logg inn i en ny fane")).to_be_visible()
    assert saved_text(response, questions["goals"]) == "Flere frivillige"

    other_tab = page.context.new_page()
    log_in(other_tab, "leder-klyve")
    other_tab.close()
    page.evaluate("window.dispatchEvent(new Event('focus'))")  # back in the first tab
    expect(status).to_contain_text("Lagret kl.")
    assert saved_text(response, questions["goals"]) == "Flere frivillige og nye lokaler på Lie"


def test_a_form_sent_after_the_session_ended_comes_back_after_the_login(page, answering):
    response, questions, url = answering
    goals = page.locator(f"#q{questions['goals'].pk}")
    log_in(page, "leder-klyve")
    page.goto(url)
    goals.fill("Første tanke")
    expect(page.locator("#save-status")).to_contain_text("Lagret kl.")

    end_all_sessions()
    goals.fill("Første tanke, og en lang tekst skrevet før lunsj")
    page.get_by_role("button", name="Lagre utkast").click()  # before the autosave runs
    page.wait_for_url("**/konto/logg-inn/**")
    page.get_by_label("Brukernavn").fill("leder-klyve")
    page.get_by_label("Passord").fill("demo")
    page.get_by_role("button", name="Logg inn").click()

    page.wait_for_url(f"**{url}")
    expect(goals).to_have_value("Første tanke, og en lang tekst skrevet før lunsj")
    expect(page.get_by_role("status").filter(has_text="hentet fram igjen")).to_be_visible()
    expect(page.locator("#save-status")).to_contain_text("Lagret kl.")
    assert saved_text(response, questions["goals"]) == (
        "Første tanke, og en lang tekst skrevet før lunsj"
    )


def test_an_agreement_edit_sent_after_the_session_ended_comes_back_after_the_login(page, answering):
    response, _questions, _url = answering
    municipality = response.survey.municipality
    coordinator = CoordinatorFactory(username="koordinator-skien", municipality=municipality)
    framework_with_clauses(municipality, by=coordinator)
    start = timezone.localdate() + datetime.timedelta(days=60)
    agreement = agreements.create_agreement(
        centre=response.centre,
        by=coordinator,
        valid_from=start,
        valid_to=start + datetime.timedelta(days=730),
    )
    log_in(page, "koordinator-skien")
    page.goto(agreement.get_absolute_url())
    page.get_by_role("link", name="Rediger", exact=True).click()
    edit_url = page.url
    meetings = page.get_by_label("Møter mellom partene")
    meetings.fill("Fire møter i året, ett av dem i nærmiljøforumet")

    end_all_sessions()
    page.get_by_role("button", name="Lagre endringene").click()
    page.wait_for_url("**/konto/logg-inn/**")
    page.get_by_label("Brukernavn").fill("koordinator-skien")
    page.get_by_label("Passord").fill("demo")
    page.get_by_role("button", name="Logg inn").click()

    page.wait_for_url(edit_url)
    expect(meetings).to_have_value("Fire møter i året, ett av dem i nærmiljøforumet")
    expect(page.get_by_role("status").filter(has_text="hentet fram igjen")).to_be_visible()
    page.get_by_role("button", name="Lagre endringene").click()
    expect(page.get_by_text("Endringene er lagret som en ny versjon.")).to_be_visible()
    agreement.refresh_from_db()
    assert agreement.meeting_frequency == "Fire møter i året, ett av dem i nærmiljøforumet"
