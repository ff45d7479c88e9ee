"""The coordinator invites people by e-mail, sees who is invited and active, changes a
role and deactivates an account; the invited person chooses a password once."""

import datetime
import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import people
from accounts.models import Invitation, User


def _invite(client, **overrides):
    data = {
        "first_name": "Nina",
        "last_name": "Lie",
        "email": "nina.lie@example.no",
        "role": "leader",
        "centre": "",
    }
    data.update(overrides)
    return client.post(reverse("person_invite"), data)


def _link(message) -> str:
    return re.search(r"https?://\S+/konto/invitasjon/\S+/", message.body).group(0)


def test_the_invitation_email_link_works_once_and_signs_the_person_in(
    client_for, coordinator, centre_a, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, centre=centre_a.pk)
    assert response.status_code == 302 and response.url == reverse("people")
    nina = User.objects.get(email="nina.lie@example.no")
    assert (nina.role, nina.centre, nina.municipality) == (
        "leader",
        centre_a,
        centre_a.municipality,
    )
    assert not nina.is_active and not nina.has_usable_password()
    [message] = mail.outbox
    assert message.to == ["nina.lie@example.no"]
    assert "Klyve nærmiljøsenter" in message.body and "som daglig leder" in message.body
    path = _link(message).split("localhost:8000", 1)[-1]

    client.logout()
    page = client.get(path)
    assert page.status_code == 200 and "nina.lie@example.no" in page.content.decode()
    weak = client.post(path, {"new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 200 and "passord" in weak.content.decode().lower()
    password = "Et godt langt passord 2026"
    done = client.post(path, {"new_password1": password, "new_password2": password})

    assert done.status_code == 302 and done.url == reverse("dashboard")
    assert client.get(reverse("dashboard")).context["user"] == nina
    nina.refresh_from_db()
    assert nina.is_active and nina.check_password(password)
    # The link is used up.
    client.logout()
    again = client.get(path)
    assert again.status_code == 404 and "Lenken virker ikke" in again.content.decode()


def test_a_leader_must_have_a_centre_and_nothing_typed_is_lost(client_for, coordinator):
    response = _invite(client_for(coordinator))
    page = response.content.decode()
    assert response.status_code == 200 and not User.objects.filter(email="nina.lie@example.no")
    assert "Velg sentralen den daglige lederen arbeider for." in page
    assert 'value="nina.lie@example.no"' in page


def test_an_address_already_in_use_is_refused(client_for, coordinator, leader_a):
    leader_a.email = "nina.lie@example.no"
    leader_a.save()
    response = _invite(client_for(coordinator), role="reader")
    assert "Det finnes allerede en bruker med denne e-postadressen." in response.content.decode()


def test_a_centre_of_another_municipality_is_not_offered(client_for, coordinator, other_centre):
    response = _invite(client_for(coordinator), centre=other_centre.pk)
    assert response.status_code == 200 and not Invitation.objects.exists()


def test_an_expired_link_does_not_work_and_resending_gives_a_new_one(
    client_for, coordinator, settings
):
    settings.INVITATION_DAYS = 3
    past = timezone.now() - datetime.timedelta(days=4)
    invitation, old = people.invite_person(
        municipality=coordinator.municipality,
        email="lars@example.no",
        first_name="Lars",
        last_name="Berg",
        role="reader",
        by=coordinator,
        now=past,
        quiet=True,
    )
    client = client_for(coordinator)
    page = client.get(reverse("people")).content.decode()
    assert "Invitasjonen er utløpt" in page
    client.logout()
    assert client.get(reverse("invitation_accept", args=[old])).status_code == 404

    new = people.resend_invitation(invitation=invitation, by=coordinator, quiet=True)
    invitation.refresh_from_db()
    assert invitation.send_count == 2
    assert invitation.expires_at > timezone.now() + datetime.timedelta(days=2)
    assert client.get(reverse("invitation_accept", args=[new])).status_code == 200
    assert client.get(reverse("invitation_accept", args=[old])).status_code == 404


def test_resend_and_withdraw_from_the_people_page(
    client_for, coordinator, django_capture_on_commit_callbacks
):
    invitation, token = people.invite_person(
        municipality=coordinator.municipality,
        email="lars@example.no",
        first_name="Lars",
        last_name="Berg",
        role="coordinator",
        by=coordinator,
        quiet=True,
    )
    lars = invitation.user
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("invitation_resend", args=[lars.pk]))
    assert len(mail.outbox) == 1
    assert client.get(reverse("invitation_accept", args=[token])).status_code == 404

    client.post(reverse("invitation_withdraw", args=[lars.pk]))
    client_for(coordinator)
    page = client.get(reverse("people")).content.decode()
    assert "Invitasjonen er trukket tilbake" in page
    client.logout()
    assert client.get(_link(mail.outbox[0]).split("8000", 1)[-1]).status_code == 404


def test_the_people_page_shows_roles_states_and_last_login(
    client_for, coordinator, leader_a, reader, other_coordinator, query_count
):
    leader_a.last_login = timezone.make_aware(datetime.datetime(2026, 11, 30, 9, 15))
    leader_a.save()
    client = client_for(coordinator)
    page = client.get(reverse("people")).content.decode()
    assert leader_a.username in page or leader_a.get_full_name() in page
    assert "30. november 2026 kl. 09:15" in page
    assert "Leser" in page and "Aktiv" in page
    assert other_coordinator.username not in page

    first = query_count.get(client, reverse("people"))
    for n in range(5):
        people.invite_person(
            municipality=coordinator.municipality,
            email=f"p{n}@example.no",
            first_name="P",
            last_name=str(n),
            role="reader",
            by=coordinator,
            quiet=True,
        )
    assert query_count.get(client, reverse("people")) == first


def test_changing_a_role_and_deactivating_ends_the_sessions(
    client, client_for, coordinator, leader_a, centre_b
):
    client.force_login(leader_a)
    assert Session.objects.count() == 1
    from django.test import Client

    coordinator_client = Client()
    coordinator_client.force_login(coordinator)

    response = coordinator_client.post(
        reverse("person_role", args=[leader_a.pk]), {"role": "leader", "centre": centre_b.pk}
    )
    assert response.status_code == 302
    leader_a.refresh_from_db()
    assert leader_a.centre == centre_b

    coordinator_client.post(reverse("person_deactivate", args=[leader_a.pk]))
    leader_a.refresh_from_db()
    assert not leader_a.is_active
    assert Session.objects.count() == 1  # the coordinator's only
    assert client.get(reverse("dashboard")).status_code == 302

    coordinator_client.post(reverse("person_reactivate", args=[leader_a.pk]))
    leader_a.refresh_from_db()
    assert leader_a.is_active
    # Active again, the person logs in anew: the old session stays ended, its copy in
    # the cache (cached_db) deleted with its row.
    assert client.get(reverse("dashboard")).status_code == 302


def test_the_coordinator_cannot_deactivate_themselves(client_for, coordinator):
    client_for(coordinator).post(reverse("person_deactivate", args=[coordinator.pk]))
    coordinator.refresh_from_db()
    assert coordinator.is_active


def test_every_change_is_in_the_change_log(client_for, coordinator, leader_a):
    people.invite_person(
        municipality=coordinator.municipality,
        email="lars@example.no",
        first_name="Lars",
        last_name="Berg",
        role="reader",
        by=coordinator,
        quiet=True,
    )
    people.set_active(person=leader_a, active=False, by=coordinator)
    client = client_for(coordinator)
    log = client.get(reverse("changelog", args=["personer", coordinator.municipality_id]))
    page = log.content.decode()
    assert log.status_code == 200
    assert "Lars Berg" in page and "Invitasjon" in page
    assert "Aktiv" in page or "active" in page


@pytest.mark.parametrize("name", ["people", "person_invite"])
def test_leaders_and_readers_are_refused(client_for, leader_a, reader, name):
    for user in (leader_a, reader):
        assert client_for(user).get(reverse(name)).status_code == 403


def test_a_person_of_another_municipality_is_not_found(client_for, other_coordinator, leader_a):
    client = client_for(other_coordinator)
    assert client.get(reverse("person_role", args=[leader_a.pk])).status_code == 404
    assert client.post(reverse("person_deactivate", args=[leader_a.pk])).status_code == 404
    leader_a.refresh_from_db()
    assert leader_a.is_active
