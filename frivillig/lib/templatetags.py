"""Template filters available in every template (registered as builtins in settings)."""

from django import template

from . import access, dates

register = template.Library()


@register.filter
def lines(text: str) -> list[str]:
    """Text kept as one point per line, for showing as a list."""
    return [line.strip().lstrip("-•").strip() for line in (text or "").splitlines() if line.strip()]


@register.filter
def status_class(status: str) -> str:
    return f"status status-{status}"


@register.filter
def can_open_admin(user) -> bool:
    """Whether the menu links to the admin site (frivillig.lib.access.can_open_admin)."""
    return access.can_open_admin(user)


@register.filter
def manages_people(user) -> bool:
    """Whether the menu links to the people page (coordinates_a_municipality)."""
    return access.coordinates_a_municipality(user)


# Dates and times in the reader's language (frivillig.lib.dates, the format modules).
register.filter("weekday_date", dates.weekday_date)
register.filter("day_time", dates.day_time)
register.filter("clock", dates.clock)
register.simple_tag(dates.time_span, name="time_span")
register.simple_tag(dates.date_and_time_span, name="date_and_time_span")
