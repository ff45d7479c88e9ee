"""The annual report: the leader fills it in from what the portal knows, uploads the
accounts and submits; submitted, it is read-only until the coordinator reopens it."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grants import forms as grant_forms
from grants.models import AnnualReport

from ..factories import PartnerFactory, TargetGroupFactory
from .conftest import MINIMAL_PDF
from .matrix import report_post

pytestmark = pytest.mark.django_db


def _url(grant_year, centre, name="grants:report"):
    return reverse(name, args=[grant_year.pk, centre.slug])


def _pdf(name="regnskap 2026.pdf", body=MINIMAL_PDF):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def test_the_report_starts_from_what_the_portal_knows(client, leader_a, grant_year, centre_a):
    TargetGroupFactory(centre=centre_a, rank=1, name="Seniorer")
    PartnerFactory(centre=centre_a, name="Klyve skole")
    client.force_login(leader_a)
    response = client.get(_url(grant_year, centre_a))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["target_groups"].value() == "– Seniorer"
    assert form["partners"].value() == "– Klyve skole"


def test_leader_submits_the_report_with_the_accounts_and_the_centre_qualifies(
    client, leader_a, coordinator, grant_year, centre_a, status_a, category
):
    client.force_login(leader_a)
    data = report_post(
        rows=[(category.pk, "Seniortreff", 25)],
        summary="Et godt år.",
        volunteers="40",
        volunteer_hours="3200",
        action="submit",
    )
    response = client.post(_url(grant_year, centre_a), {**data, "accounts_file": _pdf()})
    assert response.status_code == 302
    report = AnnualReport.objects.get(status=status_a)
    assert report.is_submitted and report.accounts and report.submitted_by == leader_a
    assert report.accounts_name == "regnskap 2026.pdf"
    assert report.accounts.name.startswith("grants/accounts/2026/")
    assert [a.name for a in report.activities.all()] == ["Seniortreff"]
    client.force_login(coordinator)
    overview = client.get(reverse("grants:year", args=[grant_year.pk]))
    row = next(r for r in overview.context["rows"] if r.centre == centre_a)
    assert row.qualifies, row.missing
    download = client.get(_url(grant_year, centre_a, "grants:accounts"))
    assert download.status_code == 200
    assert download.content == MINIMAL_PDF
    assert download["Content-Type"] == "application/pdf"
    assert "regnskap-klyve-naermiljosenter-2026.pdf" in download["Content-Disposition"]


def test_a_submitted_report_is_read_only_until_the_coordinator_reopens_it(
    client,
    leader_a,
    coordinator,
    grant_year,
    centre_a,
    status_a,
    django_capture_on_commit_callbacks,
):
    client.force_login(leader_a)
    client.post(
        _url(grant_year, centre_a),
        {**report_post(summary="Først", action="submit"), "accounts_file": _pdf()},
    )
    again = client.post(_url(grant_year, centre_a), report_post(summary="Endret", action="save"))
    assert again.status_code == 403
    page = client.get(_url(grant_year, centre_a))
    assert not page.context["can_write"]
    assert "Først" in page.content.decode()

    client.force_login(coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(grant_year, centre_a, "grants:report_reopen"))
    assert response.status_code == 302
    report = AnnualReport.objects.get(status=status_a)
    assert report.state == AnnualReport.State.DRAFT and report.reopened_at
    assert [m.to for m in mail.outbox] == [[leader_a.email]]
    assert report.history.count() >= 3  # created, submitted, reopened

    client.force_login(leader_a)
    changed = client.post(_url(grant_year, centre_a), report_post(summary="Endret", action="save"))
    assert changed.status_code == 302
    assert AnnualReport.objects.get(status=status_a).summary == "Endret"


def test_submitting_without_accounts_keeps_what_was_typed(
    client, leader_a, grant_year, centre_a, status_a
):
    client.force_login(leader_a)
    response = client.post(
        _url(grant_year, centre_a), report_post(summary="Mye å fortelle", action="submit")
    )
    assert response.status_code == 200
    assert "Last opp det godkjente regnskapet" in response.content.decode()
    assert response.context["form"]["summary"].value() == "Mye å fortelle"
    assert not AnnualReport.objects.filter(status=status_a, state="submitted").exists()


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("regnskap.docx", b"PK\x03\x04 word", "Filen er ikke en PDF"),
        ("regnskap.pdf", b"<html><body>Ikke en PDF</body></html>", "Filen er ikke en PDF"),
        ("regnskap.pdf", b"", "Filen er ikke en PDF"),
    ],
)
def test_an_upload_that_is_not_a_pdf_is_refused(
    client, leader_a, grant_year, centre_a, status_a, name, body, message
):
    client.force_login(leader_a)
    upload = SimpleUploadedFile(name, body, content_type="application/pdf")
    response = client.post(
        _url(grant_year, centre_a),
        {**report_post(summary="Teksten blir", action="save"), "accounts_file": upload},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page or "Filen er tom" in page
    assert response.context["form"]["summary"].value() == "Teksten blir"
    assert not AnnualReport.objects.filter(status=status_a).exclude(accounts="").exists()


def test_an_upload_that_is_too_large_is_refused(
    client, leader_a, grant_year, centre_a, status_a, monkeypatch
):
    monkeypatch.setattr(grant_forms, "MAX_ACCOUNTS_BYTES", 1000)
    client.force_login(leader_a)
    big = _pdf(body=MINIMAL_PDF + b"0" * 2000)
    response = client.post(
        _url(grant_year, centre_a), {**report_post(action="save"), "accounts_file": big}
    )
    assert response.status_code == 200
    assert "Filen er for stor" in response.content.decode()


def test_the_real_size_limit_is_ten_megabytes():
    assert grant_forms.MAX_ACCOUNTS_BYTES == 10 * 1024 * 1024


def test_a_new_accounts_file_replaces_the_old(
    client, leader_a, grant_year, centre_a, status_a, django_capture_on_commit_callbacks
):
    client.force_login(leader_a)
    url = _url(grant_year, centre_a)
    client.post(url, {**report_post(action="save"), "accounts_file": _pdf()})
    old = AnnualReport.objects.get(status=status_a).accounts
    storage, old_name = old.storage, old.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**report_post(action="save"), "accounts_file": _pdf("ny.pdf")})
    new = AnnualReport.objects.get(status=status_a).accounts
    assert new.name != old_name and storage.exists(new.name)
    assert not storage.exists(old_name)


def test_other_leaders_get_404_on_the_report_and_its_accounts(
    client, leader_b, reader, other_coordinator, grant_year, centre_a, status_a
):
    report = AnnualReport(status=status_a)
    report.accounts.save("x.pdf", SimpleUploadedFile("x.pdf", MINIMAL_PDF), save=True)
    for user in (leader_b, reader, other_coordinator):
        client.force_login(user)
        for name in ("grants:report", "grants:accounts", "grants:status"):
            assert client.get(_url(grant_year, centre_a, name)).status_code == 404, (user, name)
        assert client.post(_url(grant_year, centre_a), report_post()).status_code == 404


def test_accounts_are_not_served_from_a_public_media_url(client, settings):
    assert not getattr(settings, "MEDIA_URL", "").strip("/")


def test_an_activity_in_another_municipalitys_category_is_refused(
    client, leader_a, grant_year, centre_a, status_a, other_municipality
):
    from .factories import ActivityCategoryFactory

    foreign = ActivityCategoryFactory(municipality=other_municipality, name="Drammens kategori")
    client.force_login(leader_a)
    response = client.post(
        _url(grant_year, centre_a), report_post(rows=[(foreign.pk, "Treff", 5)], action="save")
    )
    assert response.status_code == 200
    assert response.context["activities"].errors[0]["category"]
    assert not AnnualReport.objects.filter(status=status_a).exists()
