"""Survey answers as CSV (for Norwegian Excel) and XLSX: one row per centre that was sent
the survey, one column per question, follow-ups right after their parent.

A ranked list gets one column per rank ("1. … (nr. 1)", "(nr. 2)", …) so each rank can be
sorted and filtered on its own; multiple choices are joined in one cell with ", ". Only
submitted answers are exported; a centre that has not submitted gets its status and empty
cells. Cells that a spreadsheet would read as a formula (starting with =, +, -, @, a tab
or a carriage return) get a leading apostrophe, in both formats.
"""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from frivillig.lib.files import ascii_filename

from .models import Question
from .results import SurveyResults

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def escape_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _columns(results: SurveyResults):
    """(heading, function answer → cell text) per column."""
    columns = []
    for result in results.flat():
        question = result.question
        heading = f"{result.number}. {question.text}"
        if question.kind == Question.Kind.RANKED:
            for rank in range(1, question.rank_count + 1):
                columns.append(
                    (
                        _("%(heading)s (nr. %(rank)s)") % {"heading": heading, "rank": rank},
                        result,
                        lambda answer, i=rank - 1: (
                            str(answer.items[i]) if i < len(answer.items) else ""
                        ),
                    )
                )
        else:
            columns.append((heading, result, lambda answer: answer.display()))
    return columns


def table(results: SurveyResults) -> tuple[list[str], list[list[str]]]:
    """The heading row and one row per centre, unescaped."""
    columns = _columns(results)
    headings = [_("Frivilligsentral"), _("Status"), _("Sendt inn")]
    headings += [heading for heading, _result, _cell in columns]
    rows = []
    for response in results.responses:
        centre = response.centre
        submitted = (
            timezone.localtime(response.submitted_at).strftime("%d.%m.%Y %H:%M")
            if response.is_submitted and response.submitted_at
            else ""
        )
        row = [centre.name, response.get_status_display(), submitted]
        for _heading, result, cell in columns:
            answer = result.answer_for(centre.pk) if response.is_submitted else None
            row.append(cell(answer) if answer is not None else "")
        rows.append(row)
    return headings, rows


def csv_lines(results: SurveyResults):
    """The CSV, line by line, for a streaming response: BOM, ';' and CRLF for Excel."""
    headings, rows = table(results)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    yield BOM
    for row in [headings, *rows]:
        writer.writerow([escape_cell(value) for value in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def xlsx_bytes(results: SurveyResults) -> bytes:
    headings, rows = table(results)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Svar")[:31])
    sheet.freeze_panes = "B2"
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 30
    header = []
    for value in headings:
        cell = _text_cell(sheet, value)
        cell.font = bold
        cell.alignment = wrap
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for value in row:
            cell = _text_cell(sheet, value)
            cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _text_cell(sheet, value) -> WriteOnlyCell:
    """Every cell is text: escaped, and typed as a string so no formula is stored."""
    # XML 1.0 (and so XLSX) cannot hold most control characters; they are dropped here.
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", escape_cell(value)))
    cell.data_type = "s"
    return cell


def filename(survey, extension: str) -> str:
    """An ASCII file name from the title: "Undersøkelse 2025" → undersokelse-2025.csv."""
    return ascii_filename(survey.title, extension, fallback="undersokelse")
