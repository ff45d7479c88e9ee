"""Reading and checking the answers of the kinds a person types in a form field of its
own: a whole number (within the question's bounds), a date, and the text beside «Annet
(skriv inn)». Every message names what to do, in the words of the question."""

import datetime
import re

from django.utils.translation import gettext as _

from .models import Answer, Question
from .questions import condition_label

# What Answer.number holds (a 32-bit integer column).
NUMBER_LIMIT = 2_147_483_647
OTHER_LIMIT = Answer._meta.get_field("other").max_length
_INTEGER = re.compile(r"^-?\d{1,18}$")
_NORWEGIAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
YEARS = range(1900, 2101)


def integer(raw: str) -> int | None:
    """A whole number as a person types it («12», «-3», «1 200»), or None."""
    text = raw.replace(" ", "").replace("\xa0", "").replace("\u202f", "")
    if not (text.isascii() and _INTEGER.match(text)):
        return None
    return int(text)


def day(raw: str) -> datetime.date | None:
    """A date as the date field sends it (2026-12-31) or as typed (31.12.2026)."""
    text = raw.strip()
    if not text.isascii():
        return None
    try:
        if match := _NORWEGIAN_DATE.match(text):
            found = datetime.date(int(match[3]), int(match[2]), int(match[1]))
        elif len(text) == 10:
            found = datetime.date.fromisoformat(text)
        else:
            return None
    except ValueError:
        return None
    return found if found.year in YEARS else None


def number_error(q: Question, answer: Answer) -> str | None:
    if answer.number is None:
        if not answer.text:
            return None
        if integer(answer.text.replace(",", "").replace(".", "")) is not None:
            return _("Skriv et helt tall, uten desimaler.")
        return _("Skriv et helt tall, for eksempel 12.")
    low, high, number = q.number_min, q.number_max, answer.number
    if low is not None and high is not None and not low <= number <= high:
        return _("Skriv et tall fra %(low)s til %(high)s.") % {"low": low, "high": high}
    if low is not None and number < low:
        return _("Tallet kan ikke være mindre enn %(low)s.") % {"low": low}
    if high is not None and number > high:
        return _("Tallet kan ikke være større enn %(high)s.") % {"high": high}
    if abs(number) > NUMBER_LIMIT:
        return _("Tallet er for stort.")
    return None


def chose_other(answer: Answer) -> bool:
    return Question.OTHER in (answer.text, *answer.items)


def other_error(q: Question, answer: Answer, *, complete: bool) -> str | None:
    """The text beside «Annet»: required (when submitting) once «Annet» is chosen."""
    if not q.offers_other:
        return None
    if len(answer.other) > OTHER_LIMIT:
        return _("Teksten ved «Annet» kan være høyst %(limit)s tegn.") % {"limit": OTHER_LIMIT}
    if complete and chose_other(answer) and not answer.other:
        return _("Du har valgt «Annet». Skriv hva det er i feltet under.")
    return None


def comment_error(q: Question, answer: Answer) -> str | None:
    """«Utdyp gjerne»: optional, as long as the longest free text."""
    limit = Question.COMMENT_MAX_LENGTH
    if q.takes_comment and len(answer.comment) > limit:
        return _("Utdypingen er for lang: %(length)s tegn. Den kan være høyst %(limit)s tegn.") % {
            "length": len(answer.comment),
            "limit": limit,
        }
    return None


# Kinds answered in one field of their own (the error summary links to it).
ONE_FIELD_KINDS = (*Question.TEXT_KINDS, Question.Kind.NUMBER, Question.Kind.DATE)


def answer_options(q: Question) -> list[tuple[str, str]]:
    """(value, label) of each option the answer form offers: a scale with its end words,
    yes/no, the choices and «Annet (skriv inn)»."""
    if q.kind == Question.Kind.SCALE:
        labels = {
            q.scale_min: f"{q.scale_min} – {q.scale_low_label}",
            q.scale_max: f"{q.scale_max} – {q.scale_high_label}",
        }
        if q.scale_range == Question.SCALE_RANGE and not (q.scale_low or q.scale_high):
            labels[3] = _("3 – middels")
        return [(str(n), labels.get(n, str(n))) for n in q.scale_range]
    if q.kind in Question.COUNTED_KINDS:  # yes/no and the choices
        options = [(value, condition_label(q, value)) for value in q.option_values()]
        if q.offers_other:
            options.append((Question.OTHER, _("Annet (skriv inn)")))
        return options
    return []
