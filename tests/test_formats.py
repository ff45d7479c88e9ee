"""Dates and times per language (frivillig/formats, frivillig.lib.dates): a weekday with
its date and a time span for a meeting, a date with its time, «kl.» only in Norwegian."""

import datetime

import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.formats import date_format

from frivillig.lib import dates

DAY = datetime.date(2025, 10, 23)
NOON, THREE = datetime.time(12, 0), datetime.time(15, 0)
MORNING = timezone.make_aware(datetime.datetime(2026, 11, 2, 9, 0))


@pytest.mark.parametrize(
    ("language", "meeting", "start_only", "when", "day_and_time", "day"),
    [
        (
            "nb",
            "torsdag 23. oktober 2025, kl. 12:00–15:00",
            "torsdag 23. oktober 2025, kl. 12:00",
            "2. november 2026 kl. 09:00",
            "2. november kl. 09:00",
            "23. oktober",
        ),
        (
            "nn",
            "torsdag 23. oktober 2025, kl. 12:00–15:00",
            "torsdag 23. oktober 2025, kl. 12:00",
            "2. november 2026 kl. 09:00",
            "2. november kl. 09:00",
            "23. oktober",
        ),
        (
            "en",
            "Thursday 23 October 2025, 12:00–15:00",
            "Thursday 23 October 2025, 12:00",
            "2 November 2026 at 09:00",
            "2 November at 09:00",
            "23 October",
        ),
    ],
)
def test_dates_and_times_read_as_each_language_writes_them(
    language, meeting, start_only, when, day_and_time, day
):
    with translation.override(language):
        assert dates.date_and_time_span(DAY, NOON, THREE) == meeting
        assert dates.date_and_time_span(DAY, NOON) == start_only
        assert dates.date_and_time_span(DAY) == meeting.split(",")[0]
        assert date_format(timezone.localtime(MORNING), "DATETIME_FORMAT") == when
        assert dates.day_time(MORNING) == day_and_time
        assert date_format(DAY, "MONTH_DAY_FORMAT") == day


def test_templates_have_the_date_filters_and_the_time_span_tag():
    template = Template(
        "{{ day|weekday_date }} {% time_span start end %} {{ when|day_time }} {{ when|clock }}"
    )
    context = Context({"day": DAY, "start": NOON, "end": THREE, "when": MORNING})
    with translation.override("nb"):
        assert template.render(context) == (
            "torsdag 23. oktober 2025 kl. 12:00–15:00 2. november kl. 09:00 kl. 09:00"
        )
    with translation.override("en"):
        assert template.render(context) == (
            "Thursday 23 October 2025 12:00–15:00 2 November at 09:00 09:00"
        )


def test_english_forms_read_day_before_month():
    field = forms.DateField()
    with translation.override("en"):
        assert field.clean("03.04.2026") == datetime.date(2026, 4, 3)
        assert field.clean("03/04/2026") == datetime.date(2026, 4, 3)
        assert field.clean("2026-04-03") == datetime.date(2026, 4, 3)
