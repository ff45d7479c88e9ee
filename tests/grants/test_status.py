"""A centre's status for the year: the coordinator assesses, records the decision and
the centre is told it can appeal; the leader sees the own status and fills in the
evidence; the reminders before the internal deadline."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from grants import services
from grants.models import CentreGrantStatus, Result
from grants.overview import centre_rows

from .factories import StatusFactory

pytestmark = pytest.mark.django_db


def _url(name, grant_year, centre):
    return reverse(name, args=[grant_year.pk, centre.slug])


def test_leader_sees_own_status_and_what_is_missing(client, leader_a, grant_year, centre_a):
    client.force_login(leader_a)
    response = client.get(_url("grants:status", grant_year, centre_a))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dette mangler" in page
    assert "Årsrapporten er ikke sendt inn" in page
    assert response.context["can_edit_evidence"] and not response.context["can_manage"]
    assert "Vurder vilkårene" not in page


def test_leader_fills_in_the_evidence_and_sees_the_local_share(
    client, leader_a, grant_year, centre_a
):
    client.force_login(leader_a)
    response = client.post(
        _url("grants:evidence", grant_year, centre_a),
        {
            "owner_name": "Klyve Vel",
            "owner_org_number": "",
            "owner_in_register": "true",
            "host_org_number": "",
            "advisory_members": "Kari (Røde Kors)\nOla (Idrettslaget)",
            "premises": "Klyve skole",
            "fte": "1,5",
            "income_municipality": "250000",
            "income_other_public": "20000",
            "income_private": "30000",
            "income_own": "25000",
        },
    )
    assert response.status_code == 302
    status = CentreGrantStatus.objects.get(grant_year=grant_year, centre=centre_a)
    assert status.local_funding == 325000 and status.meets_local_floor
    assert str(status.fte) == "1.50"
    page = client.get(_url("grants:status", grant_year, centre_a)).content.decode()
    assert "325\xa0000 kr (40,4\xa0%)" in page or "325\xa0000 kr (40,4 %)" in page


def test_bad_evidence_is_refused_next_to_the_field_and_kept(client, leader_a, grant_year, centre_a):
    client.force_login(leader_a)
    response = client.post(
        _url("grants:evidence", grant_year, centre_a),
        {
            "owner_name": "Klyve Vel",
            "owner_org_number": "12345",
            "income_municipality": "-5",
            "fte": "en",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"owner_org_number", "income_municipality", "fte"}
    assert form["owner_name"].value() == "Klyve Vel"


def test_coordinator_assesses_each_condition_with_a_note(client, coordinator, grant_year, centre_a):
    client.force_login(coordinator)
    url = _url("grants:assess", grant_year, centre_a)
    assert client.get(url).status_code == 200
    conditions = list(grant_year.conditions.all())
    data = {f"result_{c.pk}": Result.MET for c in conditions}
    funding = grant_year.conditions.get(kind="local_funding")
    data[f"result_{funding.pk}"] = Result.NOT_MET
    data[f"note_{funding.pk}"] = "Under 40 % i budsjettet for 2026"
    assert client.post(url, data).status_code == 302
    status = CentreGrantStatus.objects.get(grant_year=grant_year, centre=centre_a)
    assessment = status.assessments.get(condition=funding)
    assert (assessment.result, assessment.note, assessment.assessed_by) == (
        Result.NOT_MET,
        "Under 40 % i budsjettet for 2026",
        coordinator,
    )
    page = client.get(_url("grants:status", grant_year, centre_a)).content.decode()
    assert "Ikke oppfylt: Har lokal finansiering på minst 40 % av driftsinntektene" in page


def test_an_unknown_result_is_refused(client, coordinator, grant_year, centre_a):
    client.force_login(coordinator)
    condition = grant_year.conditions.first()
    response = client.post(
        _url("grants:assess", grant_year, centre_a), {f"result_{condition.pk}": "kanskje"}
    )
    assert response.status_code == 200
    assert not CentreGrantStatus.objects.filter(centre=centre_a).exists()


def test_the_decision_records_reasons_date_and_who_and_tells_the_centre_it_can_appeal(
    client, coordinator, leader_a, grant_year, centre_a, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    url = _url("grants:decision", grant_year, centre_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "exclude": "yes",
                "reasons": "Lokal finansiering under 40 %.",
                "decided_on": "2027-05-20",
            },
        )
    assert response.status_code == 302
    status = CentreGrantStatus.objects.get(grant_year=grant_year, centre=centre_a)
    assert status.excluded and status.decided_by == coordinator
    assert status.decided_on == datetime.date(2027, 5, 20)
    assert status.exclusion_reasons == "Lokal finansiering under 40 %."
    (message,) = mail.outbox
    assert message.to == [leader_a.email]
    assert "enkeltvedtak" in message.body and "klage" in message.body
    assert "Lokal finansiering under 40 %." in message.body
    client.force_login(leader_a)
    page = client.get(_url("grants:status", grant_year, centre_a)).content.decode()
    assert "Sentralen kan klage til kommunen" in page
    overview_row = centre_rows(grant_year)[0]
    assert overview_row.excluded and not overview_row.qualifies


def test_a_decision_without_reasons_is_refused(client, coordinator, grant_year, centre_a):
    client.force_login(coordinator)
    response = client.post(
        _url("grants:decision", grant_year, centre_a),
        {"exclude": "yes", "reasons": " ", "decided_on": "2027-05-20"},
    )
    assert response.status_code == 200
    assert "reasons" in response.context["form"].errors


def test_reminders_go_to_centres_with_something_missing_once_a_day(
    grant_year,
    centre_a,
    centre_b,
    leader_a,
    leader_b,
    status_a,
    django_capture_on_commit_callbacks,
):
    from grants.models import AnnualReport

    from .conftest import meet_all

    AnnualReport.objects.create(status=status_a, state="submitted", accounts="x.pdf")
    meet_all(StatusFactory(grant_year=grant_year, centre=centre_b))
    today = grant_year.internal_deadline - datetime.timedelta(days=5)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_missing(grant_year=grant_year, today=today, days=7, now=now) == 1
    (message,) = mail.outbox
    assert message.to == [leader_b.email]
    assert "Årsrapporten er ikke sendt inn" in message.body
    assert services.remind_missing(grant_year=grant_year, today=today, days=7, now=now) == 0
    early = grant_year.internal_deadline - datetime.timedelta(days=30)
    assert services.remind_missing(grant_year=grant_year, today=early, days=7) == 0


def test_the_reminder_command_runs(grant_year, centre_b, leader_b, monkeypatch):
    import io

    from django.core.management import call_command

    monkeypatch.setattr(timezone, "localdate", lambda: grant_year.internal_deadline)
    out = io.StringIO()
    call_command("send_grant_reminders", "--dry-run", stdout=out)
    assert "[dry run] Reminded 1 centre(s)." in out.getvalue()


def test_the_status_page_shows_the_change_log_to_the_coordinator(
    client, coordinator, leader_a, grant_year, centre_a, status_a
):
    client.force_login(coordinator)
    response = client.get(_url("grants:status", grant_year, centre_a))
    assert response.context["changelog"] is not None
    assert "Endringslogg" in response.content.decode()
    full = client.get(reverse("changelog", args=["tilskudd", status_a.pk]))
    assert full.status_code == 200
    client.force_login(leader_a)
    assert client.get(_url("grants:status", grant_year, centre_a)).context["changelog"] is None
    assert client.get(reverse("changelog", args=["tilskudd", status_a.pk])).status_code == 403


@pytest.mark.parametrize("name", ["grants:status", "grants:report", "grants:assess"])
def test_a_centre_page_costs_the_same_queries_however_much_it_holds(
    client, coordinator, leader_a, grant_year, centre_a, status_a, category, query_count, name
):
    from grants.models import AnnualReport

    report = AnnualReport.objects.create(status=status_a, summary="Et år")
    user = leader_a if name == "grants:report" else coordinator
    client.force_login(user)
    url = _url(name, grant_year, centre_a)
    few = query_count.get(client, url)
    for n in range(8):
        report.activities.create(category=category, name=f"Aktivitet {n}", order=n)
    for n in range(6):
        grant_year.conditions.create(text=f"Vilkår {n}", order=20 + n)
    assert query_count.get(client, url) == few


def test_the_personal_data_export_holds_the_grant_records(
    grant_year, centre_a, coordinator, leader_a, status_a
):
    from accounts.personal_data import named_in, sections
    from grants.models import AnnualReport

    AnnualReport.objects.create(status=status_a, state="submitted", submitted_by=leader_a)
    services.decide(
        grant_year=grant_year,
        centre=centre_a,
        exclude=True,
        reasons="Under 40 %.",
        decided_on=datetime.date(2027, 5, 20),
        by=coordinator,
        quiet=True,
    )
    assert [r["status__centre__name"] for r in sections(leader_a)["grant_reports_submitted"]] == [
        "Klyve nærmiljøsenter"
    ]
    assert sections(coordinator)["grant_decisions_made"][0]["excluded"] is True
    assert len(sections(coordinator)["grant_assessments_made"]) == 8
    assert named_in("Kari Nordmann")["grant_advisory_bodies"][0]["centre__name"] == (
        "Klyve nærmiljøsenter"
    )
