"""Every page of the portal, opened in nynorsk and in English as the coordinator and the
centre leader, fails on a bokmål word in the text the portal writes itself.

The walk reuses the browser suite's list of pages (tests/browser/site_pages.py) through
the test client, which is fast. What people wrote (questions, answers, names, plans,
agreements: every text the database holds) stays in the words it was written in, so
a piece of page text found in the database is not the portal's; nor is what is quoted
(«…», “…”). In what is left, a small list of tell-tale bokmål words, which nynorsk and
English write otherwise, must not appear.
"""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse

from accounts.models import User

from .browser.site_pages import (
    ANONYMOUS,
    ARGUMENTS,
    REDIRECTING,
    ROLES,
    Page,
    demo_objects,
    skip_reason,
    url_names,
)

# Bokmål words nynorsk writes otherwise («ikkje», «ønskjer», «meiner», «sentralar», …).
NOT_NYNORSK = {
    "ikke", "ønsker", "mener", "sentraler", "sentralene", "frivilligsentraler",
    "frivilligsentralene", "hva", "hvordan", "hvis", "ennå", "hvem", "hvor", "fra", "mye",
    "bare", "noen", "være", "svarer", "lagret", "endret", "dere", "deres", "uke", "måned",
    "spørreundersøkelse", "spørreundersøkelsen", "undersøkelse", "undersøkelsen",
}  # fmt: skip
# And the small words that give away bokmål (or nynorsk) in an English page.
NOT_ENGLISH = NOT_NYNORSK | {
    "og", "av", "er", "til", "med", "på", "som", "har", "ingen", "alle", "eller", "kl",
    "sentral", "sentralen", "frivilligsentral", "frivilligsentralen", "svar", "spørsmål",
    "møte", "avtale", "ikkje", "frå", "kva", "korleis",
}  # fmt: skip
TELL_TALES = {"nn": NOT_NYNORSK, "en": NOT_ENGLISH}

# A tail of people's text shorter than this may be the portal's own words.
MIN_CUT = 15
QUOTED = re.compile(r"«[^»]*»|“[^”]*”")
WORD = re.compile(r"[^\W\d_]+")
# Text people type stays theirs; what a script or style holds is not text.
SKIPPED_TAGS = {"script", "style", "textarea"}
TEXT_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


class PageText(HTMLParser):
    """The text nodes and the labels in attributes a person (or a screen reader) gets,
    leaving out what is marked as written in another language (`lang` on an element,
    as WCAG 3.1.2 asks for a Norwegian name in an English page)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
    VOID |= {"source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.language = ""
        self._open: list[tuple[str, bool]] = []  # (tag, whether its text is skipped)

    @property
    def _skipping(self) -> bool:
        return bool(self._open) and self._open[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.language = attrs.get("lang", "")
        lang = attrs.get("lang")
        skip = self._skipping or tag in SKIPPED_TAGS or bool(lang and lang != self.language)
        if not skip:
            self.texts += [attrs[name] for name in TEXT_ATTRIBUTES if attrs.get(name)]
        if tag not in self.VOID:
            self._open.append((tag, skip))

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.texts.append(data)


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def written_by_people() -> tuple[str, list[str]]:
    """Every text the database holds (joined, for finding a piece of page text in it)
    and its lines, longest first (for taking them out of a sentence the portal wrote
    around them)."""
    texts = set()
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        for row in model._base_manager.values_list(*fields):
            for value in row:
                texts.update(_strings(value))
    lines = {_squeeze(line) for text in texts for line in text.splitlines()}
    lines = {line.lstrip("-*#> ").replace("**", "") for line in lines}
    pieces = sorted((line for line in lines if len(line) >= 8), key=len, reverse=True)
    return "\x00".join(_squeeze(t) for t in texts) + "\x00" + "\x00".join(pieces), pieces


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _without_cut_data(text: str, written: str) -> str:
    """The text without a tail that people wrote, cut short by the page («Spørsmål:
    Ønsker din frivilligsentral å jobbe for å inngå en samarbeidsavtale med kommune»)."""
    words = text.split()
    for start in range(len(words)):
        tail = " ".join(words[start:])
        if len(tail) < MIN_CUT:
            break
        if tail in written:
            return " ".join(words[:start])
    return text


def tell_tales_in(html: str, words: set[str], written: str, pieces: list[str]) -> set[str]:
    parser = PageText()
    parser.feed(html)
    found = set()
    for raw in parser.texts:
        text = _squeeze(raw).rstrip("…").strip()
        if not text or text in written:
            continue
        if not words & {w.casefold() for w in WORD.findall(text)}:
            continue
        text = _without_cut_data(QUOTED.sub(" ", text), written)
        for piece in pieces:
            if piece in text:
                text = text.replace(piece, "\x00")
        text = " ".join(_without_cut_data(part, written) for part in text.split("\x00"))
        hits = words & {w.casefold() for w in WORD.findall(text)}
        if hits:
            found.add(f"{', '.join(sorted(hits))}: «{text.strip()}»")
    return found


def pages_to_walk(demo) -> list[Page]:
    """The browser suite's pages (site_pages.portal_pages), without its check that every
    pattern is listed: the browser suite's own test makes that one."""
    pages = []
    for name, pattern in url_names():
        if skip_reason(name) or name.startswith("admin:") or name in ANONYMOUS | REDIRECTING:
            continue
        if name in ARGUMENTS:
            pages += [Page(name, reverse(name, kwargs=kw)) for kw in ARGUMENTS[name](demo)]
        elif not pattern.pattern.converters:
            pages.append(Page(name, reverse(name)))
    return pages


@pytest.mark.parametrize("language", TELL_TALES)
@pytest.mark.parametrize("role", ["coordinator", "leader"])
def test_no_page_writes_bokmal_words_in_nynorsk_or_english(demo, client, language, role):
    pages = pages_to_walk(demo_objects())
    written, pieces = written_by_people()
    client.force_login(User.objects.get(username=ROLES[role]))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    problems = []
    for page in pages:
        response = client.get(page.url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        assert f'lang="{language}"' in html, page.url
        for found in tell_tales_in(html, TELL_TALES[language], written, pieces):
            problems.append(f"{page.url} ({page.name}): {found}")
    assert not problems, f"bokmål in the {language} pages:\n" + "\n".join(sorted(problems))
