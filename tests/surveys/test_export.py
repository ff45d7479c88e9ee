"""CSV for Norwegian Excel and XLSX, checked cell by cell."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from surveys.models import Answer

from .results_data import build_survey


def _survey_with_dangerous_answers(municipality):
    survey, questions, centres = build_survey(municipality, 5)
    goals = {a.response.centre.slug: a for a in Answer.objects.filter(question=questions["goals"])}
    for centre, text in zip(
        centres, ["=1+1", "+47 35 58 10 00", "-2", "@SUM(A1)", "\tæøå ÆØÅ"], strict=True
    ):
        goals[centre.slug].text = text
        goals[centre.slug].save()
    return survey, questions, centres


def _csv_rows(client, survey):
    response = client.get(reverse("surveys:export_csv", args=[survey.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="undersokelse-2025.csv"'
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())  # BOM: Excel reads UTF-8
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_csv_has_a_row_per_centre_and_a_column_per_question_with_follow_ups(
    client_for, coordinator, municipality
):
    survey, _questions, _centres = _survey_with_dangerous_answers(municipality)
    rows = _csv_rows(client_for(coordinator), survey)
    header = rows[0]
    assert header[:4] == [
        "Frivilligsentral",
        "Status",
        "Sendt inn",
        "1. Nevn de tre viktigste målgruppene for frivilligsentralen (nr. 1)",
    ]
    assert header[5] == "1. Nevn de tre viktigste målgruppene for frivilligsentralen (nr. 3)"
    assert "3a. Hvis nei: Hvordan mener du samhandlingen bør foregå?" in header
    assert (
        "4a. Hvis ja: Hvordan tenker dere det er best å jobbe videre – individuelt eller felles?"
        in header
    )
    assert len(rows) == 1 + 6  # five answered, one has not
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    bakken = by_name["Bakken nærmiljøsenter 003"]
    assert bakken["Status"] == "Sendt inn"
    assert (
        bakken["1. Nevn de tre viktigste målgruppene for frivilligsentralen (nr. 2)"]
        == "Flyktninger"
    )
    assert bakken[
        header[header.index("3a. Hvis nei: Hvordan mener du samhandlingen bør foregå?")]
    ] == ("Vi tror det er hensiktsmessig med noe hyppigere møter")
    assert (
        bakken["3. Er den formaliserte samhandlingen mellom kommunen og sentralene på rett nivå?"]
        == "Nei"
    )
    way = [h for h in header if h.startswith("4a.")][0]
    assert bakken[way] == "Individuelt, Felles"
    silent = by_name["Zz kommunal sentral"]
    assert silent["Status"] == "Ikke påbegynt" and set(list(silent.values())[3:]) == {""}


def test_csv_escapes_cells_a_spreadsheet_would_run_as_formulas(
    client_for, coordinator, municipality
):
    survey, _questions, _centres = _survey_with_dangerous_answers(municipality)
    rows = _csv_rows(client_for(coordinator), survey)
    column = rows[0].index("2. Hva er frivilligsentralens mål for 2025–2026?")
    goals = {row[0][:6]: row[column] for row in rows[1:]}
    assert goals["Klyve "] == "'=1+1"
    assert goals["Frogne"] == "'+47 35 58 10 00"
    assert goals["Bakken"] == "'-2"
    assert goals["SMK næ"] == "'@SUM(A1)"
    assert goals["Gulset"] == "'\tæøå ÆØÅ"


def test_xlsx_holds_the_same_table_as_text_with_no_formula(client_for, coordinator, municipality):
    survey, _questions, _centres = _survey_with_dangerous_answers(municipality)
    response = client_for(coordinator).get(reverse("surveys:export_xlsx", args=[survey.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="undersokelse-2025.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value or "" for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Frivilligsentral"
    assert rows[0][3] == "1. Nevn de tre viktigste målgruppene for frivilligsentralen (nr. 1)"
    column = rows[0].index("2. Hva er frivilligsentralens mål for 2025–2026?")
    goals = {row[0][:6]: row[column] for row in rows[1:]}
    assert goals == {
        "Klyve ": "'=1+1",
        "Frogne": "'+47 35 58 10 00",
        "Bakken": "'-2",
        "SMK næ": "'@SUM(A1)",
        "Gulset": "'\tæøå ÆØÅ",
        "Zz kom": "",
    }
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    assert "3a. Hvis nei: Hvordan mener du samhandlingen bør foregå?" in rows[0]
    bakken = next(row for row in rows if row[0].startswith("Bakken"))
    assert bakken[rows[0].index("3a. Hvis nei: Hvordan mener du samhandlingen bør foregå?")] == (
        "Vi tror det er hensiktsmessig med noe hyppigere møter"
    )
