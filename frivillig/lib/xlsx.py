"""A table as an XLSX file that works in Excel: one way for every download.

The heading row is bold, frozen with the first column, and carries a filter (Excel's
"Filtrer"); each column is as wide as its content (within limits); numbers and dates are
typed cells, so they sort, sum and filter as numbers and dates; text is always a text
cell, escaped like the CSV (a leading apostrophe before = + - @), so no formula is stored.
"""

import datetime
import io
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "dd.mm.yyyy"
DATETIME_FORMAT = "dd.mm.yyyy hh:mm"
# Column widths in characters: a short column still shows its filter button, a long
# text wraps instead of running across the screen.
MIN_WIDTH, MAX_WIDTH = 8, 60


def escape_text(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _plain(value):
    """A cell's value as Excel stores it: aware datetimes in local time without zone."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    return value


def _shown(value) -> str:
    """About what Excel shows in the cell, to size its column."""
    if isinstance(value, datetime.datetime):
        return "00.00.0000 00:00"
    if isinstance(value, datetime.date):
        return "00.00.0000"
    return escape_text(value)


def _width(values) -> float:
    longest = max(
        (len(line) for value in values for line in (_shown(value).splitlines() or [""])),
        default=0,
    )
    return float(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH))


def _cell(sheet, value, wrap) -> WriteOnlyCell:
    value = _plain(value)
    if value is None or value == "":
        return WriteOnlyCell(sheet, value=None)
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | float | Decimal):
        return WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        is_datetime = isinstance(value, datetime.datetime)
        cell.number_format = DATETIME_FORMAT if is_datetime else DATE_FORMAT
        return cell
    # XML 1.0 (and so XLSX) cannot hold most control characters; they are dropped.
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", escape_text(value)))
    cell.data_type = "s"
    if wrap is not None:
        cell.alignment = wrap
    return cell


def table_bytes(title: str, headings: list[str], rows: list[list], *, above=()) -> bytes:
    """The workbook of one sheet named `title`: `headings`, then `rows` of values (str,
    int, float, Decimal, date, datetime or None). `above`: lines of text over the table
    (a title, the year's figures); the freeze and the filter start at the headings."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    columns = len(headings)
    for index in range(columns):
        values = [headings[index], *(row[index] for row in rows if index < len(row))]
        sheet.column_dimensions[get_column_letter(index + 1)].width = _width(values)
    heading_row = len(above) + 1
    sheet.freeze_panes = f"B{heading_row + 1}"
    if columns:
        last = f"{get_column_letter(columns)}{heading_row + len(rows)}"
        sheet.auto_filter.ref = f"A{heading_row}:{last}"
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    for line in above:
        # Not wrapped: a title runs across the columns beside it.
        sheet.append([_cell(sheet, line, None)])
    header = []
    for value in headings:
        cell = _cell(sheet, value, wrap)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(sheet, value, wrap) for value in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
