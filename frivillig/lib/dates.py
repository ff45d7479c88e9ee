"""Dates and times in the reader's language, from the format modules
(frivillig/formats/<language>/formats.py, FORMAT_MODULE_PATH): the one way the portal
writes a weekday with its date, a date with its time of day, and a time span
(«torsdag 23. oktober 2025, kl. 12:00–15:00»; «Thursday 23 October 2025, 12:00–15:00»).

Django's `date` filter reads only its own format names (DATE_FORMAT, DATETIME_FORMAT,
…); the portal's own names (WEEKDAY_DATE_FORMAT, MONTH_DAY_TIME_FORMAT, CLOCK_FORMAT)
are read here, from the same modules.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format, get_format_modules, time_format

# Where a language has no module of the portal's own (never, for the portal's three).
FALLBACK = {
    "WEEKDAY_DATE_FORMAT": "l j F Y",
    "MONTH_DAY_TIME_FORMAT": "j F H:i",
    "CLOCK_FORMAT": "H:i",
}


def own_format(name: str) -> str:
    """The active language's format called `name` (one of the portal's own names)."""
    for module in get_format_modules():
        if hasattr(module, name):
            return getattr(module, name)
    return FALLBACK[name]


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def weekday_date(value) -> str:
    """«torsdag 23. oktober 2025», «Thursday 23 October 2025»."""
    if not value:
        return ""
    return date_format(_local(value), own_format("WEEKDAY_DATE_FORMAT"))


def day_time(value) -> str:
    """A day of this year with its time: «23. oktober kl. 12:00», «23 October at 12:00»."""
    if not value:
        return ""
    return date_format(_local(value), own_format("MONTH_DAY_TIME_FORMAT"))


def clock(value) -> str:
    """A time of day after a date: «kl. 12:00» (no «kl.» in English: «12:00»)."""
    if not value:
        return ""
    return time_format(_local(value), own_format("CLOCK_FORMAT"))


def time_span(start, end=None) -> str:
    """«kl. 12:00–15:00», or «kl. 12:00» without an end; «12:00–15:00» in English."""
    if not start:
        return ""
    if not end:
        return clock(start)
    return f"{clock(start)}–{time_format(_local(end), 'TIME_FORMAT')}"


def date_and_time_span(day, start=None, end=None) -> str:
    """A meeting's when: «torsdag 23. oktober 2025, kl. 12:00–15:00»."""
    when = weekday_date(day)
    return f"{when}, {time_span(start, end)}" if start else when
