"""Playwright against a live server, in Debian's Chromium; never a downloaded browser.

Without /usr/bin/chromium the browser tests are skipped with a message, unless
REQUIRE_BROWSER is set (CI sets it), in which case they fail.
"""

import functools
import json
import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make there are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    missing = [str(p) for p in (CHROMIUM, AXE) if not p.exists()]
    if missing:
        message = f"Browser tests need {', '.join(missing)} (apt-get install chromium; npm ci)."
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


# Runs in every page before its own scripts, outside the page's CSP: reports each
# violation of the Content-Security-Policy to the test.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (event) {
  window.__reportCspViolation(
    event.violatedDirective + " blocked " + (event.blockedURI || "inline") + " in "
      + event.documentURI + (event.sourceFile ? " (" + event.sourceFile + ":"
      + event.lineNumber + ")" : "") + (event.sample ? ": " + event.sample : "")
  );
});
"""


@pytest.fixture
def csp_violations():
    """What the pages of the test reported; a test that provokes one on purpose clears it."""
    return []


@pytest.fixture
def page(browser, live_server, transactional_db, csp_violations):
    """A page in a fresh context; the test fails at teardown if any page of the context
    reported a Content-Security-Policy violation (event or console message)."""
    # Reduced motion: Bootstrap then leaves out its transitions, which axe could otherwise
    # catch halfway (a focused button's colours fading in fail the contrast check).
    context = browser.new_context(base_url=live_server.url, locale="en-US", reduced_motion="reduce")
    violations = csp_violations
    context.expose_binding("__reportCspViolation", lambda _source, text: violations.append(text))
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    # axe-core in every document before its own scripts: V8 compiles it for a new page in
    # about a fifth of the time sending its 550 kB over the DevTools protocol takes.
    context.add_init_script(path=str(AXE))

    def on_console(message):
        if "Content Security Policy" in message.text:
            violations.append(f"console: {message.text}")

    context.on("console", on_console)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


def assert_accessible(page, *, rules: tuple[str, ...] | None = None) -> None:
    """axe-core with the WCAG 2.0/2.1 A and AA rules: zero violations is the bar.

    axe is evaluated through the DevTools protocol, which the page's CSP does not govern
    (add_script_tag would insert an inline script that the policy blocks). `rules` runs
    only those (see WORDING_RULES), for a page whose other rules a caller has shown."""
    result = _run_axe(page, rules=rules)
    violations = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
    assert not violations, f"{page.url}:\n{json.dumps(violations, indent=2, ensure_ascii=False)}"


# What page.evaluate raises when a click's navigation replaces the document under it:
# the old context is gone, or the new document has no element yet.
NAVIGATION_RACES = ("Execution context was destroyed", "documentElement", "axe is not defined")


# The WCAG rules whose outcome words can change: names, labels, alternative texts, titles
# and lang attributes. A page walked again in a second language runs only these: the same
# templates and stylesheets give it the same structure, ARIA and colours (the contrast
# rule alone is about half of axe's time on a page), which its bokmål walk has checked.
WORDING_RULES = (
    "area-alt",
    "aria-command-name",
    "aria-input-field-name",
    "aria-meter-name",
    "aria-progressbar-name",
    "aria-tab-name",
    "aria-toggle-field-name",
    "aria-tooltip-name",
    "button-name",
    "document-title",
    "frame-title",
    "frame-title-unique",
    "html-has-lang",
    "html-lang-valid",
    "html-xml-lang-mismatch",
    "image-alt",
    "input-button-name",
    "input-image-alt",
    "label",
    "label-content-name-mismatch",
    "link-name",
    "object-alt",
    "role-img-alt",
    "select-name",
    "summary-name",
    "svg-img-alt",
    "valid-lang",
)


def _run_axe(page, attempts: int = 3, rules: tuple[str, ...] | None = None) -> dict:
    """Runs axe once the page has loaded; a test that clicked a link does not wait for
    the next page, so a navigation still under way is waited out and axe run again."""
    from playwright.sync_api import Error

    for attempt in range(attempts):
        page.wait_for_load_state("load")
        try:
            if not page.evaluate("typeof window.axe !== 'undefined'"):
                page.evaluate(_axe_source())
            # Only the violations: collecting the passes too costs axe about 45 % more.
            # No preload: axe reads a stylesheet's @import (Django admin's forms.css) by
            # putting a <style> into the page, which the CSP blocks and the test reports
            # as the page's; none of the rules run needs the stylesheets read.
            run_only = {"type": "rule", "values": list(rules)} if rules else None
            return page.evaluate(
                "([tags, only]) => axe.run(document, {runOnly: only || {type: 'tag', values: tags},"
                " resultTypes: ['violations'], preload: false})",
                [WCAG_TAGS, run_only],
            )
        except Error as error:
            if attempt == attempts - 1 or not any(r in error.message for r in NAVIGATION_RACES):
                raise
    raise AssertionError("unreachable")


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def log_in(page, username: str, password: str = "demo") -> None:
    """Logs in through the login page, which the anonymous walk of test_every_page checks
    with axe in every language, empty and with errors: not again on every login."""
    page.goto("/konto/logg-inn/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/")
