"""The admin with the keyboard alone: an administrator edits a goal and its measures."""

import pytest
from playwright.sync_api import expect

from plans.models import Goal, Measure

from .conftest import log_in
from .test_every_page import Keyboard

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db, demo):
    """The demo (tests/conftest.py), for the live server: committed, flushed after."""


def test_an_administrator_edits_a_goal_and_its_measures_with_the_keyboard_alone(page, demo):
    goal = Goal.objects.filter(measures__isnull=False).distinct().order_by("pk").first()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "admin")
    keys = Keyboard(page)
    page.goto("/admin/")

    # From the index to the goals, and on to the goal.
    keys.follow(page.locator("#content-main a[href='/admin/plans/goal/']"))
    keys.follow(page.locator(f"#result_list a[href='/admin/plans/goal/{goal.pk}/change/']"))

    # The goal's title, then its first measure's text, each replaced by typing.
    keys.tab_to(page.locator("#id_title"))
    page.keyboard.press("Control+A")
    page.keyboard.type("Frivilligheten har gode vekstvilkår i hele kommunen")
    measure = Measure.objects.get(pk=page.locator("#id_measures-0-id").input_value())
    keys.tab_to(page.locator("#id_measures-0-text"))
    page.keyboard.press("Control+A")
    page.keyboard.type("Tilskudd til nye frivillige lag, søknad hvert halvår")

    keys.follow(page.locator("input[name=_save]"))
    expect(page.locator(".messagelist .success")).to_be_visible()
    goal.refresh_from_db()
    measure.refresh_from_db()
    assert goal.title == "Frivilligheten har gode vekstvilkår i hele kommunen"
    assert measure.text == "Tilskudd til nye frivillige lag, søknad hvert halvår"
    assert not keys.unseen_focus, "Focus not shown:\n" + "\n".join(keys.unseen_focus)
