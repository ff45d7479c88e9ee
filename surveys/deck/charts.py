"""Bar charts for the deck, drawn on the server as SVG: the same drawing on the page, in
the presentation and in the PDF (the PowerPoint file gets a native chart from the same
numbers, surveys.deck.pptx).

Each chart is `role="img"` named by its caption, and carries a table with the same
numbers for screen readers (visually hidden; the SVG's own text is hidden from them).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..models import Question

# Drawing units: the SVG scales to the slide's width, 1000 units across about 1150 px.
WIDTH = 1000
LABEL_WIDTH = 345
ROW = 64
BAR = 44
FONT = 27
TOP = 8
COMPARED_TOP = 48
COMPARED_ROW = 1.45
INK = "#12355b"  # the bars: 11.9:1 on white; white text on them
PALE = "#7f9cc0"  # the "before" bars of a comparison
TEXT = "#1f2d3d"
# At most this many bars per chart (a ranked question's themes).
CHART_BARS = 6


@dataclass
class Bar:
    label: str
    value: float
    text: str  # what the bar says: "3 av 5", "12 poeng", "40 %"
    before: float | None = None
    before_text: str = ""


@dataclass
class Chart:
    caption: str
    bars: list[Bar] = field(default_factory=list)
    maximum: float = 1
    value_name: str = ""  # the table's column: "Antall", "Poeng", "Andel"
    series: tuple[str, ...] = ()  # ("Forrige runde", "Denne runden") for a comparison

    @property
    def compared(self) -> bool:
        return len(self.series) == 2


def option_chart(result) -> Chart | None:
    """Yes/no, choices and scales: one bar per answer option with its count, "3 av 5"."""
    if result.kind not in (
        Question.Kind.YES_NO,
        Question.Kind.SINGLE,
        Question.Kind.MULTIPLE,
        Question.Kind.SCALE,
    ):
        return None
    if not result.total or not result.options:
        return None
    bars = [
        Bar(o.label, o.count, _("%(count)s av %(total)s") % {"count": o.count, "total": o.total})
        for o in result.options
    ]
    return Chart(result.question.text, bars, result.total, _("Antall"))


def themes_chart(result) -> Chart | None:
    """A ranked question: its themes by weighted score, the highest first."""
    tally = result.tally[:CHART_BARS]
    if not tally:
        return None
    bars = [Bar(t.name, t.points, _("%(points)s poeng") % {"points": t.points}) for t in tally]
    return Chart(result.question.text, bars, max(t.points for t in tally), _("Poeng"))


def compare_chart(comparison) -> Chart | None:
    """Two rounds of a question: each option's share before and after."""
    rows = comparison.options
    if not rows:
        return None
    bars = [
        Bar(
            now.label,
            now.share,
            _("%(share)s %%") % {"share": now.share},
            before.share if before else 0,
            _("%(share)s %%") % {"share": before.share} if before else "–",
        )
        for now, before, _words in rows
    ]
    series = (_("Forrige runde"), _("Denne runden"))
    return Chart(comparison.current.question.text, bars, 100, _("Andel"), series)


def height(chart: Chart) -> float:
    """The chart's height in drawing units, which are px on the slide."""
    if chart.compared:
        return COMPARED_TOP + len(chart.bars) * ROW * COMPARED_ROW + 4
    return TOP + len(chart.bars) * ROW + 4


def bars_that_fit(chart: Chart, room: float) -> int:
    top, row = (COMPARED_TOP, ROW * COMPARED_ROW) if chart.compared else (TOP, ROW)
    return max(1, int((room - top - 4) // row))


def _n(number: float) -> str:
    """A coordinate as SVG writes it: one decimal at most."""
    return f"{number:.1f}".removesuffix(".0")


def _label(text: str, y: float) -> str:
    lines = textwrap.wrap(text, 19)[:2] or [""]
    if len(textwrap.wrap(text, 19)) > 2:
        lines[1] = lines[1][:18].rstrip() + "…"
    first = y - (len(lines) - 1) * FONT * 0.55
    spans = "".join(
        format_html(
            '<tspan x="{}" y="{}">{}</tspan>', LABEL_WIDTH - 16, _n(first + i * FONT * 1.1), t
        )
        for i, t in enumerate(lines)
    )
    return format_html(
        '<text text-anchor="end" dominant-baseline="middle" font-size="{}" fill="{}">{}</text>',
        FONT,
        TEXT,
        mark_safe(spans),
    )


def _bar(y: float, height: float, value: float, maximum: float, text: str, colour: str) -> str:
    room = WIDTH - LABEL_WIDTH - 10
    width = room * (value / maximum) if maximum else 0
    inside = width > len(text) * FONT * 0.6 + 24
    text_x = LABEL_WIDTH + width - 12 if inside else LABEL_WIDTH + width + 12
    return format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="4"/>'
        '<text x="{}" y="{}" text-anchor="{}" dominant-baseline="middle" '
        'font-size="{}" font-weight="700" fill="{}">{}</text>',
        LABEL_WIDTH,
        _n(y),
        _n(max(width, 2)),
        _n(height),
        colour,
        _n(text_x),
        _n(y + height / 2),
        "end" if inside else "start",
        FONT,
        "#ffffff" if inside and colour == INK else TEXT,
        text,
    )


def svg(chart: Chart, chart_id: str) -> str:
    """The chart as inline SVG with its hidden table, named by `chart_id`."""
    rows = []
    row = ROW * (COMPARED_ROW if chart.compared else 1)
    top = COMPARED_TOP if chart.compared else TOP
    for index, bar in enumerate(chart.bars):
        y = top + index * row
        middle = y + row / 2
        rows.append(_label(bar.label, middle - 4))
        if chart.compared:
            half = BAR * 0.8
            rows.append(_bar(y, half, bar.before or 0, chart.maximum, bar.before_text, PALE))
            rows.append(_bar(y + half + 4, half, bar.value, chart.maximum, bar.text, INK))
        else:
            rows.append(_bar(y + (row - BAR) / 2 - 4, BAR, bar.value, chart.maximum, bar.text, INK))
    legend = ""
    if chart.compared:
        legend = format_html(
            '<rect x="{}" y="6" width="28" height="28" fill="{}"/>'
            '<text x="{}" y="21" dominant-baseline="middle" font-size="{}" fill="{}">{}</text>'
            '<rect x="{}" y="6" width="28" height="28" fill="{}"/>'
            '<text x="{}" y="21" dominant-baseline="middle" font-size="{}" fill="{}">{}</text>',
            LABEL_WIDTH,
            PALE,
            LABEL_WIDTH + 38,
            FONT,
            TEXT,
            chart.series[0],
            LABEL_WIDTH + 330,
            INK,
            LABEL_WIDTH + 368,
            FONT,
            TEXT,
            chart.series[1],
        )
    total = height(chart)
    axis = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2"/>',
        LABEL_WIDTH,
        top,
        LABEL_WIDTH,
        total - 4,
        TEXT,
    )
    drawing = format_html(
        '<svg class="chart-svg" viewBox="0 0 {} {}" role="img" aria-labelledby="{}" '
        'focusable="false" xmlns="http://www.w3.org/2000/svg" font-family="DejaVu Sans, '
        'Arial, sans-serif"><g aria-hidden="true">{}{}{}</g></svg>',
        WIDTH,
        _n(total),
        f"{chart_id}-caption",
        legend,
        mark_safe("".join(rows)),
        axis,
    )
    caption = format_html(
        '<span class="visually-hidden" id="{}-caption">{}</span>', chart_id, chart.caption
    )
    return mark_safe(caption + drawing + _table(chart, chart_id))


def _table(chart: Chart, chart_id: str) -> str:
    if chart.compared:
        head = format_html(
            "<th scope='col'>{}</th><th scope='col'>{}</th><th scope='col'>{}</th>",
            _("Svar"),
            chart.series[0],
            chart.series[1],
        )
        body = "".join(
            format_html(
                "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>",
                b.label,
                b.before_text,
                b.text,
            )
            for b in chart.bars
        )
    else:
        head = format_html(
            "<th scope='col'>{}</th><th scope='col'>{}</th>", _("Svar"), chart.value_name
        )
        body = "".join(
            format_html("<tr><th scope='row'>{}</th><td>{}</td></tr>", b.label, b.text)
            for b in chart.bars
        )
    return format_html(
        '<table class="visually-hidden" id="{}-table"><caption>{}</caption>'
        "<thead><tr>{}</tr></thead><tbody>{}</tbody></table>",
        chart_id,
        chart.caption,
        mark_safe(head),
        mark_safe(body),
    )
