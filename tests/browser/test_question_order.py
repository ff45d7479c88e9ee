"""The builder's list without a reload, axe on the way: the coordinator moves a question
up with the mouse, and into and out of a follow-up from the keyboard; the list changes
in place, the focus stays on the question moved, and the status says what happened.
Without JavaScript the same buttons post and the page comes back (tests/surveys/
test_question_order.py)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from surveys.models import Survey
from surveys.questions import display_order

from ..factories import CoordinatorFactory, MunicipalityFactory, QuestionFactory, SurveyFactory
from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def draft(transactional_db):
    municipality = MunicipalityFactory(name="Skien", slug="skien")
    CoordinatorFactory(username="koordinator-skien", municipality=municipality)
    survey = SurveyFactory(
        municipality=municipality,
        title="Spørreundersøkelse 2027",
        round=2027,
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        status=Survey.Status.DRAFT,
    )
    for order, text in enumerate(["Samarbeid?", "Møteplasser?", "Frivillige?"], 1):
        QuestionFactory(survey=survey, order=order, text=text)
    return survey


def texts(survey) -> list[str]:
    return [f"{q.number}. {q.text}" for q in display_order(list(survey.questions.all()))]


def test_questions_move_in_place_with_the_focus_kept(page, draft):
    log_in(page, "koordinator-skien")
    page.goto(f"/undersokelser/{draft.pk}/")
    assert_accessible(page)
    # Set on this document: still there after the moves, so the page never reloaded.
    page.evaluate("window.notReloaded = true")
    status = page.locator("#question-moves-status")

    page.get_by_role("button", name="Opp spørsmål 3").click()
    expect(status).to_have_text("Spørsmål 3 er flyttet opp og er nå spørsmål 2.")
    expect(page.get_by_role("button", name="Opp spørsmål 2")).to_be_focused()
    items = page.locator(".question-item p.fw-semibold")
    expect(items).to_have_text(["1. Samarbeid?", "2. Frivillige?", "3. Møteplasser?"])

    # From the keyboard: Tab to «Gjør til oppfølging av 1» of question 2, Enter.
    page.get_by_role("button", name="Ned spørsmål 2").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Gjør til oppfølging av 1 (spørsmål 2)")).to_be_focused()
    page.keyboard.press("Enter")
    expect(status).to_have_text("Spørsmål 2 er nå oppfølgingsspørsmål 1a til spørsmål 1.")
    expect(items).to_have_text(["1. Samarbeid?", "1a. Frivillige?", "2. Møteplasser?"])
    expect(page.get_by_role("button", name="Opp spørsmål 1a")).to_be_focused()
    assert_accessible(page)

    page.get_by_role("button", name="Gjør til hovedspørsmål (spørsmål 1a)").press("Enter")
    expect(status).to_have_text("Spørsmål 1a er nå hovedspørsmål 2.")
    expect(items).to_have_text(["1. Samarbeid?", "2. Frivillige?", "3. Møteplasser?"])
    assert page.evaluate("window.notReloaded === true")
    assert texts(draft) == ["1. Samarbeid?", "2. Frivillige?", "3. Møteplasser?"]
