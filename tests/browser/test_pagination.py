"""A long list a page at a time, in a real browser: the pagination is a named navigation
landmark, says which page is current, keeps the filter, and passes axe-core."""

import pytest
from playwright.sync_api import expect

from accounts.models import Municipality

from ..factories import CentreFactory
from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def many_centres(transactional_db, demo):
    skien = Municipality.objects.get(slug="skien")
    CentreFactory.create_batch(30, municipality=skien, district="Sentrum")


def _current(pages) -> str:
    """The current page as a screen reader reads it (the word "Side" is hidden visually)."""
    return " ".join(pages.locator('[aria-current="page"]').text_content().split())


def test_the_coordinator_pages_through_the_centres_with_a_filter_kept(page, many_centres):
    log_in(page, "koordinator-skien")
    page.goto("/sentraler/?district=Sentrum")
    pages = page.get_by_role("navigation", name="Sider med sentraler")
    assert _current(pages) == "Side 1"
    assert_accessible(page)

    pages.get_by_role("link", name="Neste").click()
    pages = page.get_by_role("navigation", name="Sider med sentraler")
    assert _current(pages) == "Side 2"
    assert "district=Sentrum" in page.url and "side=2" in page.url
    assert page.locator("article.centre-card").count() == 30 - 24
    assert_accessible(page)

    page.goto("/planer/fremdrift/?liste=over-fristen")
    expect(page.get_by_role("heading", name="Tiltak over fristen", level=1)).to_be_visible()
    assert_accessible(page)
