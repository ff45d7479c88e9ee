"""The accessibility statement and the privacy notice: public, in the portal's layout, and
linked from the footer of every page."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from frivillig import pages

ACCESSIBILITY = "/tilgjengelighet/"
PRIVACY = "/personvern/"


def footer_links(page: str) -> bool:
    footer = page.split('<footer class="site-footer">', 1)[1]
    return f'href="{ACCESSIBILITY}"' in footer and f'href="{PRIVACY}"' in footer


def test_the_urls_are_the_norwegian_words():
    assert reverse("accessibility") == ACCESSIBILITY
    assert reverse("privacy") == PRIVACY


@pytest.mark.parametrize("url", [ACCESSIBILITY, PRIVACY])
@pytest.mark.parametrize("role", ["anonymous", "coordinator", "leader_a", "reader", "admin"])
def test_both_pages_answer_everyone(client_for, cast, role, url):
    response = client_for(cast[role]).get(url)

    assert response.status_code == 200
    assert footer_links(response.content.decode())


def test_the_accessibility_statement_has_the_parts_uutilsynet_asks_for(client, db, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "uu@skien.kommune.no"

    page = client.get(ACCESSIBILITY).content.decode()

    assert "<h1>Tilgjengelighetserklæring</h1>" in page
    headings = ["Lov og krav", "Status", "Kjente avvik", "Gi tilbakemelding", "Sist gjennomgått"]
    for heading in headings:
        assert f">{heading}</h2>" in page
    assert "forskrift om universell utforming" in page and "WCAG 2.1" in page
    assert "PDF/UA" in page
    assert 'href="mailto:uu@skien.kommune.no"' in page
    assert "Erklæringen ble sist gjennomgått 30. november 2026." in page


def test_the_privacy_notice_names_basis_retention_rights_and_contact(client, db, settings):
    settings.PRIVACY_CONTACT_EMAIL = "personvernombud@skien.kommune.no"
    settings.SESSION_COOKIE_AGE = 2 * 60 * 60
    settings.BACKUP_RETENTION_DAYS = 35

    page = client.get(PRIVACY).content.decode()

    assert "<h1>Personvernerklæring</h1>" in page
    assert "artikkel 6 nr. 1 bokstav e" in page
    assert "arkivloven" in page
    assert "slettes etter 90 dager" in page
    assert "avsluttes etter 2 timer uten aktivitet" in page
    assert "lagres i 35 dager" in page
    assert "ingen har logget inn på den på 12 måneder" in page
    assert "Datatilsynet" in page
    assert 'href="mailto:personvernombud@skien.kommune.no"' in page


def test_the_privacy_notice_names_the_users_municipality_as_controller(client_for, coordinator):
    page = client_for(coordinator).get(PRIVACY).content.decode()

    assert "Skien kommune er behandlingsansvarlig" in page


def test_the_pages_are_translated(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    page = client.get(ACCESSIBILITY).content.decode()

    assert '<html lang="en">' in page
    # Dates follow the language's format (frivillig/formats/en): "30 November 2026",
    # not the Norwegian "30. november 2026".
    reviewed = pages.ACCESSIBILITY_REVIEWED
    assert f"{reviewed.day} {reviewed:%B} {reviewed.year}" in page
    assert f"{reviewed.day}. " not in page.split("<main")[1]


def test_dates_read_the_norwegian_way_in_bokmal(client, db):
    reviewed = pages.ACCESSIBILITY_REVIEWED
    page = client.get(ACCESSIBILITY).content.decode()
    assert f"sist gjennomgått {reviewed.day}. " in page


@pytest.mark.parametrize(
    "url",
    [
        reverse("login"),
        reverse("password_reset"),
        reverse("password_reset_done"),
    ],
)
def test_the_public_pages_footer_links_to_both(client, db, url):
    assert footer_links(client.get(url).content.decode())


@pytest.mark.parametrize(
    "url_name", ["dashboard", "centres:list", "meetings:list", "surveys:list", "agreements:list"]
)
def test_the_portals_pages_footer_links_to_both(client_for, coordinator, url_name):
    response = client_for(coordinator).get(reverse(url_name))

    assert response.status_code == 200
    assert footer_links(response.content.decode())


def test_the_plain_error_page_links_to_both():
    page = render_to_string("500.html")

    assert f'href="{ACCESSIBILITY}"' in page and f'href="{PRIVACY}"' in page
