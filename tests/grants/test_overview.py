"""The coordinator's grant year: who qualifies, who lacks what, the deadline, and the
application basis as XLSX and PDF."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from grants.models import AnnualReport, Result

from ..factories import CentreFactory
from .conftest import meet_all
from .factories import GrantYearFactory, StatusFactory

pytestmark = pytest.mark.django_db


def test_the_floors_are_computed_from_the_rate_and_the_share(grant_year):
    assert grant_year.budget_floor == 800077
    assert grant_year.local_floor == 320031
    assert grant_year.floors_text == (
        "minst 320\xa0031 kr lokal finansiering, budsjett minst 800\xa0077 kr"
    )


def test_a_new_year_copies_last_years_conditions(municipality):
    last = GrantYearFactory(municipality=municipality, year=2025)
    last.conditions.filter(kind="purpose").update(text="Formålet, slik det står i 2025")
    new = GrantYearFactory(municipality=municipality, year=2026)
    assert new.conditions.count() == 8
    assert new.conditions.first().text == "Formålet, slik det står i 2025"


def _submit(status):
    AnnualReport.objects.create(
        status=status, state=AnnualReport.State.SUBMITTED, accounts="grants/accounts/x.pdf"
    )


def test_overview_shows_who_qualifies_and_what_the_others_lack(
    client, coordinator, grant_year, centre_a, centre_b, status_a
):
    _submit(status_a)
    below = StatusFactory(grant_year=grant_year, centre=centre_b, income_municipality=100000)
    client.force_login(coordinator)
    response = client.get(reverse("grants:year", args=[grant_year.pk]))
    assert response.status_code == 200
    rows = {row.centre.slug: row for row in response.context["rows"]}
    assert rows["klyve"].qualifies
    gulset = rows["gulset"]
    assert not gulset.qualifies
    assert "Årsrapporten er ikke sendt inn" in gulset.missing
    assert "Regnskapet er ikke lastet opp" in gulset.missing
    assert any("Ikke oppfylt: Har lokal finansiering" in item for item in gulset.missing)
    assert below.local_share < 40
    page = response.content.decode()
    assert "Søknadsfrist 1. juni 2027" in page
    assert "minst 320\xa0031 kr lokal finansiering, budsjett minst 800\xa0077 kr" in page


def test_an_assessment_overrides_what_the_evidence_says(grant_year, centre_a, status_a):
    from grants.overview import centre_row

    condition = grant_year.conditions.get(kind="local_funding")
    status_a.assessments.filter(condition=condition).update(
        result=Result.NOT_MET, note="Kommunens bidrag er ikke vedtatt"
    )
    row = centre_row(grant_year, centre_a)
    line = next(ln for ln in row.lines if ln.condition == condition)
    assert (line.result, line.automatic, line.note) == (
        Result.NOT_MET,
        False,
        "Kommunens bidrag er ikke vedtatt",
    )


def test_overview_costs_the_same_queries_for_two_and_twelve_centres(
    client, coordinator, grant_year, municipality, query_count
):
    client.force_login(coordinator)
    url = reverse("grants:year", args=[grant_year.pk])
    for _n in range(2):
        meet_all(
            StatusFactory(grant_year=grant_year, centre=CentreFactory(municipality=municipality))
        )
    few = query_count.get(client, url)
    for _n in range(10):
        meet_all(
            StatusFactory(grant_year=grant_year, centre=CentreFactory(municipality=municipality))
        )
    assert query_count.get(client, url) == few


def test_basis_xlsx_has_a_row_per_centre_with_the_local_share(
    client, coordinator, grant_year, centre_a, centre_b, status_a
):
    client.force_login(coordinator)
    response = client.get(reverse("grants:basis_xlsx", args=[grant_year.pk]))
    assert response.status_code == 200
    assert "soknadsgrunnlag-skien-2026.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0].startswith("Minst 320")
    headings = rows[2]
    klyve = next(r for r in rows if r[0] == "Klyve nærmiljøsenter")
    assert klyve[headings.index("Lokal finansiering (kr)")] == 340000
    assert klyve[headings.index("Lokal andel (%)")] == round(100 * 340000 / 820046, 1)
    assert any(r[0] == "Gulset nærmiljøsenter" for r in rows)


def test_basis_pdf_is_a_pdf(client, coordinator, grant_year, status_a):
    client.force_login(coordinator)
    response = client.get(reverse("grants:basis_pdf", args=[grant_year.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
