"""Logins through the real login page: django-axes locks out a username that fails too
often from one address, with a Norwegian message, until an administrator unlocks it."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

LOGIN = reverse("login")
LOCKED = "For mange mislykkede innlogginger. Prøv igjen om 15 minutter"


def attempt(client, username="kari", password="feil", address="192.0.2.10"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, times, **kwargs):
    for _ in range(times):
        response = attempt(client, **kwargs)
        assert response.status_code == 200
        assert "Feil brukernavn eller passord" in response.content.decode()


def test_four_failed_logins_still_let_the_right_password_in(client, person):
    fail(client, 4)
    response = attempt(client, password="riktig-passord")
    assert response.status_code == 302
    assert response.url == reverse("dashboard")


def test_the_fifth_failure_locks_the_username_out_with_a_norwegian_message(client, person):
    fail(client, 4)
    response = attempt(client)
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert "eller kontakt administrator" in page
    # The login page in the portal's layout, not a bare text.
    assert '<form method="post"' in page
    assert "Logg inn i Frivillig" in page


def test_a_locked_out_username_is_refused_even_with_the_right_password(client, person):
    fail(client, 5 - 1)
    attempt(client)
    response = attempt(client, password="riktig-passord")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_holds_one_username_from_one_address(client, person):
    other = UserFactory(username="ola")
    other.set_password("olas-passord")
    other.save()
    fail(client, 4)
    attempt(client)
    # The same username from another address, and another username from the same address.
    assert attempt(client, password="riktig-passord", address="198.51.100.7").status_code == 302
    client.logout()
    assert attempt(client, username="ola", password="olas-passord").status_code == 302


def test_a_successful_login_resets_the_count(client, person):
    fail(client, 4)
    assert attempt(client, password="riktig-passord").status_code == 302
    client.logout()
    fail(client, 4)
    assert attempt(client, password="riktig-passord").status_code == 302


def test_the_lockout_ends_after_fifteen_minutes(client, person):
    fail(client, 4)
    attempt(client)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert attempt(client, password="riktig-passord").status_code == 302


def test_an_administrator_sees_the_attempts_and_unlocks_the_username(client, person, admin_user):
    fail(client, 4)
    attempt(client)
    admin = client.__class__()
    admin.force_login(admin_user)
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert "kari" in listing.content.decode()
    lock = AccessAttempt.objects.get(username="kari")
    confirm = admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [lock.pk]},
    )
    assert confirm.status_code == 200
    done = admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [lock.pk], "post": "yes"},
    )
    assert done.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert attempt(client, password="riktig-passord").status_code == 302
