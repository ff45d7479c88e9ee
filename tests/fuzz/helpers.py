"""Posting fuzzed text into a form and judging the answer: never a server error; either
stored as typed (after the normalisation the field documents) or refused with an error
next to the field; and shown escaped."""

import contextlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.cache import cache
from django.db import transaction
from django.forms.widgets import ChoiceWidget
from django.utils.html import escape

from .strategies import HTML_PAYLOADS, PAYLOADS

# Examples tried, per test; printed at the end of the run (see conftest.py).
TRIED: Counter = Counter()


@contextlib.contextmanager
def rolled_back():
    """One example's database changes, undone after it, so every example starts from
    the fixtures' state (hypothesis runs them all inside one test). The cache is not
    rolled back: emptied with it, so nothing cached from the undone rows (a copy of a
    session, cached_db's) answers for the next example."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
    cache.clear()


def form_data(*forms_or_formsets) -> dict:
    """What a browser posts for these unbound forms as rendered: their initial values,
    the management forms of formsets included."""
    data = {}
    for item in forms_or_formsets:
        if isinstance(item, forms.BaseFormSet):
            data.update(form_data(item.management_form, *item.forms))
            continue
        for bound in item:
            widget, value = bound.field.widget, bound.value()
            if isinstance(widget, forms.CheckboxInput):
                if value:
                    data[bound.html_name] = "on"
            elif getattr(widget, "allow_multiple_selected", False):
                data[bound.html_name] = [str(v) for v in value or []]
            elif isinstance(widget, ChoiceWidget):
                data[bound.html_name] = "" if value is None else str(value)
            else:
                formatted = widget.format_value(value)
                data[bound.html_name] = "" if formatted is None else str(formatted)
    return data


def text_fields(*forms_or_formsets) -> dict[str, forms.CharField]:
    """The free-text fields of the forms by their posted name (e-mail addresses, links
    and the like have their own format and are fuzzed as malformed values instead)."""
    found = {}
    for item in forms_or_formsets:
        if isinstance(item, forms.BaseFormSet):
            found.update(text_fields(*item.forms))
            continue
        for name, f in item.fields.items():
            plain = type(f) is forms.CharField
            if plain and not isinstance(f.widget, forms.HiddenInput | forms.PasswordInput):
                found[item.add_prefix(name)] = f
    return found


def plain_lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def collapse(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Verdict:
    """What the form should do with a value: accept it (and store `stored`) or refuse it."""

    valid: bool
    stored: Any = None


def judge(value: str, f: forms.CharField, normalise: Callable = lambda v: v) -> Verdict:
    """Django's CharField rules: surrounding whitespace stripped (strip=True), NUL refused
    (ProhibitNullCharactersValidator), max_length and required checked after stripping;
    then the field's own normalisation (line endings, inner whitespace)."""
    cleaned = value.strip() if f.strip else value
    if "\x00" in value:
        return Verdict(False)
    if f.max_length is not None and len(cleaned) > f.max_length:
        return Verdict(False)
    if f.min_length is not None and len(cleaned) < f.min_length:
        return Verdict(False)
    if f.required and not cleaned:
        return Verdict(False)
    return Verdict(True, normalise(cleaned))


def tag_with_id(html: str, element_id: str) -> str:
    match = re.search(
        r"<(?:input|textarea|select)\b[^>]*\bid=\"" + re.escape(element_id) + r"\"[^>]*>", html
    )
    assert match, f"no field with id {element_id!r} on the page"
    return match.group(0)


def assert_field_error(html: str, element_id: str) -> None:
    """The field is marked invalid (Bootstrap's is-invalid, aria-invalid) where it stands."""
    tag = tag_with_id(html, element_id)
    assert "is-invalid" in tag, f"{element_id} is not marked invalid: {tag[:300]}"


def assert_shown_escaped(html: str, values) -> None:
    """No payload typed into the values reaches the page raw; each one that can be told
    apart from the page's own markup is there escaped."""
    for value in values:
        if not isinstance(value, str):
            continue
        for payload in PAYLOADS:
            if payload not in value:
                continue
            if payload in HTML_PAYLOADS:
                assert payload not in html, f"raw {payload!r} on the page"
            assert escape(payload) in html, f"{escape(payload)!r} not on the page"


def assert_no_raw_payloads(html: str) -> None:
    for payload in HTML_PAYLOADS:
        assert payload not in html, f"raw {payload!r} on the page"


@dataclass
class Posted:
    """One fuzzed post, for the test to judge."""

    response: Any
    html: str = field(init=False)

    def __post_init__(self):
        self.html = self.response.content.decode()

    @property
    def saved(self) -> bool:
        return self.response.status_code == 302


def post(client, url, data, *, counter: str, **extra) -> Posted:
    """Posts and counts the example. The test client raises on an exception in the view
    and a 500 fails here, so a server error can never pass."""
    TRIED[counter] += 1
    response = client.post(url, data, **extra)
    assert response.status_code != 500
    return Posted(response)


def errors_on_page(html: str) -> list[str]:
    """The fields marked invalid and the error texts, for a failure message."""
    ids = re.findall(r"<(?:input|textarea|select)\b[^>]*\bis-invalid[^>]*\bid=\"([^\"]+)\"", html)
    ids += re.findall(r"<(?:input|textarea|select)\b[^>]*\bid=\"([^\"]+)\"[^>]*\bis-invalid", html)
    texts = re.findall(r"class=\"invalid-feedback[^\"]*\"[^>]*>(.*?)</", html, re.S)
    texts += re.findall(r"<ul class=\"errorlist[^\"]*\"[^>]*>(.*?)</ul>", html, re.S)
    return sorted(set(ids)) + [t.strip()[:200] for t in texts]


def fuzz_form(
    client,
    *,
    url: str,
    forms: list,
    values: dict[str, str],
    read: Callable[[], dict],
    page: Callable[[], str] | None = None,
    counter: str,
    normalise: dict[str, Callable] | None = None,
    data: dict | None = None,
    refused_status: int = 200,
    error_id: Callable[[str], str] = lambda key: f"id_{key}",
) -> Posted:
    """Posts the forms as rendered with `values` typed into their text fields, and checks
    the outcome against Django's CharField rules (see judge): all valid → saved, and
    `read()` gives back every value as the field normalises it, shown escaped on `page()`;
    anything invalid → nothing saved, the page again with the error at each bad field."""
    fields = text_fields(*forms)
    posted = form_data(*forms) | (data or {}) | values
    verdicts = {
        key: judge(value, fields[key], (normalise or {}).get(key, lambda v: v))
        for key, value in values.items()
    }
    answer = post(client, url, posted, counter=counter)
    if all(verdict.valid for verdict in verdicts.values()):
        assert answer.saved, errors_on_page(answer.html)
        stored = read()
        for key, verdict in verdicts.items():
            assert stored[key] == verdict.stored, key
        if page is not None:
            assert_shown_escaped(client.get(page()).content.decode(), stored.values())
    else:
        assert answer.response.status_code == refused_status, answer.response.status_code
        for key, verdict in verdicts.items():
            if not verdict.valid:
                assert_field_error(answer.html, error_id(key))
        assert_no_raw_payloads(answer.html)
    return answer
