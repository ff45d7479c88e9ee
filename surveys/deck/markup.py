"""The coordinator's own slides are written in a small Markdown: `# heading`, `- bullet`
(indented for a sub-bullet), `1. numbered`, **bold**, *italic* and [links](https://…).
Each line of the source is a line of the slide, so the slides paginate as the portal's
own; its inline Markdown is rendered by Markdown and sanitised by nh3 to a few tags."""

import html
import re

import markdown
import nh3
from django.utils.safestring import mark_safe

from .slides import Line

INLINE_TAGS = {"strong", "em", "a", "code"}
LINK_SCHEMES = {"http", "https", "mailto"}


def inline_html(text: str) -> str:
    rendered = markdown.markdown(text)
    rendered = re.sub(r"^<p>(.*)</p>$", r"\1", rendered.strip(), flags=re.DOTALL)
    # Sanitised by nh3 to the few tags above: safe to show as HTML.
    return mark_safe(  # noqa: S308
        nh3.clean(
            rendered,
            tags=INLINE_TAGS,
            attributes={"a": {"href"}},
            url_schemes=LINK_SCHEMES,
            link_rel="noopener noreferrer",
        )
    )


def plain_text(text: str) -> str:
    """The line's words without its Markdown: what the PowerPoint file gets."""
    return html.unescape(nh3.clean(inline_html(text), tags=set()))


def markdown_lines(source: str) -> list[Line]:
    lines = []
    for raw in (source or "").splitlines():
        if not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip())
        text = raw.strip()
        kwargs = {}
        if match := re.match(r"#{1,6}\s+(.*)$", text):
            text, kwargs = match.group(1), {"heading": True}
        elif match := re.match(r"[-*+]\s+(.*)$", text):
            text, kwargs = match.group(1), {"level": 1 if indent >= 2 else 0}
        elif match := re.match(r"(\d+)[.)]\s+(.*)$", text):
            # A numbered line keeps its number and gets no bullet beside it.
            number, rest = match.groups()
            text, kwargs = f"{number}\\. {rest}", {"plain": True}
        else:
            kwargs = {"plain": True}
        lines.append(Line(plain_text(text), html=inline_html(text), **kwargs))
    return lines
