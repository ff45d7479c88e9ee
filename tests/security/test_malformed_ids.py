"""Ids, numbers and choices a browser never sends, into every form and query of the portal.

For each role, every page of the URL matrix that answers it 200 is read, and every form
on it (as rendered: its hidden fields, choices, numbers, dates and named buttons) is
posted again with one such field at a time replaced by a value that is not an id: text,
a number out of any column's range, a negative one, a superscript digit (which
`str.isdigit()` accepts and `int()` refuses), a decimal, nothing. The pages' query
parameters get the same treatment. The answer is a page, a redirect, a form error, 400,
403 or 404: never a server error.
"""

import dataclasses
import itertools
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from .test_url_access import MATRIX, _status, _url

DOWNLOADS = [
    "meetings:ics",
    "surveys:export_csv",
    "surveys:export_xlsx",
    "surveys:deck_pdf",
    "surveys:deck_pptx",
    "surveys:deck_image",
    "surveys:dossier_pdf",
    "agreements:pdf",
]

MALFORMED = ["abc", "99999999999999999999", "-1", "²", ""]
# Posted fields refuse a negative number as they refuse text; the rest find nothing.
MALFORMED_POSTED = ["abc", "99999999999999999999", "²", ""]
# The query parameters the portal's pages read.
QUERY_PARAMETERS = ["ar", "status", "sentral", "type", "liste", "fra", "til", "page", "side", "q"]
# Fields whose value is an id, a number, a date or a choice rather than free text.
CHOICE_INPUTS = {"hidden", "number", "date", "time", "datetime-local", "radio", "checkbox"}
# Downloads read no query parameter and hold no form; the admin is Django's own.
SKIPPED = {"admin"}
LATER_ROW = re.compile(r"-[1-9][0-9]*-")
ALLOWED = {"200", "302", "400", "403", "404", "405", "login"}


@dataclasses.dataclass
class Form:
    action: str
    fields: list = dataclasses.field(default_factory=list)  # (name, value, choice-like)
    buttons: list = dataclasses.field(default_factory=list)  # (name, value)
    unchecked: set = dataclasses.field(default_factory=set)  # boxes and radios not ticked

    def data(self, button=None) -> dict[str, list[str]]:
        data: dict[str, list[str]] = {}
        for name, value, _choice in self.fields:
            data.setdefault(name, []).append(value)
        if button:
            data.setdefault(button[0], []).append(button[1])
        return data

    def choice_names(self) -> list[str]:
        names = {name for name, _value, choice in self.fields if choice}
        names.update(name for name, _value in self.buttons)
        names.update(self.unchecked)
        # A formset's rows are alike: its first row and its management form stand for all.
        names = {name for name in names if not LATER_ROW.search(name)}
        return sorted(names - {"csrfmiddlewaretoken"})


class FormParser(HTMLParser):
    """The POST forms of a page and what the browser would send for each."""

    def __init__(self, page_url):
        super().__init__()
        self.page_url, self.forms, self.form = page_url, [], None
        self.select, self.textarea = None, None
        # A <template>'s content (a formset's empty row for static/js/rows.js) is inert:
        # the browser sends none of its fields until the script copies it into the form.
        self.templates = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "template":
            self.templates += 1
        if self.templates:
            return
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self.form = Form(urljoin(self.page_url, a.get("action") or self.page_url))
                self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "image"):
                self.form.buttons.append((name, a.get("value") or ""))
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.form.fields.append((name, a.get("value") or "on", True))
                else:
                    self.form.unchecked.add(name)
            elif kind != "file":
                self.form.fields.append((name, a.get("value") or "", kind in CHOICE_INPUTS))
        elif tag == "button" and name:
            self.form.buttons.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self.select = [name, None, "multiple" in a]
        elif tag == "option" and self.select is not None:
            if "selected" in a or self.select[1] is None:
                self.select[1] = a.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "template":
            self.templates -= 1
        if self.templates:
            return
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None:
            if self.form is not None and self.select[1] is not None:
                self.form.fields.append((self.select[0], self.select[1], True))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            if self.form is not None:
                self.form.fields.append((self.textarea[0], self.textarea[1], False))
            self.textarea = None


def area_of(name: str) -> str:
    """The app a URL name belongs to (its namespace); the site's own pages are "site"."""
    return name.split(":")[0] if ":" in name else "site"


# One test per role and area, so that pytest-xdist spreads the coordinator's 600 posts.
AREAS = sorted({area_of(name) for name in MATRIX} - SKIPPED)


def pages_for(role, world, area) -> list[str]:
    urls = []
    for name, verbs in MATRIX.items():
        for key, cells in verbs.items():
            verb, _, variant = key.partition(" ")
            if (
                verb == "GET"
                and cells[role] == "200"
                and area_of(name) == area
                and name not in DOWNLOADS
            ):
                urls.append(_url(name, variant, world))
    return sorted(set(urls))


def _request(client, method, url, data=None) -> str:
    """The status, with the view's exception as a finding; the database as it was."""
    with transaction.atomic():
        try:
            response = getattr(client, method)(url, data or {})
        except Exception as error:  # noqa: BLE001 (a server error is the finding)
            status = f"500 {type(error).__name__}: {error}"
        else:
            status = _status(response)
        transaction.set_rollback(True)
    cache.clear()  # not rolled back with the rows it was made from (a session's copy)
    return status


def malformed_posts(form: Form):
    """Each choice-like field with each malformed value, the form's buttons taken in turn:
    every field meets every value and every button meets malformed fields, without
    posting each value once per button (a meeting form with ten buttons made the
    coordinator's meetings ten times as long, for the same code paths)."""
    buttons = itertools.cycle(form.buttons or [None])
    for name in form.choice_names():
        for value in MALFORMED_POSTED:
            yield name, value, next(buttons)


@pytest.fixture
def theme_world(world):
    """A theme on the published ranked question, so its delete and rename forms render."""
    world.surveys.ranked.themes.create(name="Barn og unge")
    return world


@pytest.mark.parametrize("area", AREAS)
@pytest.mark.parametrize("role", ["coordinator", "leader_a", "reader"])
def test_malformed_ids_numbers_and_choices_never_crash_a_form_or_a_page(
    role, area, theme_world, cast, status_only_responses
):
    client = Client()
    client.force_login(cast[role])
    failures, posts, forms_seen, seen, pages_read = [], 0, 0, set(), 0
    for url in pages_for(role, theme_world, area):
        page = client.get(url)
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue
        pages_read += 1
        for value in MALFORMED:
            # Each view reads its own parameters and ignores the rest: all at once.
            status = _request(client, "get", url, dict.fromkeys(QUERY_PARAMETERS, value))
            if status.split()[0] not in ALLOWED:
                failures.append(f"GET {url}?…={value!r}: {status}")
        parser = FormParser(url)
        parser.feed(page.content.decode())
        for form in parser.forms:
            action = urlsplit(form.action).path
            # A form on every page (the language switch) is tried once.
            if action.startswith("/konto/logg-ut") or (action, *form.choice_names()) in seen:
                continue
            seen.add((action, *form.choice_names()))
            forms_seen += 1
            for name, value, button in malformed_posts(form):
                data = form.data(button if button and button[0] != name else None)
                data[name] = [value]
                posts += 1
                status = _request(client, "post", action, data)
                if status.split()[0] not in ALLOWED:
                    failures.append(f"POST {action} {name}={value!r}: {status[:300]}")
    print(f"\n{role}/{area}: {pages_read} pages, {forms_seen} forms, {posts} malformed posts")
    # Every page holds at least the language switch: a parser that finds no form is broken.
    assert forms_seen >= 1 or not pages_read
    assert not failures, "\n".join(failures)


def test_deleting_a_theme_by_a_malformed_id_is_a_bad_request(client_for, coordinator, world):
    url = reverse("surveys:themes", args=[world.surveys.published.pk, world.surveys.ranked.pk])
    client = client_for(coordinator)
    for theme_id in ("abc", "²", "1.5", "99999999999999999999"):
        response = client.post(url, {"action": "delete", "theme_id": theme_id})
        assert response.status_code in (400, 404), theme_id
    assert client.post(url, {"action": "delete", "theme_id": "abc"}).status_code == 400
