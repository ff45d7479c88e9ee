"""The XLSX works in Excel: typed dates and numbers, a filter on the heading row, the
heading row and first column frozen, columns as wide as their content. Read back with
openpyxl, cell by cell."""

import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from frivillig.lib import xlsx

from .results_data import build_survey


def _sheet(client, survey):
    response = client.get(reverse("surveys:export_xlsx", args=[survey.pk]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def test_the_survey_export_has_typed_cells_a_filter_and_frozen_headings(
    client_for, coordinator, municipality
):
    survey, _questions, _centres = build_survey(municipality, 5)
    sheet = _sheet(client_for(coordinator), survey)
    header = [cell.value for cell in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == 6

    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(header))}7"
    assert all(cell.font.bold for cell in sheet[1])

    submitted = header.index("Sendt inn")
    scale = next(i for i, h in enumerate(header) if h.endswith("fornøyd er dere med samarbeidet?"))
    answered = [row for row in rows if row[1].value == "Sendt inn"]
    assert len(answered) == 5
    for row in answered:
        assert isinstance(row[submitted].value, datetime.datetime)
        assert row[submitted].is_date and row[submitted].number_format == "dd.mm.yyyy hh:mm"
        assert row[scale].data_type == "n" and row[scale].value in {2, 3, 4, 5}
    silent = next(row for row in rows if row[1].value != "Sendt inn")
    assert silent[submitted].value is None and silent[scale].value is None
    # Names and texts stay text.
    assert all(row[0].data_type == "s" for row in rows)


def test_columns_are_as_wide_as_their_content_within_limits(client_for, coordinator, municipality):
    survey, _questions, _centres = build_survey(municipality, 5)
    sheet = _sheet(client_for(coordinator), survey)
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items()}
    header = [cell.value for cell in sheet[1]]
    assert len(widths) >= len(header)
    longest_name = max(len(row[0].value) for row in sheet.iter_rows(min_row=2))
    assert widths["A"] == max(longest_name, len("Frivilligsentral")) + 2
    # "Status" is short, but its filter button still fits; a question's text wraps at 60.
    assert xlsx.MIN_WIDTH <= widths["B"] < 20
    assert max(widths.values()) == xlsx.MAX_WIDTH


def test_the_helper_types_dates_numbers_and_text():
    data = xlsx.table_bytes(
        "Ark",
        ["Navn", "Dato", "Beløp", "Formel"],
        [["Klyve", datetime.date(2026, 6, 1), 480046, "=SUM(A1)"], ["Gulset", None, 1.5, ""]],
    )
    sheet = load_workbook(io.BytesIO(data)).active
    first, second = list(sheet.iter_rows(min_row=2))
    assert first[1].is_date and first[1].number_format == "dd.mm.yyyy"
    assert first[2].value == 480046 and first[2].data_type == "n"
    assert first[3].value == "'=SUM(A1)" and first[3].data_type == "s"
    assert second[1].value is None and second[2].value == 1.5
    assert sheet.auto_filter.ref == "A1:D3"
