"""«E-post som ikke kom fram» in a real browser: from the dashboard's count to the page
and «Send på nytt», each page checked with axe-core."""

import pytest
from playwright.sync_api import expect

from accounts.models import OutgoingEmail, User

from ..factories import OutgoingEmailFactory
from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db, demo):
    """The demo (tests/conftest.py), for the live server: committed, flushed after."""


def test_coordinator_follows_the_count_and_sends_an_email_again(page, demo):
    coordinator = User.objects.get(username="koordinator-skien")
    email = OutgoingEmailFactory(
        municipality=coordinator.municipality, to="leder@klyve.no", subject="Invitasjon"
    )
    log_in(page, "koordinator-skien")
    link = page.get_by_role("link", name="E-post som ikke kom fram 1")
    expect(link).to_be_visible()
    assert_accessible(page)

    link.click()
    expect(page.get_by_role("heading", name="E-post som ikke kom fram", level=1)).to_be_visible()
    row = page.get_by_role("row", name="leder@klyve.no")
    assert "E-posttjeneren kunne ikke nås." in row.inner_text()
    assert_accessible(page)

    row.get_by_role("button", name="Send på nytt til leder@klyve.no").click()
    expect(page.get_by_text("E-posten til leder@klyve.no sendes på nytt.")).to_be_visible()
    expect(
        page.get_by_text("All e-post fra portalen er levert til e-posttjeneren.")
    ).to_be_visible()
    assert_accessible(page)
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
