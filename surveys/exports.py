"""Survey answers as CSV (for Norwegian Excel) and XLSX: one row per centre that was sent
the survey, one column per question, follow-ups right after their parent.

A ranked list gets one column per rank ("1. … (nr. 1)", "(nr. 2)", …) so each rank can be
sorted and filtered on its own; multiple choices are joined in one cell with ", "; a
question that asks «Utdyp gjerne» gets a column for the comment after its answer. Only
submitted answers are exported; a centre that has not submitted gets its status and empty
cells. Cells that a spreadsheet would read as a formula (starting with =, +, -, @, a tab
or a carriage return) get a leading apostrophe, in both formats. In the XLSX the time of
submission is a date cell and a scale's answer a number (frivillig.lib.xlsx).
"""

import csv
import datetime
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.lib import xlsx
from frivillig.lib.files import ascii_filename

from . import kinds
from .models import Question
from .results import SurveyResults

BOM = "\ufeff"
escape_cell = xlsx.escape_text


def _as_text(value) -> str:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return "" if value is None else str(value)


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
        elif question.kind == Question.Kind.DATE:
            # A date stays a date, for the XLSX to type (and the CSV to write 31.12.2026).
            columns.append((heading, result, lambda answer: kinds.day(answer.text) or ""))
        else:
            # A number stays a number (a scale's or a number question's), for the XLSX.
            columns.append(
                (
                    _unit_heading(heading, question),
                    result,
                    lambda answer: answer.number if answer.number is not None else answer.display(),
                )
            )
        if question.takes_comment:
            columns.append(
                (
                    _("%(heading)s – utdyping") % {"heading": heading},
                    result,
                    lambda answer: answer.comment,
                )
            )
    return columns


def _unit_heading(heading: str, question) -> str:
    if question.kind == Question.Kind.NUMBER and question.unit:
        return _("%(heading)s (%(unit)s)") % {"heading": heading, "unit": question.unit}
    return heading


def table(results: SurveyResults) -> tuple[list[str], list[list]]:
    """The heading row and one row per centre, unescaped; the time of submission is a
    datetime and a number an int."""
    columns = _columns(results)
    headings = [_("Frivilligsentral"), _("Status"), _("Sendt inn")]
    headings += [heading for heading, _result, _cell in columns]
    rows = []
    for response in results.responses:
        centre = response.centre
        submitted = response.submitted_at if response.is_submitted else None
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
        writer.writerow([escape_cell(_as_text(value)) for value in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def xlsx_bytes(results: SurveyResults) -> bytes:
    headings, rows = table(results)
    return xlsx.table_bytes(_("Svar"), headings, rows)


def filename(survey, extension: str) -> str:
    """An ASCII file name from the title: "Undersøkelse 2025" → undersokelse-2025.csv."""
    return ascii_filename(survey.title, extension, fallback="undersokelse")
