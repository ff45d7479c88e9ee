"""The deck's pagination: at most six lines a slide, «(forts.)» for the rest, headings and
bullets kept with what follows them, the chart cut to what fits, numbers after it."""

import pytest

from surveys.deck import charts
from surveys.deck.markup import markdown_lines
from surveys.deck.slides import (
    CHARS_PER_LINE,
    LINE_BUDGET,
    Line,
    Slide,
    number_slides,
    paginate,
)


def _texts(slide):
    return [line.text for line in slide.lines]


def test_a_short_list_is_one_slide():
    slide = Slide("Agenda", [Line(f"Punkt {i}") for i in range(6)], key="a")
    assert [s.title for s in paginate(slide)] == ["Agenda"]


def test_a_long_list_continues_on_a_slide_titled_forts():
    slide = Slide("Målgrupper", [Line(f"Gruppe {i}") for i in range(14)], key="m")
    pages = paginate(slide)
    assert [p.title for p in pages] == ["Målgrupper", "Målgrupper (forts.)", "Målgrupper (forts.)"]
    assert [len(p.lines) for p in pages] == [6, 6, 2]
    assert [p.key for p in pages] == ["m", "m-forts1", "m-forts2"]
    assert pages[1].continued and not pages[0].continued


def test_the_last_line_may_be_a_seventh_rather_than_a_slide_alone():
    slide = Slide("Agenda", [Line(f"Punkt {i}") for i in range(7)], key="a")
    assert len(paginate(slide)) == 1
    slide = Slide("Agenda", [Line(f"Punkt {i}") for i in range(8)], key="a")
    assert len(paginate(slide)) == 2


def test_a_long_line_counts_as_the_lines_it_takes_on_the_slide():
    long = Line("ord " * (CHARS_PER_LINE // 2))  # two lines on the slide
    slide = Slide("Svar", [long, long, long, long], key="s")
    pages = paginate(slide)
    assert all(sum(line.weight for line in p.lines) <= LINE_BUDGET + 1 for p in pages)
    assert len(pages) == 2


def test_a_long_answer_is_cut_at_its_sentences_never_shrunk():
    text = " ".join(
        f"Setning nummer {i} i et langt svar om samhandlingen i bydelen." for i in range(12)
    )
    pages = paginate(Slide("Frogner", [Line(text)], key="f"))
    assert len(pages) > 1
    joined = " ".join(line.text for page in pages for line in page.lines)
    assert joined == text


def test_a_heading_is_never_the_last_line_of_a_slide():
    lines = [Line(f"Punkt {i}") for i in range(6)] + [Line("Mål", heading=True)]
    lines += [Line(f"Mål {i}") for i in range(3)]
    pages = paginate(Slide("Klyve", lines, key="k"))
    assert not pages[0].lines[-1].heading
    assert pages[1].lines[0].text == "Mål"


def test_a_bullet_moves_with_its_first_sub_bullet():
    lines = [Line(f"Punkt {i}") for i in range(5)] + [Line("Skolene")]
    lines += [Line("Lyttevenn", level=1), Line("Leksehjelp", level=1)]
    pages = paginate(Slide("Frogner", lines, key="f"))
    assert _texts(pages[1])[:2] == ["Skolene", "Lyttevenn"]
    groups = pages[1].groups
    assert groups[0].kind == "list" and groups[0].items[0][0].text == "Skolene"
    assert [c.text for c in groups[0].items[0][1]] == ["Lyttevenn", "Leksehjelp"]


def test_sub_bullets_that_continue_stay_sub_bullets():
    lines = [Line("Skolene")] + [Line(f"Tiltak {i}", level=1) for i in range(9)]
    pages = paginate(Slide("Frogner", lines, key="f"))
    first = pages[1].groups[0]
    assert first.items[0][0] is None  # no bullet of its own: the parent is on the slide before
    assert len(first.items[0][1]) >= 1


def _chart(bars):
    return charts.Chart(
        "Q", [charts.Bar(f"Tema {i}", 10 - i, f"{10 - i} poeng") for i in range(bars)], 10
    )


def test_a_chart_leaves_room_for_few_lines_and_the_rest_continue():
    slide = Slide("Målgrupper", [Line(f"Setning {i}.") for i in range(8)], chart=_chart(6), key="q")
    pages = paginate(slide)
    assert pages[0].chart is not None and len(pages[0].lines) <= 3
    assert len(pages) == 2 and pages[1].chart is None
    assert sum(len(p.lines) for p in pages) == 8


def test_a_chart_under_a_long_title_shows_the_bars_that_fit():
    title = (
        "Nevn de tre viktigste samarbeidsaktørene og beskriv hvordan samhandlingen med "
        "hver av dem foregår i dag for frivilligsentralen"
    )
    pages = paginate(Slide(title, [], chart=_chart(6), key="q"))
    assert 1 <= len(pages[0].chart.bars) < 6
    assert pages[0].chart.bars[0].label == "Tema 0"  # the highest first


def test_slides_are_numbered_after_pagination():
    slides = paginate(Slide("A", [Line(str(i)) for i in range(14)], key="a"))
    slides += paginate(Slide("B", [Line("b")], key="b"))
    numbered = number_slides(slides)
    assert [(s.number, s.total) for s in numbered] == [(1, 4), (2, 4), (3, 4), (4, 4)]


@pytest.mark.parametrize(
    "source, expected",
    [
        ("# Nasjonale ressurser", [("Nasjonale ressurser", True, False, 0)]),
        (
            "- KS\n- Frivillighet Norge",
            [("KS", False, False, 0), ("Frivillighet Norge", False, False, 0)],
        ),
        (
            "- Skolene\n  - Lyttevenn",
            [("Skolene", False, False, 0), ("Lyttevenn", False, False, 1)],
        ),
        ("En **frivillig** organisasjon", [("En frivillig organisasjon", False, True, 0)]),
    ],
)
def test_own_slides_markdown_is_one_line_per_source_line(source, expected):
    lines = markdown_lines(source)
    assert [(line.text, line.heading, line.plain, line.level) for line in lines] == expected


def test_own_slides_markdown_is_sanitised():
    [line] = markdown_lines(
        "Se [SNL](https://snl.no) <script>alert(1)</script> [x](javascript:alert(1)) "
        '<b onclick="x">b</b>'
    )
    assert '<a href="https://snl.no" rel="noopener noreferrer">SNL</a>' in line.html
    assert "<script" not in line.html and "javascript:" not in line.html
    assert "onclick" not in line.html
