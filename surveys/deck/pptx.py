"""The deck as a PowerPoint file (python-pptx): the same slides as the page and the PDF,
16:9, with real text boxes a coordinator can edit, native bar charts from the same
numbers (editable in PowerPoint), and the speaker notes as the slides' notes."""

import io

from django.utils.translation import gettext as _
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Inches, Pt

from .slides import Slide, title_lines

INK = RGBColor(0x12, 0x35, 0x5B)
TEXT = RGBColor(0x1F, 0x2D, 0x3D)
MUTED = RGBColor(0x49, 0x50, 0x57)
PALE = RGBColor(0x7F, 0x9C, 0xC0)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
# A title line at 40 pt.
TITLE_LINE = Inches(0.66)


def _text_box(slide, left, top, width, height):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    return frame


def _paragraph(frame, first: bool):
    return frame.paragraphs[0] if first else frame.add_paragraph()


def _run(paragraph, text, *, size, bold=False, colour=TEXT, italic=False):
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.color.rgb = colour
    return run


def _header_footer(slide, deck_slide: Slide, kicker: str, dark: bool):
    colour = WHITE if dark else MUTED
    frame = _text_box(slide, MARGIN, Inches(0.25), Inches(8), Inches(0.45))
    _run(frame.paragraphs[0], kicker, size=14, bold=True, colour=colour)
    footer = _text_box(slide, WIDTH - Inches(3.6), HEIGHT - Inches(0.6), Inches(3), Inches(0.4))
    text = _("%(number)s av %(total)s") % {"number": deck_slide.number, "total": deck_slide.total}
    paragraph = footer.paragraphs[0]
    paragraph.alignment = 3  # right
    _run(paragraph, text, size=14, colour=colour)


def _lines(frame, lines, first=True):
    for line in lines:
        paragraph = _paragraph(frame, first)
        first = False
        paragraph.space_after = Pt(6)
        if line.heading:
            _run(paragraph, line.text, size=24, bold=True, colour=INK)
        elif line.plain:
            _run(paragraph, line.text, size=20, colour=MUTED if line.muted else TEXT)
        else:
            paragraph.level = line.level
            bullet = "–" if line.level else "•"
            _run(paragraph, f"{bullet} {line.text}", size=22 if not line.level else 20)


def _chart(slide, chart, top):
    data = CategoryChartData()
    data.categories = [bar.label for bar in chart.bars]
    if chart.compared:
        data.add_series(chart.series[0], [bar.before or 0 for bar in chart.bars])
        data.add_series(chart.series[1], [bar.value for bar in chart.bars])
    else:
        data.add_series(chart.value_name, [bar.value for bar in chart.bars])
    height = HEIGHT - top - Inches(0.8)
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, MARGIN, top, WIDTH - 2 * MARGIN, height, data
    )
    native = frame.chart
    native.has_title = False  # the slide's title names it
    native.has_legend = chart.compared
    if chart.compared:
        native.legend.position = XL_LEGEND_POSITION.TOP
        native.legend.include_in_layout = False
        native.legend.font.size = Pt(18)
    native.category_axis.reverse_order = True  # first option on top, as on the slide
    native.category_axis.tick_labels.font.size = Pt(18)
    native.value_axis.visible = False
    native.value_axis.has_major_gridlines = False
    native.value_axis.minimum_scale = 0
    # Room beyond the longest bar for its label.
    native.value_axis.maximum_scale = chart.maximum * 1.2
    plot = native.plots[0]
    plot.gap_width = 60
    for index, series in enumerate(plot.series):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = PALE if chart.compared and index == 0 else INK
        for point, bar in enumerate(chart.bars):
            label = series.points[point].data_label
            label.has_text_frame = True
            text = bar.before_text if chart.compared and index == 0 else bar.text
            label.text_frame.text = text.replace(" ", "\u00a0")  # one line: «3 av 5»
            label.position = XL_LABEL_POSITION.OUTSIDE_END
            label.text_frame.paragraphs[0].runs[0].font.size = Pt(18)
            label.text_frame.paragraphs[0].runs[0].font.bold = True


def _title(slide, deck_slide: Slide, dark: bool) -> None:
    top = Inches(2.4) if dark else Inches(0.75)
    height = TITLE_LINE * title_lines(deck_slide.title)
    frame = _text_box(slide, MARGIN, top, WIDTH - 2 * MARGIN, height)
    frame.vertical_anchor = MSO_ANCHOR.TOP
    colour = WHITE if dark else INK
    _run(frame.paragraphs[0], deck_slide.title, size=40, bold=True, colour=colour)
    if dark:
        for text, size in ((deck_slide.lead, 28), (deck_slide.meta, 22)):
            if text:
                _run(frame.add_paragraph(), text, size=size, colour=WHITE)


def _picture(slide, image, top) -> None:
    room = WIDTH - 2 * MARGIN
    picture = slide.shapes.add_picture(image, MARGIN, top, height=HEIGHT - top - Inches(0.8))
    if picture.width > room:
        ratio = room / picture.width
        picture.width = Emu(int(picture.width * ratio))
        picture.height = Emu(int(picture.height * ratio))


def _add_slide(presentation, deck_slide: Slide, kicker: str, images: dict) -> None:
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])  # blank
    dark = deck_slide.kind == "title"
    if dark:
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = INK
    _header_footer(slide, deck_slide, kicker, dark)
    _title(slide, deck_slide, dark)
    slide.name = deck_slide.title[:250]
    beside = deck_slide.chart is not None or bool(deck_slide.image_url)
    # Under the title, however many lines it takes (as the slide's pagination counts).
    top = Inches(0.95) + TITLE_LINE * title_lines(deck_slide.title)
    if deck_slide.lines:
        height = Inches(1.3) if beside else HEIGHT - top - Inches(0.7)
        _lines(_text_box(slide, MARGIN, top, WIDTH - 2 * MARGIN, height), deck_slide.lines)
        top += height if beside else 0
    if deck_slide.chart is not None:
        _chart(slide, deck_slide.chart, top)
    image = images.get(deck_slide.saved_pk) if deck_slide.image_url else None
    if image is not None:
        _picture(slide, image, top)
    if deck_slide.notes:
        slide.notes_slide.notes_text_frame.text = deck_slide.notes


def pptx_bytes(slides: list[Slide], kicker: str, images: dict) -> bytes:
    """`images`: {saved slide pk: an open image file} for the slides that show one."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = WIDTH, HEIGHT
    for deck_slide in slides:
        _add_slide(presentation, deck_slide, kicker, images)
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()
