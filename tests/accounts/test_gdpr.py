"""An administrator exports a person's data and deactivates and anonymises a person, in
the Django admin; nobody else can (GDPR)."""

import datetime
import json

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import User
from surveys.models import SurveyResponse
from tests.factories import (
    AgreementCommentFactory,
    AgreementFactory,
    ContactPersonFactory,
    FollowUpFactory,
    SurveyFactory,
    SurveyResponseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def export_url(user):
    return reverse("admin:accounts_user_personal_data", args=[user.pk])


def anonymise_url(user):
    return reverse("admin:accounts_user_anonymise", args=[user.pk])


def changelist_url():
    return reverse("admin:accounts_user_changelist")


def failed_login(username, *, days_ago=0, ip_address="192.0.2.10"):
    attempt = AccessAttempt.objects.create(
        username=username,
        ip_address=ip_address,
        user_agent="Firefox",
        http_accept="text/html",
        path_info="/konto/logg-inn/",
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    # attempt_time is auto_now_add: move it back afterwards.
    when = timezone.now() - datetime.timedelta(days=days_ago)
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=when)
    return attempt


@pytest.fixture
def leader(leader_a, centre_a, coordinator, common_meeting):
    """A leader who has written, saved and been named in things across the portal."""
    User.objects.filter(pk=leader_a.pk).update(first_name="Kari", last_name="Nordmann")
    leader_a.refresh_from_db()
    survey = SurveyFactory(municipality=centre_a.municipality, title="Runde 2025")
    SurveyResponseFactory(
        survey=survey,
        centre=centre_a,
        status=SurveyResponse.Status.SUBMITTED,
        updated_by=leader_a,
        submitted_by=leader_a,
        submitted_at=timezone.now(),
    )
    agreement = AgreementFactory(centre=centre_a, centre_signatory="Kari Nordmann")
    AgreementCommentFactory(agreement=agreement, author=leader_a, text="Vi ønsker flere møter.")
    ContactPersonFactory(centre=centre_a, name="Kari Nordmann", email=leader_a.email)
    FollowUpFactory(meeting=common_meeting, text="Sende tall", responsible="Kari Nordmann")
    failed_login(leader_a.username)
    return leader_a


# Export


def test_admin_downloads_everything_about_a_person_as_json(client_for, admin_user, leader):
    response = client_for(admin_user).get(export_url(leader))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="persondata-leder-a.json"'
    body = response.content.decode("utf-8")
    assert "\n  " in body, "pretty-printed"
    assert "Vi ønsker flere møter." in body, "UTF-8, not escaped"
    data = json.loads(body)
    assert data["user"]["username"] == "leder-a"
    assert data["user"]["first_name"] == "Kari"
    assert data["user"]["role"] == "leader"
    assert data["user"]["centre"]["name"] == "Klyve nærmiljøsenter"
    assert data["user"]["municipality"]["name"] == "Skien"
    assert [r["survey__title"] for r in data["survey_responses_submitted"]] == ["Runde 2025"]
    assert [r["survey__title"] for r in data["survey_responses_saved"]] == ["Runde 2025"]
    assert [c["text"] for c in data["agreement_comments"]] == ["Vi ønsker flere møter."]
    assert [c["email"] for c in data["centre_contact_entries"]] == [leader.email]
    assert [a["centre_signatory"] for a in data["named_in"]["agreements"]] == ["Kari Nordmann"]
    assert [f["text"] for f in data["named_in"]["follow_ups"]] == ["Sende tall"]
    assert [a["ip_address"] for a in data["security"]["accessattempt"]] == ["192.0.2.10"]


def test_the_export_holds_no_password_hash(client_for, admin_user, leader):
    body = client_for(admin_user).get(export_url(leader)).content.decode()

    assert leader.password not in body
    assert '"password"' not in body


def test_the_export_holds_the_changes_the_person_made_in_the_history(
    client_for, admin_user, leader, centre_a
):
    if not services.history_models():
        pytest.skip("no model keeps a change history yet")
    history = type(centre_a).history.model
    centre_a.save()
    history.objects.filter(id=centre_a.pk).update(history_user=leader)

    data = json.loads(client_for(admin_user).get(export_url(leader)).content)

    assert {"model": "centres.centre", "object_id": centre_a.pk}.items() <= next(
        record for record in data["change_history"] if record["model"] == "centres.centre"
    ).items()


def test_the_export_is_recorded_in_the_users_admin_history(client_for, admin_user, leader):
    client_for(admin_user).get(export_url(leader))

    entry = LogEntry.objects.get(object_id=str(leader.pk))
    assert entry.user == admin_user
    assert entry.get_change_message() == "Persondata eksportert."


def test_the_change_page_offers_export_and_anonymisation(client_for, admin_user, leader):
    page = client_for(admin_user).get(reverse("admin:accounts_user_change", args=[leader.pk]))

    assert export_url(leader) in page.content.decode()
    assert anonymise_url(leader) in page.content.decode()


def test_the_export_action_downloads_one_person(client_for, admin_user, leader):
    response = client_for(admin_user).post(
        changelist_url(), {"action": "export_personal_data", "_selected_action": [leader.pk]}
    )

    assert response["Content-Disposition"] == 'attachment; filename="persondata-leder-a.json"'
    assert json.loads(response.content)["user"]["id"] == leader.pk


def test_the_export_action_asks_for_one_person_at_a_time(
    client_for, admin_user, leader, coordinator
):
    response = client_for(admin_user).post(
        changelist_url(),
        {"action": "export_personal_data", "_selected_action": [leader.pk, coordinator.pk]},
        follow=True,
    )

    assert "Velg én bruker for å eksportere persondata." in response.content.decode()


# Anonymisation


def test_anonymising_asks_for_confirmation_first(client_for, admin_user, leader):
    page = client_for(admin_user).get(anonymise_url(leader))

    assert page.status_code == 200
    assert "Kari Nordmann" in page.content.decode()
    assert "Ja, deaktiver og anonymiser" in page.content.decode()
    leader.refresh_from_db()
    assert leader.is_active and leader.anonymised_at is None


def test_anonymising_removes_what_identifies_the_person(client_for, admin_user, leader):
    response = client_for(admin_user).post(anonymise_url(leader))

    assert response.status_code == 302
    leader.refresh_from_db()
    assert leader.username == f"anonymisert-{leader.pk}"
    assert (leader.first_name, leader.last_name, leader.email) == ("", "", "")
    assert not leader.is_active
    assert not leader.has_usable_password()
    assert not leader.check_password("demo")
    assert leader.get_full_name() == "Anonymisert bruker"


def test_anonymising_is_recorded_with_who_and_when(client_for, admin_user, leader):
    client_for(admin_user).post(anonymise_url(leader))

    leader.refresh_from_db()
    assert leader.anonymised_by == admin_user
    assert timezone.now() - leader.anonymised_at < datetime.timedelta(minutes=1)
    entry = LogEntry.objects.get(object_id=str(leader.pk))
    assert entry.user == admin_user
    assert entry.get_change_message() == "Deaktivert og anonymisert."


def test_anonymising_ends_the_persons_sessions(client, admin_user, leader):
    client.force_login(leader)
    assert client.get(reverse("dashboard")).status_code == 200
    assert Session.objects.count() == 1

    services.anonymise_user(leader, by=admin_user)

    assert Session.objects.count() == 0
    assert client.get(reverse("dashboard")).status_code == 302


def test_what_the_person_wrote_stays_and_shows_an_anonymised_author(
    client_for, admin_user, leader, coordinator
):
    client_for(admin_user).post(anonymise_url(leader))

    response = SurveyResponse.objects.get()
    assert response.submitted_by == leader
    page = client_for(coordinator).get(reverse("surveys:detail", args=[response.survey_id]))
    assert "Anonymisert bruker" in page.content.decode()
    assert "Kari Nordmann" not in page.content.decode()


def test_the_anonymise_action_confirms_then_anonymises(client_for, admin_user, leader):
    client = client_for(admin_user)
    selected = {"action": "anonymise", "_selected_action": [leader.pk]}

    page = client.post(changelist_url(), selected)
    assert "Ja, deaktiver og anonymiser" in page.content.decode()
    leader.refresh_from_db()
    assert leader.anonymised_at is None

    response = client.post(changelist_url(), {**selected, "confirm": "yes"}, follow=True)
    assert "1 bruker er deaktivert og anonymisert." in response.content.decode()
    leader.refresh_from_db()
    assert leader.anonymised_at is not None


def test_an_administrator_cannot_anonymise_themselves(client_for, admin_user):
    response = client_for(admin_user).post(anonymise_url(admin_user), follow=True)

    assert "Du kan ikke anonymisere din egen bruker." in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_active and admin_user.anonymised_at is None


# Who may


@pytest.mark.parametrize("url", [export_url, anonymise_url])
def test_a_coordinator_gets_no_access(client_for, coordinator, leader, url):
    response = client_for(coordinator).get(url(leader))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.fixture
def staff_member(db):
    user = UserFactory(username="stab", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=["view_user", "change_user"]))
    return user


@pytest.mark.parametrize("url", [export_url, anonymise_url])
def test_staff_who_are_not_superusers_are_refused(client_for, staff_member, leader, url):
    assert client_for(staff_member).get(url(leader)).status_code == 403
    assert client_for(staff_member).post(url(leader)).status_code == 403
    leader.refresh_from_db()
    assert leader.anonymised_at is None


def test_staff_who_are_not_superusers_are_not_offered_the_actions(client_for, staff_member, leader):
    page = client_for(staff_member).get(changelist_url()).content.decode()

    assert 'value="export_personal_data"' not in page
    assert 'value="anonymise"' not in page

    client_for(staff_member).post(
        changelist_url(), {"action": "anonymise", "_selected_action": [leader.pk], "confirm": "yes"}
    )
    leader.refresh_from_db()
    assert leader.anonymised_at is None


# Retention


def test_retention_deletes_security_data_older_than_90_days(db, leader_a):
    old = failed_login("leder-a", days_ago=91)
    recent = failed_login("leder-a", days_ago=89, ip_address="192.0.2.11")
    AccessLog.objects.create(username="leder-a", user_agent="x", http_accept="x", path_info="/")
    AccessLog.objects.update(attempt_time=timezone.now() - datetime.timedelta(days=100))

    call_command("apply_retention")

    assert list(AccessAttempt.objects.all()) == [recent]
    assert not AccessAttempt.objects.filter(pk=old.pk).exists()
    assert not AccessLog.objects.exists()


def test_retention_deletes_expired_sessions(client, leader_a):
    client.force_login(leader_a)
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))

    call_command("apply_retention")

    assert not Session.objects.exists()


def test_retention_anonymises_accounts_deactivated_and_unused_for_a_year(db):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    stale = UserFactory(username="sluttet", is_active=False, last_login=long_ago)
    recent = UserFactory(
        username="permisjon",
        is_active=False,
        last_login=timezone.now() - datetime.timedelta(days=100),
    )
    active = UserFactory(username="aktiv", last_login=long_ago)

    call_command("apply_retention")

    stale.refresh_from_db(), recent.refresh_from_db(), active.refresh_from_db()
    assert stale.anonymised_at is not None and stale.anonymised_by is None
    assert recent.anonymised_at is None and recent.username == "permisjon"
    assert active.anonymised_at is None


def test_retention_dry_run_counts_and_changes_nothing(db, capsys):
    failed_login("leder-a", days_ago=120)
    UserFactory(is_active=False, last_login=timezone.now() - datetime.timedelta(days=400))

    call_command("apply_retention", "--dry-run")

    out = capsys.readouterr().out
    assert "Ville slettet: 1 innloggingsforsøk" in out
    assert "Ville anonymisert 1 deaktiverte brukere." in out
    assert AccessAttempt.objects.count() == 1
    assert not User.objects.filter(anonymised_at__isnull=False).exists()
