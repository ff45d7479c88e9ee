"""The frame around the pages: health, login, logout, password reset, languages."""

from django.core import mail
from django.urls import reverse


def test_healthz_answers_without_login(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_every_page_asks_for_login_first(client, db):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_with_wrong_password_says_so_in_norwegian(client, coordinator):
    response = client.post(reverse("login"), {"username": "koordinator", "password": "feil"})
    assert response.status_code == 200
    assert "Feil brukernavn eller passord" in response.content.decode()


def test_login_and_logout(client, coordinator):
    response = client.post(reverse("login"), {"username": "koordinator", "password": "demo"})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_password_reset_sends_a_norwegian_email_with_a_working_link(client, coordinator, settings):
    client.post(reverse("password_reset"), {"email": coordinator.email})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Nytt passord til Frivillig"
    link = next(line for line in message.body.splitlines() if "/konto/nytt-passord/" in line)
    response = client.get(link.removeprefix(settings.SITE_URL), follow=True)
    assert "Lagre nytt passord" in response.content.decode()


def test_password_change(client_for, coordinator):
    client = client_for(coordinator)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "demo",
            "new_password1": "Frivillig-2026!",
            "new_password2": "Frivillig-2026!",
        },
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password("Frivillig-2026!")


def test_bokmal_by_default_and_the_language_switch(client_for, coordinator):
    client = client_for(coordinator)
    page = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert '<html lang="nb">' in page and "Frivilligsentraler" in page

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("dashboard")).content.decode()
    assert '<html lang="en">' in page and "Volunteer centres" in page

    client.post(reverse("set_language"), {"language": "nn", "next": "/"})
    page = client.get(reverse("dashboard")).content.decode()
    assert '<html lang="nn">' in page and "Frivilligsentralar" in page


def test_admin_has_every_model(client_for, admin_user):
    client = client_for(admin_user)
    for url in [
        "/admin/accounts/user/",
        "/admin/accounts/municipality/",
        "/admin/centres/centre/",
        "/admin/centres/goalperiod/",
        "/admin/meetings/meeting/",
        "/admin/meetings/followup/",
    ]:
        assert client.get(url).status_code == 200, url


def test_admin_is_closed_to_coordinators(client_for, coordinator):
    assert client_for(coordinator).get("/admin/centres/centre/").status_code == 302
