"""Rendering a word diff: insertions and deletions are marked with <ins> and <del>, which
browsers underline and strike through, and each carries a hidden label so a screen reader
says "lagt til" or "fjernet" (the marks never rely on colour alone)."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def diff(segments):
    """`segments` are versions.Segment runs; equal text is shown as it is."""
    added, removed = _("lagt til:"), _("fjernet:")
    parts = []
    for segment in segments:
        if segment.op == "insert":
            parts.append(
                format_html(
                    '<ins><span class="visually-hidden">{} </span>{}'
                    '<span class="visually-hidden"> ({})</span></ins>',
                    added,
                    segment.text,
                    _("slutt"),
                )
            )
        elif segment.op == "delete":
            parts.append(
                format_html(
                    '<del><span class="visually-hidden">{} </span>{}'
                    '<span class="visually-hidden"> ({})</span></del>',
                    removed,
                    segment.text,
                    _("slutt"),
                )
            )
        else:
            parts.append(format_html("{}", segment.text))
    return format_html_join("", "{}", ((part,) for part in parts))
