"""The demo's 2026 grant year in Skien, tried as the issue's "Done when" reads: the
coordinator sees who qualifies and why not, Gulset's leader submits the annual report
with its accounts and the overview turns green for it, the coordinator records the
decision about the municipal centre and downloads the application basis."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from grants.models import GrantYear

from .conftest import MINIMAL_PDF
from .matrix import report_post

pytestmark = pytest.mark.django_db


def _rows(client, grant_year):
    response = client.get(reverse("grants:year", args=[grant_year.pk]))
    assert response.status_code == 200
    return response, {row.centre.slug: row for row in response.context["rows"]}


def test_the_demo_year_as_the_coordinator_sees_it(client, demo):
    grant_year = GrantYear.objects.get(municipality__slug="skien", year=2026)
    assert (grant_year.rate, grant_year.local_floor, grant_year.budget_floor) == (
        480046,
        320031,
        800077,
    )
    client.force_login(User.objects.get(username="koordinator-skien"))
    response, rows = _rows(client, grant_year)
    assert {slug for slug, row in rows.items() if row.qualifies} == {
        "klyve",
        "frogner",
        "bakken",
        "smk",
    }
    assert rows["gulset"].missing == [
        "Årsrapporten er ikke sendt inn",
        "Regnskapet er ikke lastet opp",
    ]
    municipal = rows["kommunal-frivilligsentral"]
    (not_met,) = municipal.not_met
    assert not_met.condition.kind == "local_funding" and "Menstad til Lie" in not_met.note
    assert municipal.status.local_share < 40
    page = response.content.decode()
    assert "Søknadsfrist 1. juni 2027" in page


def test_gulset_submits_and_turns_green_and_the_municipal_centre_is_left_out(
    client, demo, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    grant_year = GrantYear.objects.get(municipality__slug="skien", year=2026)
    client.force_login(User.objects.get(username="leder-gulset"))
    url = reverse("grants:report", args=[grant_year.pk, "gulset"])
    form = client.get(url).context["form"]
    data = report_post(summary=form["summary"].value(), action="submit")
    upload = SimpleUploadedFile("Regnskap 2026.pdf", MINIMAL_PDF, content_type="application/pdf")
    assert client.post(url, {**data, "accounts_file": upload}).status_code == 302

    client.force_login(User.objects.get(username="koordinator-skien"))
    _response, rows = _rows(client, grant_year)
    assert rows["gulset"].qualifies

    decision = reverse("grants:decision", args=[grant_year.pk, "kommunal-frivilligsentral"])
    page = client.get(decision)
    assert "Ikke oppfylt: Har lokal finansiering" in page.context["form"]["reasons"].value()
    response = client.post(
        decision,
        {"exclude": "yes", "reasons": "Lokal finansiering under 40 %.", "decided_on": "2027-05-20"},
    )
    assert response.status_code == 302
    _response, rows = _rows(client, grant_year)
    assert rows["kommunal-frivilligsentral"].excluded
    xlsx = client.get(reverse("grants:basis_xlsx", args=[grant_year.pk]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    pdf = client.get(reverse("grants:basis_pdf", args=[grant_year.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
