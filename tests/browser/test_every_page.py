"""Every page as every role, in bokmål and nynorsk, checked with axe-core (WCAG 2.1 A/AA).

The pages come from the URL resolver (tests/browser/site_pages.py), so a new page is
visited, or the suite fails until it is listed as skipped with a reason. One browser per
role and language walks all its pages and collects every violation before failing, so
one run names them all.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import WORDING_RULES, assert_accessible, log_in
from .site_pages import (
    ADMIN_MODEL_SKIPPED,
    ADMIN_VISITED,
    ANONYMOUS,
    ARGUMENTS,
    LANGUAGES,
    PUBLIC,
    REDIRECTING,
    ROLES,
    SKIPPED,
    admin_app_labels,
    admin_pages,
    admin_records,
    demo_objects,
    portal_pages,
    url_names,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db, demo):
    return demo_objects()


def choose_language(page, language: str) -> None:
    """The language switch in the footer, as a person uses it."""
    page.get_by_label("Språk", exact=True).select_option(language)
    page.get_by_role("button", name="Bytt språk").click()
    page.wait_for_selector(f"html[lang='{language}']")


def axe_rules(language: str) -> tuple[str, ...] | None:
    """The bokmål walk runs every rule; the nynorsk walk of the same pages runs those
    whose outcome words can change (tests/browser/conftest.py)."""
    return None if language == "nb" else WORDING_RULES


def check_all(page, pages, language) -> tuple[list[str], list[str], dict[int, str]]:
    """Opens each page and axe-checks those the user may see: answered 2xx where they
    asked (a redirect elsewhere, such as the admin's login for a non-staff user, is not
    the page). Returns (checked, violations, refused: status → the first URL refused
    with it)."""
    checked, violations, refused = [], [], {}
    for site_page in pages:
        response = page.goto(site_page.url)
        if not response.ok:
            refused.setdefault(response.status, site_page.url)
            continue
        if response.request.redirected_from and site_page.name not in REDIRECTING:
            continue
        checked.append(site_page.url)
        try:
            assert_accessible(page, rules=axe_rules(language))
        except AssertionError as error:
            violations.append(str(error))
    return checked, violations, refused


def test_every_pattern_is_visited_or_skipped_with_a_reason(demo):
    pages = portal_pages(demo)  # raises, naming the patterns, when one is unlisted
    names = {name for name, _pattern in url_names()}
    visited = {page.name for page in pages}
    assert set(SKIPPED) | ADMIN_VISITED <= names, "a skipped or visited pattern is gone"
    assert {"dashboard", "surveys:answer", "agreements:detail", "login"} <= visited
    print(f"\n{len(names)} URL patterns: {len(visited)} visited as {len(pages)} pages")


# Every role walks its pages in bokmål. The nynorsk walk, which checks what words can
# break (names, labels, titles, lang), goes as the coordinator and the leader: between them
# they see every kind of page of the portal; the reader's pages are the coordinator's without
# the buttons, and the administrator's the coordinator's of every municipality.
SECOND_LANGUAGE_ROLES = ("coordinator", "leader")
WALKS = [(role, "nb") for role in ROLES] + [
    (role, language) for language in LANGUAGES if language != "nb" for role in SECOND_LANGUAGE_ROLES
]


@pytest.mark.parametrize(("role", "language"), WALKS)
def test_every_page_the_role_may_see_is_accessible(page, demo, role, language):
    log_in(page, ROLES[role])
    choose_language(page, language)
    pages = [p for p in portal_pages(demo) if p.name not in ANONYMOUS]
    if role == "admin":
        # The pages without arguments (the dashboard, the lists, the new forms) show the
        # administrator every municipality; a page of one record is the coordinator's.
        pages = [p for p in pages if p.name not in ARGUMENTS]

    checked, violations, refused = check_all(page, pages, language)
    # The refusals are pages too: the first 403 and 404 the role met.
    for status, url in refused.items():
        page.goto(url)
        try:
            assert_accessible(page, rules=axe_rules(language))
        except AssertionError as error:
            violations.append(f"({status}) {error}")
        checked.append(f"{url} ({status})")

    print(f"\n{role}/{language}: {len(checked)} pages checked by axe")
    assert len(checked) > 10
    assert not violations, "\n\n".join(violations)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pages_for_people_not_logged_in_are_accessible(page, demo, language):
    page.goto("/konto/logg-inn/")
    choose_language(page, language)
    pages = [p for p in portal_pages(demo) if p.name in ANONYMOUS | PUBLIC]

    checked, violations, refused = check_all(page, pages, language)

    print(f"\nanonymous/{language}: {len(checked)} pages checked by axe")
    assert not refused
    assert not violations, "\n\n".join(violations)


# --- the admin -----------------------------------------------------------------------


def test_every_registered_model_page_is_visited_or_skipped_with_a_reason(demo):
    admin_records()
    pages = admin_pages()  # raises, naming the pages, when one has nothing to open
    names = {name for name, _pattern in url_names()}
    assert set(ADMIN_MODEL_SKIPPED) <= names, "a skipped admin page is gone"
    assert {p.app_label for p in pages} == set(admin_app_labels())
    print(f"\n{len(pages)} admin pages of {len(admin_app_labels())} apps")


@pytest.mark.parametrize("app_label", admin_app_labels())
@pytest.mark.parametrize("language", ["nb"])
def test_every_admin_page_is_accessible(page, demo, language, app_label):
    """Each registered model's list, add and change page as the administrator, one app
    per test so that pytest-xdist spreads them; the add pages skipped are refused.

    In bokmål only: the admin's pages are Django's templates around the models' names,
    which tests/test_catalogues.py finds translated; the portal's nynorsk walk above
    checks what a language can break."""
    admin_records()
    log_in(page, ROLES["admin"])
    choose_language(page, language)
    pages = [p for p in admin_pages() if p.app_label == app_label]

    checked, violations, refused = check_all(page, pages, language)
    for name in ADMIN_MODEL_SKIPPED:
        if name.startswith(f"admin:{app_label}_"):
            assert page.goto(reverse(name)).status == 403, f"{name} is skipped but offered"

    print(f"\nadmin {app_label}/{language}: {len(checked)} pages checked by axe")
    assert not refused, refused
    assert len(checked) == len(pages)
    assert not violations, "\n\n".join(violations)


# --- the forms: empty, with errors, after success ------------------------------------

# An invalid control must say so (aria-invalid) and be tied to its error text, itself or
# through its fieldset (aria-describedby); every error shown must belong to a control.
ERRORS_TIED = """() => {
  const problems = [];
  const text = ids => (ids || '').split(/\\s+/).filter(Boolean)
    .map(id => document.getElementById(id)).filter(Boolean)
    .map(e => e.textContent.trim()).join(' ');
  const controls = [...document.querySelectorAll(
    'main :is(input, select, textarea):is(.is-invalid, [aria-invalid="true"])')];
  for (const el of controls) {
    if (el.getAttribute('aria-invalid') !== 'true') problems.push(`${el.name}: no aria-invalid`);
    const fieldset = el.closest('fieldset[aria-describedby]');
    const own = text(el.getAttribute('aria-describedby'));
    if (!own && !(fieldset && text(fieldset.getAttribute('aria-describedby'))))
      problems.push(`${el.name}: its error is not tied to it (aria-describedby)`);
  }
  for (const error of document.querySelectorAll('main .invalid-feedback')) {
    if (!error.textContent.trim() || !error.checkVisibility()) continue;
    if (!error.id || !document.querySelector(`[aria-describedby~="${error.id}"]`))
      problems.push(`"${error.textContent.trim()}" is tied to no field`);
  }
  // An error summary takes the focus, and each of its links leads to a field.
  const summary = document.querySelector('.error-summary');
  if (summary) {
    if (document.activeElement !== summary) problems.push('the error summary is not focused');
    for (const link of summary.querySelectorAll('a[href^="#"]'))
      if (!document.getElementById(link.getAttribute('href').slice(1)))
        problems.push(`the summary links to ${link.getAttribute('href')}, which is not there`);
  }
  return {invalid: controls.length, problems, summary: !!summary};
}"""


SUBMIT = "main form[novalidate] [type=submit].btn-primary"


class FormStates:
    """Checks a form's page empty, after a submit with errors and after success, and
    collects what axe finds and errors that are not tied to their fields."""

    def __init__(self, page, language):
        self.page = page
        self.rules = axe_rules(language)
        self.problems = []
        self.checked = 0
        self.error_summaries = 0

    def axe(self, what: str) -> None:
        self.checked += 1
        try:
            assert_accessible(self.page, rules=self.rules)
        except AssertionError as error:
            self.problems.append(f"{what}: {error}")

    def fill(self, values: dict) -> None:
        for name, value in values.items():
            selector = name if name.startswith("#") else f'main [name="{name}"]'
            field = self.page.locator(selector).first
            if field.evaluate("e => e.tagName") == "SELECT":
                field.select_option(value)
            elif field.get_attribute("type") in ("radio", "checkbox"):
                self.page.locator(f'main [name="{name}"][value="{value}"]').check()
            else:
                field.fill(value)

    def check(self, name, url, *, invalid, valid, submit=SUBMIT, valid_submit=None, inside=None):
        """Opens url, submits `invalid` with the button `submit`, then `valid` with
        `valid_submit` (the same button unless given). `inside`: a closed <details> the
        form is in, opened first."""
        self.page.goto(url)
        self.axe(f"{name}, empty")
        self.submit(invalid, submit, inside)
        self.errors_are_tied(name)
        self.axe(f"{name}, with errors")
        self.submit(valid, valid_submit or submit, inside)
        if self.page.locator("main .is-invalid, main [aria-invalid=true], .alert-danger").count():
            self.problems.append(f"{name}: the valid submit was refused ({self.page.url})")
        self.axe(f"{name}, after success")

    def submit(self, values, button, inside):
        if inside and not self.page.locator(inside).evaluate("details => details.open"):
            self.page.locator(f"{inside} > summary").click()
        self.fill(values)
        with self.page.expect_navigation():
            self.page.locator(button).first.click()

    def errors_are_tied(self, name: str) -> None:
        result = self.page.evaluate(ERRORS_TIED)
        self.error_summaries += result["summary"]
        if not result["invalid"]:
            self.problems.append(f"{name}: the submit with errors showed no invalid field")
        self.problems += [f"{name}: {problem}" for problem in result["problems"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_coordinators_forms_are_accessible_empty_with_errors_and_after_success(
    page, demo, language
):
    log_in(page, ROLES["coordinator"])
    choose_language(page, language)
    forms = FormStates(page, language)
    draft, meeting = demo.draft_survey, demo.meeting

    forms.check(
        "centre profile",
        f"/sentraler/{demo.centre.slug}/rediger/",
        invalid={"centre-org_number": "974775019"},
        valid={"centre-org_number": "974 775 018"},
    )
    forms.check(
        "new meeting",
        "/moter/nytt/",
        invalid={"meeting-title": "", "meeting-date": ""},
        valid={
            "meeting-title": "Besøk på Klyve",
            "meeting-date": "2027-03-02",
            "meeting-centres": str(demo.centre.pk),
        },
    )
    forms.check(
        "meeting",
        f"/moter/{meeting.pk}/rediger/",
        invalid={"meeting-title": ""},
        valid={"meeting-title": "Dialogmøte med frivilligsentralene"},
    )
    forms.check(
        "new survey",
        "/undersokelser/ny/",
        invalid={"title": "", "deadline": ""},
        valid={"title": "Spørreundersøkelse 2030", "round": "2030", "deadline": "2030-03-01"},
    )
    forms.check(
        "survey",
        f"/undersokelser/{draft.pk}/rediger/",
        invalid={"title": ""},
        valid={"title": "Spørreundersøkelse til frivilligsentralene 2027"},
    )
    forms.check(
        "new question",
        f"/undersokelser/{draft.pk}/sporsmal/nytt/",
        invalid={"text": ""},
        valid={"text": "Hva ønsker dere mer av?", "kind": "long_text"},
    )
    forms.check(
        "question",
        f"/undersokelser/{draft.pk}/sporsmal/{demo.draft_question.pk}/",
        invalid={"text": ""},
        valid={"text": "Hvem er de viktigste målgruppene?"},
    )
    forms.check(
        "agreement",
        f"/avtaler/{demo.agreements['draft'].pk}/rediger/",
        invalid={"avtale-title": ""},
        valid={"avtale-title": "Samarbeidsavtale med Gulset nærmiljøsenter"},
    )
    forms.check(
        "framework",
        f"/avtaler/ramme/{demo.framework.municipality.slug}/rediger/",
        invalid={"framework-title": ""},
        valid={"framework-title": "Felles ramme for samarbeidsavtaler"},
    )
    forms.check(
        "password",
        "/konto/passord/",
        invalid={"old_password": "feil"},
        valid={
            "old_password": "demo",
            "new_password1": "Frivillig-2026!",
            "new_password2": "Frivillig-2026!",
        },
    )

    print(f"\ncoordinator forms/{language}: {forms.checked} form states checked by axe")
    assert not forms.problems, "\n\n".join(forms.problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_leaders_forms_are_accessible_empty_with_errors_and_after_success(page, demo, language):
    """Frogner's leader answers the open survey, comments on the agreement sent to the
    centre and asks for changes with a comment."""
    log_in(page, "leder-frogner")
    choose_language(page, language)
    forms = FormStates(page, language)
    sent = demo.agreements["sent"]
    long_text = demo.open_survey.questions.filter(kind="long_text").first()

    forms.check(
        "survey answer",
        f"/undersokelser/{demo.open_survey.pk}/svar/frogner/",
        invalid={},
        valid={f"q{long_text.pk}": "Flere besøk i året."},
        submit="main [name=action][value=submit]",
        valid_submit="main [name=action][value=save]:not([hidden])",
    )
    forms.check(
        "comment",
        f"/avtaler/{sent.pk}/",
        invalid={"#kommentar-avtalen": "   "},
        valid={"#kommentar-avtalen": "Vi ønsker at kommunen møter oss i nærmiljøforumet."},
        submit="main form:has(#kommentar-avtalen) [type=submit]",
    )
    forms.check(
        "asking for changes",
        f"/avtaler/{sent.pk}/",
        invalid={"#kommentar-request_changes": "   "},
        valid={"#kommentar-request_changes": "Vi ønsker møter hver måned."},
        submit="main form:has(#kommentar-request_changes) [type=submit]",
        inside="main details.action-confirm:has(#kommentar-request_changes)",
    )

    print(f"\nleader forms/{language}: {forms.checked} form states checked by axe")
    assert forms.error_summaries == 1, "the answer page's error summary"
    assert not forms.problems, "\n\n".join(forms.problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_forms_before_logging_in_are_accessible_empty_with_errors_and_after_success(
    page, demo, language
):
    page.goto("/konto/logg-inn/")
    choose_language(page, language)
    forms = FormStates(page, language)
    reset_link = next(p.url for p in portal_pages(demo) if p.name == "password_reset_confirm")

    forms.check(
        "forgotten password",
        "/konto/glemt-passord/",
        invalid={"email": "ikke en e-postadresse"},
        valid={"email": "leder@klyve.example.no"},
    )
    forms.check(
        "new password",
        reset_link,
        invalid={"new_password1": "Frivillig-2026!", "new_password2": "Frivillig-2027!"},
        valid={"new_password1": "Frivillig-2026!", "new_password2": "Frivillig-2026!"},
    )
    forms.check(
        "login",
        "/konto/logg-inn/",
        invalid={"username": "", "password": ""},
        valid={"username": ROLES["reader"], "password": "demo"},
    )

    print(f"\nanonymous forms/{language}: {forms.checked} form states checked by axe")
    assert not forms.problems, "\n\n".join(forms.problems)


# --- the keyboard alone ---------------------------------------------------------------

# The focused element shows it: an outline or a box-shadow (Bootstrap's focus ring). The
# body is focused when Tab leaves the page for the browser's own controls.
FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  if (el === document.body) return true;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return outline || style.boxShadow !== 'none';
}"""


class Keyboard:
    """Moves through a page with Tab and Shift+Tab only, and notes every focused element
    that does not show its focus."""

    def __init__(self, page):
        self.page = page
        self.unseen_focus = []

    def focused(self, locator) -> bool:
        return locator.evaluate("e => e === document.activeElement")

    def tab_to(self, locator, *, back=False, limit=300):
        locator = locator.first
        for _ in range(limit):
            self.page.keyboard.press("Shift+Tab" if back else "Tab")
            if not self.page.evaluate(FOCUS_SHOWN):
                self.unseen_focus.append(
                    self.page.evaluate(
                        "() => document.activeElement.outerHTML.slice(0, 120)"
                        " + ' on ' + location.pathname"
                    )
                )
            if self.focused(locator):
                return
        raise AssertionError(f"Tab never reached {locator} on {self.page.url}")

    def follow(self, locator):
        """Tabs to a link or button and presses Enter, waiting for the next page."""
        self.tab_to(locator)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")


def test_the_main_journey_works_with_the_keyboard_alone(page, demo):
    keys = Keyboard(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/konto/logg-inn/")

    keys.tab_to(page.locator("[name=username]"))
    page.keyboard.type("leder-frogner")
    page.keyboard.press("Tab")
    page.keyboard.type("demo")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/")

    # The first Tab reaches the skip link, shown while focused; Enter moves to main.
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert keys.focused(skip) and skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"

    # The main menu to the surveys, the open survey, one answer, saved as a draft.
    keys.follow(page.locator("nav a[href='/undersokelser/']"))
    answer_url = f"/undersokelser/{demo.open_survey.pk}/svar/frogner/"
    keys.follow(page.locator(f"main a[href='{answer_url}']"))
    long_text = demo.open_survey.questions.filter(kind="long_text").first()
    keys.tab_to(page.locator(f"#q{long_text.pk}"))
    page.keyboard.type("Flere besøk i året.")
    yes_no = demo.open_survey.questions.filter(kind="yes_no").first()
    keys.tab_to(page.locator(f"[name=q{yes_no.pk}]"))
    page.keyboard.press("Space")
    assert page.locator(f"[name=q{yes_no.pk}]:checked").count() == 1
    keys.follow(page.locator("main [name=action][value=save]:not([hidden])"))
    expect(page.locator(".alert-success")).to_be_visible()
    response = demo.open_survey.responses.get(centre__slug="frogner")
    assert response.answers.get(question=long_text).text == "Flere besøk i året."

    # The agreement sent to the centre, and a comment on it.
    keys.follow(page.locator("nav a[href='/avtaler/']"))
    sent = demo.agreements["sent"]
    keys.follow(page.locator(f"main a[href='/avtaler/{sent.pk}/']"))
    keys.tab_to(page.locator("#kommentar-avtalen"))
    page.keyboard.type("Kan vi møtes i nærmiljøforumet?")
    keys.follow(page.locator("main form:has(#kommentar-avtalen) [type=submit]"))
    expect(page.get_by_text("Kan vi møtes i nærmiljøforumet?")).to_be_visible()

    # A confirmation behind a <summary> opens with Enter, and Shift+Tab goes back.
    summary = page.locator("main details.action-confirm > summary").first
    keys.tab_to(summary, back=True)
    page.keyboard.press("Enter")
    assert summary.locator("xpath=..").evaluate("details => details.open")

    # Below 1200 px the menu hides behind a button that opens with the keyboard.
    page.set_viewport_size({"width": 800, "height": 900})
    page.goto("/")
    toggler = page.locator("button.navbar-toggler")
    keys.tab_to(toggler)
    page.keyboard.press("Enter")
    page.wait_for_selector("#main-menu.show")
    assert toggler.get_attribute("aria-expanded") == "true"
    keys.follow(page.locator("#main-menu a[href='/avtaler/']"))

    # The language switch in the footer: the arrow key picks nynorsk, Enter switches.
    keys.tab_to(page.locator("#language-select"))
    page.keyboard.press("ArrowDown")
    keys.follow(page.locator("footer form [type=submit]"))
    assert page.locator("html").get_attribute("lang") == "nn"

    assert not keys.unseen_focus, "Focus not shown:\n" + "\n".join(keys.unseen_focus)
