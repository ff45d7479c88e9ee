"""A leader answers a survey in the browser, and a coordinator builds and sends one;
axe-core checks every page visited."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from surveys import answering
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
    CentreFactory(municipality=municipality, name="Gulset nærmiljøsenter", slug="gulset")
    LeaderFactory(username="leder-klyve", centre=klyve)
    CoordinatorFactory(username="koordinator-skien", municipality=municipality)
    return municipality


def test_leader_answers_with_a_follow_up_reloads_and_submits(page, skien):
    survey = SurveyFactory(
        municipality=skien,
        title="Spørreundersøkelse 2026",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        status=Survey.Status.OPEN,
    )
    groups = QuestionFactory(
        survey=survey,
        kind=Question.Kind.RANKED,
        rank_count=3,
        text="Nevn de tre viktigste målgruppene for frivilligsentralen",
    )
    level = QuestionFactory(
        survey=survey,
        kind=Question.Kind.YES_NO,
        text="Er den formaliserte samhandlingen på rett nivå?",
    )
    how = QuestionFactory(
        survey=survey,
        kind=Question.Kind.LONG_TEXT,
        parent=level,
        show_when="no",
        text="Hvordan mener du samhandlingen bør foregå?",
    )
    agreement = QuestionFactory(
        survey=survey,
        kind=Question.Kind.YES_NO,
        text="Ønsker dere å inngå en samarbeidsavtale med kommunen?",
    )
    response = SurveyResponse.objects.create(survey=survey, centre=skien.centres.get(slug="klyve"))

    log_in(page, "leder-klyve")
    expect(page.get_by_role("heading", name="Undersøkelser å svare på")).to_be_visible()
    page.get_by_role("link", name="Undersøkelser", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Svar nå").click()
    assert_accessible(page)

    follow_up = page.locator(f"#question-{how.pk}")
    expect(follow_up).to_be_hidden()  # once surveys.js has run
    page.get_by_label("Punkt 1").fill("Barn og ungdom")
    page.get_by_label("Punkt 2").fill("Seniorer")
    page.locator(f"#question-{level.pk}").get_by_label("Nei").check()
    expect(follow_up).to_be_visible()
    follow_up.get_by_role("textbox").fill("Oftere besøk og møter")
    page.wait_for_function(
        "() => document.getElementById('save-status').textContent.includes('Lagret kl.')"
    )
    assert page.locator("#progress").inner_text() == "3 av 4 besvart"

    page.reload()
    assert page.get_by_label("Punkt 2").input_value() == "Seniorer"
    assert follow_up.get_by_role("textbox").input_value() == "Oftere besøk og møter"
    expect(follow_up).to_be_visible()

    # Meanwhile the other leader saves from another device: this form is now stale.
    other = LeaderFactory(username="leder-klyve-2", centre=response.centre, first_name="Kari")
    response.refresh_from_db()
    newer = answering.values_from_answers(response.answers.all())
    newer[how.pk].text = "Flere møter med kommunen"
    answering.save_answers(response=response, values=newer, by=other, revision=response.revision)
    follow_up.get_by_role("textbox").fill("Oftere besøk og møter i nærmiljøforumet")
    page.get_by_role("button", name="Lagre utkast").click()
    expect(page.get_by_text("Noen andre har lagret svaret i mellomtiden")).to_be_visible()
    expect(page.get_by_text("Flere møter med kommunen")).to_be_visible()
    typed = follow_up.get_by_role("textbox").input_value()
    assert typed == "Oftere besøk og møter i nærmiljøforumet"
    assert_accessible(page)

    page.get_by_role("button", name="Send inn …").click()
    summary = page.locator("#error-summary")
    assert "Dette spørsmålet må besvares." in summary.inner_text()
    assert_accessible(page)

    page.locator(f"#question-{agreement.pk}").get_by_label("Ja").check()
    page.get_by_role("button", name="Send inn …").click()
    expect(page.get_by_role("heading", name="Send inn svaret?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, send inn svaret").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_text("Takk! Svaret fra Klyve nærmiljøsenter er sendt inn.")).to_be_visible()
    expect(page.get_by_text("Oftere besøk og møter i nærmiljøforumet")).to_be_visible()
    assert page.get_by_role("button", name="Lagre utkast").count() == 0
    assert_accessible(page)
    response.refresh_from_db()
    assert response.is_submitted
    assert groups.answers.get().items == ["Barn og ungdom", "Seniorer"]


def test_coordinator_builds_a_survey_with_a_follow_up_and_sends_it(page, skien):
    log_in(page, "koordinator-skien")
    page.get_by_role("link", name="Undersøkelser", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Ny undersøkelse").click()
    assert_accessible(page)
    page.get_by_label("Tittel").fill("Spørreundersøkelse til frivilligsentralene 2026")
    page.get_by_label("Runde").fill("2026")
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    page.get_by_label("Svarfrist").fill(deadline.isoformat())
    page.get_by_role("button", name="Lagre undersøkelsen").click()
    expect(page.get_by_text("Ingen spørsmål ennå.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Legg til spørsmål").click()
    assert_accessible(page)
    page.get_by_label("Spørsmål*").fill("Er samhandlingen på rett nivå?")
    page.get_by_label("Spørsmålstype").select_option("yes_no")
    page.get_by_role("button", name="Lagre spørsmålet").click()
    expect(page.get_by_text("Spørsmålet er lagret.")).to_be_visible()
    parent = Question.objects.get()

    page.get_by_role("link", name="Legg til spørsmål").click()
    page.get_by_label("Spørsmål*").fill("Hvordan mener du samhandlingen bør foregå?")
    page.get_by_label("Plassering").select_option(f"{parent.pk}:no")
    page.get_by_role("button", name="Lagre spørsmålet").click()
    expect(page.get_by_text("vises når svaret på 1 er Nei")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Forhåndsvis").click()
    expect(page.get_by_text("Forhåndsvisning.")).to_be_visible()
    follow_up = page.get_by_role("group").filter(has_text="Hvordan mener du")
    expect(page.get_by_label("Hvordan mener du samhandlingen bør foregå?")).to_be_hidden()
    page.get_by_label("Nei").check()
    expect(page.get_by_label("Hvordan mener du samhandlingen bør foregå?")).to_be_visible()
    assert follow_up.count() == 0  # a text question is a labelled field, not a group
    assert_accessible(page)

    page.get_by_role("link", name="Tilbake til undersøkelsen").click()
    page.get_by_role("link", name="Send til sentralene").click()
    expect(page.get_by_text("2 frivilligsentraler får undersøkelsen")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, send undersøkelsen").click()
    expect(page.get_by_text("Undersøkelsen er sendt til 2 frivilligsentraler.")).to_be_visible()
    expect(page.get_by_text("0 av 2 har svart.")).to_be_visible()
    assert_accessible(page)
    assert Survey.objects.get().status == Survey.Status.OPEN
