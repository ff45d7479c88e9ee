"""The Content-Security-Policy holds in the browser: the portal's pages and the
admin run under it, and the browser tests notice a violation."""

import pytest
from playwright.sync_api import expect

from ..factories import CentreFactory, CoordinatorFactory, MunicipalityFactory, UserFactory
from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def skien(transactional_db):
    municipality = MunicipalityFactory(name="Skien", slug="skien")
    CentreFactory(municipality=municipality, name="Klyve nærmiljøsenter", slug="klyve")
    CoordinatorFactory(username="koordinator-skien", municipality=municipality)
    return municipality


def test_an_inline_style_or_script_is_blocked_and_reported(page, skien, csp_violations):
    response = page.goto("/konto/logg-inn/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    page.evaluate(
        """() => {
            document.body.setAttribute("style", "background: red");
            const script = document.createElement("script");
            script.textContent = "window.ranInline = true";
            document.body.append(script);
        }"""
    )
    expect(page.locator("body")).not_to_have_css("background-color", "rgb(255, 0, 0)")
    assert page.evaluate("window.ranInline") is None
    page.wait_for_function("1")  # let the reports arrive
    page.wait_for_timeout(200)
    reported = "\n".join(csp_violations)
    assert "style-src" in reported
    assert "script-src" in reported
    csp_violations.clear()  # provoked on purpose: the fixture must not fail this test


def test_the_dashboard_and_axe_run_under_the_policy(page, skien):
    log_in(page, "koordinator-skien")
    assert_accessible(page)
    page.get_by_role("link", name="Frivilligsentraler").click()
    assert_accessible(page)


def test_the_admin_works_under_the_policy(page, skien):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    centre = skien.centres.get()
    page.goto("/admin/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill("demo")
    page.locator("input[type=submit]").click()
    expect(page.locator("#site-name")).to_be_visible()
    for url in [
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        f"/admin/accounts/user/{admin.pk}/change/",
        f"/admin/centres/centre/{centre.pk}/change/",
        f"/admin/centres/centre/{centre.pk}/history/",
        "/admin/axes/accessattempt/",
    ]:
        response = page.goto(url)
        assert response.status == 200, url
        assert "content-security-policy" in response.headers
    # The admin's own scripts run: the user list's select-all checkbox selects the row.
    page.goto("/admin/accounts/user/")
    page.locator("#action-toggle").check()
    expect(page.locator("input.action-select").first).to_be_checked()
