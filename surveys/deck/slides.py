"""A slide made for a projector, and the one pagination that keeps every slide readable
from the back of the room: at most LINE_BUDGET lines of text, a long list or answer
continuing on a «(forts.)» slide instead of shrinking.

A slide is plain data (a title, lines, perhaps a chart, an image and notes): the page,
the presentation, the PDF and the PowerPoint file all show the same list of slides.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import charts

# Lines a slide holds, and the characters of one line at the body's size (30 px = 22.5 pt
# on a 1280 x 720 slide, static/css/deck.css): a line longer than that counts as two or
# more. Headings inside a slide are not counted among the lines; the room they take is.
LINE_BUDGET = 6
CHARS_PER_LINE = 72
# The slide's geometry in px at 1280 x 720 (deck.css): the body's height under a title
# of one line, the height of a title line and of a body line, and a title line's
# characters. A chart or an image takes its height from the room the lines leave.
BODY_PX = 571
TITLE_LINE_PX = 60
LINE_PX = 47
HEADING_PX = 45
TITLE_CHARS = 36
IMAGE_PX = 360


@dataclass
class Line:
    text: str
    level: int = 0  # 0 a bullet, 1 a bullet under the one before
    heading: bool = False  # a sub-heading inside the slide
    plain: bool = False  # a paragraph, no bullet
    html: str = ""  # the line's sanitised inline HTML (own slides' Markdown), else ""
    muted: bool = False

    @property
    def weight(self) -> int:
        if self.heading:
            return 0
        return max(1, math.ceil(len(self.text) / CHARS_PER_LINE))


@dataclass
class Group:
    """Lines as the template shows them: a heading, a paragraph, or a bullet list whose
    items hold their sub-bullets."""

    kind: str  # "heading", "paragraph", "list"
    line: Line | None = None
    # (bullet, its sub-bullets); the bullet is None for sub-bullets that continue a
    # bullet of the slide before.
    items: list[tuple[Line | None, list[Line]]] = field(default_factory=list)


@dataclass
class Slide:
    title: str
    lines: list[Line] = field(default_factory=list)
    kind: str = "text"
    lead: str = ""  # the title slide's line under the title
    meta: str = ""  # the title slide's date and place
    chart: object = None  # a surveys.deck.charts.Chart
    image_url: str = ""
    image_alt: str = ""
    # The stored file's name (an own slide's image): part of the deck files' key, so a
    # replaced image gives new files though its URL stays the same.
    image_name: str = ""
    notes: str = ""
    continued: bool = False
    key: str = ""  # the slide's anchor, unique in the deck
    saved_pk: int | None = None  # the saved slide it comes from, if any
    number: int = 0
    total: int = 0

    @property
    def chart_svg(self) -> str:
        return charts.svg(self.chart, f"chart-{self.key}") if self.chart is not None else ""

    @property
    def heading_id(self) -> str:
        return f"slide-{self.key}-title"

    @property
    def groups(self) -> list[Group]:
        groups: list[Group] = []
        for line in self.lines:
            if line.heading:
                groups.append(Group("heading", line))
            elif line.plain:
                groups.append(Group("paragraph", line))
            elif line.level and groups and groups[-1].kind == "list":
                groups[-1].items[-1][1].append(line)
            elif line.level:
                groups.append(Group("list", items=[(None, [line])]))
            elif groups and groups[-1].kind == "list":
                groups[-1].items.append((line, []))
            else:
                groups.append(Group("list", items=[(line, [])]))
        return groups


def split_sentences(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅÉ«0-9])", text) if p.strip()]


def _fit(line: Line, budget: int) -> list[Line]:
    """A line too long for one slide, cut at its sentences, then at its words."""
    if line.weight <= budget:
        return [line]
    parts = split_sentences(line.text)
    if len(parts) == 1:
        words, parts, current = line.text.split(), [], ""
        limit = budget * CHARS_PER_LINE
        for word in words:
            if current and len(current) + 1 + len(word) > limit:
                parts.append(current)
                current = word
            else:
                current = f"{current} {word}".strip()
        parts.append(current)
    pieces = []
    for part in parts:
        piece = dataclasses.replace(line, text=part, html="")
        pieces.extend(_fit(piece, budget) if len(parts) > 1 else [piece])
    return pieces


def _carried(page: list[Line], line: Line) -> list[Line]:
    """What moves from the full slide to the next with `line`: a heading that would end
    the slide, or the bullet whose first sub-bullet `line` is (never the whole slide)."""
    carried = []
    if len(page) > 1 and page[-1].heading:
        carried = [page.pop()]
    elif len(page) > 1 and line.level and not page[-1].level and not page[-1].plain:
        carried = [page.pop()]
        if len(page) > 1 and page[-1].heading:
            carried.insert(0, page.pop())
    return carried


def title_lines(title: str) -> int:
    return max(1, math.ceil(len(title) / TITLE_CHARS))


def _first_room(slide: Slide, budget: int) -> tuple[int, object]:
    """The lines the first slide holds, and its chart cut to what fits: a chart keeps
    its text at the body's size, so a long ranked list shows its first themes."""
    body = BODY_PX - TITLE_LINE_PX * (title_lines(slide.title) - 1)
    if slide.image_url:
        return max(0, min(budget, (body - IMAGE_PX) // LINE_PX)), slide.chart
    if slide.chart is None:
        return min(budget, body // LINE_PX), None
    chart = slide.chart
    if charts.height(chart) > body:
        chart = dataclasses.replace(chart, bars=chart.bars[: charts.bars_that_fit(chart, body)])
    return max(0, min(budget, (body - charts.height(chart)) // LINE_PX)), chart


def paginate(slide: Slide, budget: int = LINE_BUDGET) -> list[Slide]:
    """The slide as one or more slides of at most `budget` lines each (fewer beside a
    chart or an image), the next ones titled «… (forts.)». A heading is never the last
    line of a slide; a sub-bullet that opens a continuation is shown as a sub-bullet."""
    first_room, chart = _first_room(slide, budget)
    lines = [piece for line in slide.lines for piece in _fit(line, budget)]
    pages: list[list[Line]] = [[]]
    used = 0
    for index, line in enumerate(lines):
        room = first_room if len(pages) == 1 else budget
        # "About six": the deck's last line may be a seventh rather than a slide alone.
        if index == len(lines) - 1 and room:
            room += 1
        if (pages[-1] or room == 0) and used + line.weight > room:
            pages.append(_carried(pages[-1], line))
            used = sum(item.weight for item in pages[-1])
        pages[-1].append(line)
        used += line.weight
    result = []
    for index, page in enumerate(pages):
        if index == 0:
            result.append(dataclasses.replace(slide, lines=page, chart=chart))
        else:
            result.append(
                dataclasses.replace(
                    slide,
                    title=_("%(title)s (forts.)") % {"title": slide.title},
                    lines=page,
                    chart=None,
                    image_url="",
                    continued=True,
                    key=f"{slide.key}-forts{index}",
                )
            )
    return result


def number_slides(slides: list[Slide]) -> list[Slide]:
    """The slides' numbers and count, after pagination, as the footer shows them."""
    for number, slide in enumerate(slides, 1):
        slide.number, slide.total = number, len(slides)
    return slides
