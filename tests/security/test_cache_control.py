"""No personal data rests in a cache on the way: every response to a logged-in user and
every download says `Cache-Control: private, no-store`, while static files and the public
pages an anonymous visitor sees stay cacheable."""

import pytest
from django.test import Client
from django.urls import reverse

NO_STORE = "private, no-store"


def directives(response) -> set[str]:
    return {d.strip() for d in response.get("Cache-Control", "").split(",") if d.strip()}


def test_a_page_for_a_logged_in_user_is_not_stored(client_for, coordinator):
    response = client_for(coordinator).get(reverse("dashboard"))
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_a_public_page_is_not_stored_once_someone_is_logged_in(client_for, coordinator):
    # The same privacy notice an anonymous visitor gets, but with the user's name in the
    # navbar.
    response = client_for(coordinator).get(reverse("privacy"))
    assert response["Cache-Control"] == NO_STORE


def test_an_admin_page_gets_the_same_value_in_place_of_djangos(client_for, admin_user):
    response = client_for(admin_user).get(reverse("admin:index"))
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


# Each download's URL arguments in the security tests' world (tests/security/conftest.py).
DOWNLOADS = {
    "surveys:export_csv": lambda w: [w.surveys.published.pk],
    "surveys:export_xlsx": lambda w: [w.surveys.published.pk],
    "surveys:deck_pdf": lambda w: [w.surveys.published.pk],
    "surveys:dossier_pdf": lambda w: [w.centre_a.slug],
    "agreements:pdf": lambda w: [w.agreements.signed.pk],
    "meetings:ics": lambda w: [w.visit_a.pk],
}


@pytest.mark.parametrize("name", DOWNLOADS)
def test_every_download_is_not_stored(client_for, world, coordinator, name):
    response = client_for(coordinator).get(reverse(name, args=DOWNLOADS[name](world)))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == NO_STORE


def test_the_personal_data_export_is_not_stored(client_for, admin_user, leader_a):
    url = reverse("admin:accounts_user_personal_data", args=[leader_a.pk])
    response = client_for(admin_user).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Cache-Control"] == NO_STORE


def test_the_personal_data_export_by_the_admin_action_is_not_stored(
    client_for, admin_user, leader_a
):
    response = client_for(admin_user).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "export_personal_data", "_selected_action": [leader_a.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == NO_STORE


def test_an_anonymous_public_page_stays_cacheable(client, db):
    response = client.get(reverse("privacy"))
    assert response.status_code == 200
    assert "no-store" not in directives(response)
    assert "private" not in directives(response)


def test_a_static_file_stays_cacheable_for_a_logged_in_user(settings, coordinator):
    # whitenoise answers from the source folders, as under `make run`.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client = Client()
    client.force_login(coordinator)
    response = client.get("/static/css/frivillig.css")
    assert response.status_code == 200
    assert "no-store" not in directives(response)
    assert "max-age" in response["Cache-Control"]
