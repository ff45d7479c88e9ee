"""The application basis XLSX works in Excel like every export (frivillig.lib.xlsx): the
filter and the freeze start at the heading row under the two title lines, amounts are
numbers, widths follow the content."""

import io

from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter


def test_basis_xlsx_filters_and_freezes_at_its_heading_row(
    client, coordinator, grant_year, centre_a, centre_b, status_a
):
    client.force_login(coordinator)
    response = client.get(reverse("grants:basis_xlsx", args=[grant_year.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    headings = [cell.value for cell in sheet[3]]
    assert headings[0] == "Frivilligsentral"
    assert sheet.freeze_panes == "B4"
    last_row = sheet.max_row
    assert sheet.auto_filter.ref == f"A3:{get_column_letter(len(headings))}{last_row}"
    klyve = next(row for row in sheet.iter_rows(min_row=4) if row[0].value.startswith("Klyve"))
    local = klyve[headings.index("Lokal finansiering (kr)")]
    assert local.data_type == "n" and local.value == 340000
    widths = {letter: d.width for letter, d in sheet.column_dimensions.items()}
    # The long title line above does not widen the first column.
    assert widths["A"] == len("Gulset nærmiljøsenter") + 2
